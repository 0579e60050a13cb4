using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Cluster;
using Portal.Core.Content.Definitions;
using Portal.Core.Data;
using Portal.Testing;

namespace Portal.Core.Tests.Cluster;

/// <summary>On SQLite one process owns the database: signals are raised in-process, after the commit.</summary>
public sealed class InProcessSignalTests : IAsyncLifetime
{
    private PortalTestHost host = null!;

    public async Task InitializeAsync() => host = await PortalTestHost.StartAsync(DatabaseProvider.Sqlite);

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_signal_is_raised_when_its_transaction_commits_never_before_and_never_after_a_rollback()
    {
        var signals = host.Services.GetRequiredService<ChangeSignals>();
        var heard = new List<string>();
        using var subscription = signals.Subscribe("prices", () => heard.Add("prices"));

        await host.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            await db.InTransactionAsync(async () => { await signals.SignalAsync(db, "prices"); return false; }, ok => ok);
            Assert.Empty(heard);
            await db.InTransactionAsync(async () =>
            {
                await signals.SignalAsync(db, "prices");
                Assert.Empty(heard);
                return true;
            });
            Assert.Single(heard);
            await signals.SignalAsync(db, "prices");
        });

        Assert.Equal(2, heard.Count);
        Assert.False(signals.Live);
    }

    [Fact]
    public async Task Saving_definitions_signals_them_and_a_disposed_subscription_hears_nothing_more()
    {
        var signals = host.Services.GetRequiredService<ChangeSignals>();
        var heard = 0;
        var subscription = signals.Subscribe(ContentDefinitionStore.SignalName, () => heard++);

        await host.InScopeAsync(sp => new DefinitionBuilder("Leaflet").Parts("TitlePart").SaveAsync(sp.GetRequiredService<ContentDefinitionStore>()));
        subscription.Dispose();
        await host.InScopeAsync(sp => new DefinitionBuilder("Poster").Parts("TitlePart").SaveAsync(sp.GetRequiredService<ContentDefinitionStore>()));

        Assert.Equal(1, heard);
    }
}
