using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Core.Modules;
using Portal.Search.Services;
using Portal.Testing;
using Portal.Web;

namespace Portal.Search.Tests.Services;

/// <summary>Holds a publish inside its transaction, after the search handler wrote its document, until the test lets it go.</summary>
public sealed class PublishGate
{
    private readonly ConcurrentDictionary<string, (TaskCompletionSource Entered, TaskCompletionSource Release)> gates = new();

    public (Task Entered, Action Release) Hold(string marker)
    {
        var gate = (new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        gates[marker] = gate;
        return (gate.Item1.Task, () => gate.Item2.TrySetResult());
    }

    internal async Task PassAsync(ContentItem item)
    {
        foreach (var (marker, gate) in gates)
        {
            if (item.DisplayText?.Contains(marker) != true) continue;
            gate.Entered.TrySetResult();
            await gate.Release.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
    }
}

/// <summary>Registered after every module, so its handler runs after the search handler, still inside the publish's transaction.</summary>
public sealed class PublishGateModule : PortalModule
{
    public override string Name => "Tests.PublishGate";

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<PublishGate>();
        services.AddScoped<ContentHandler, GateHandler>();
    }

    private sealed class GateHandler(PublishGate gate) : ContentHandler
    {
        public override Task PublishedAsync(ContentContext context) => gate.PassAsync(context.Item);
    }
}

public abstract class RebuildRaceTests(DatabaseProvider provider) : IAsyncLifetime
{
    private PortalTestHost host = null!;

    public async Task InitializeAsync()
    {
        host = await PortalTestHost.StartAsync(provider, [.. PortalModules.All, new PublishGateModule()]);
        await host.InScopeAsync(sp => new DefinitionBuilder("Note").Parts("TitlePart").SaveAsync(sp.GetRequiredService<Portal.Core.Content.Definitions.ContentDefinitionStore>()));
        await host.InScopeAsync(async sp =>
        {
            var errors = await sp.GetRequiredService<Portal.Core.Content.Definitions.ContentDefinitionStore>().AlterAsync(d =>
                SearchIndexSettings.SetIncluded(d.ContentTypes.First(t => t.Name == "Note").Parts.First(p => p.PartName == "TitlePart").Settings, true));
            Assert.Empty(errors);
        });
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_publish_in_flight_when_a_rebuild_starts_is_in_the_rebuilt_index()
    {
        var m = "r" + Guid.NewGuid().ToString("N")[..10];
        var (entered, release) = host.Services.GetRequiredService<PublishGate>().Hold(m);
        var publish = Task.Run(() => host.InScopeAsync(async sp =>
        {
            var content = sp.GetRequiredService<ContentManager>();
            var item = (await content.NewAsync("Note"))!;
            item.Part("TitlePart")["Title"] = $"重建时正在发布 {m}";
            var result = await content.CreateAsync(item, publish: true);
            Assert.True(result.Succeeded, result.ToString());
            return item.ContentItemId;
        }));
        await entered.WaitAsync(TimeSpan.FromSeconds(60));

        var rebuild = Task.Run(() => host.InScopeAsync(sp => sp.GetRequiredService<SearchRebuilder>().RunAsync()));
        // Time for a rebuild that did not wait for the publish to claim its generation, miss the uncommitted item and swap.
        await Task.WhenAny(rebuild, Task.Delay(TimeSpan.FromSeconds(2)));
        release();
        var id = await publish;
        Assert.True(await rebuild);

        var results = await host.InScopeAsync(sp => sp.GetRequiredService<ISearchService>().SearchAsync(new SearchRequest(m)));
        Assert.Equal([id], results.Hits.Select(h => h.ContentItemId));
        var state = await host.InScopeAsync(sp => sp.GetRequiredService<SearchStore>().StateAsync());
        Assert.Null(state.BuildingGeneration);
        Assert.True(state.ActiveGeneration > 1);
    }
}

public sealed class SqliteRebuildRaceTests() : RebuildRaceTests(DatabaseProvider.Sqlite);
public sealed class PostgresRebuildRaceTests() : RebuildRaceTests(DatabaseProvider.Postgres);
