using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Cluster;
using Portal.Core.Data;
using Portal.Testing;
using Portal.Workflows.Models;
using Portal.Workflows.Services;

namespace Portal.Workflows.Tests;

/// <summary>Two running nodes on one PostgreSQL database, as behind a load balancer (each with its change-signal listener).</summary>
public sealed class TwoPostgresNodes : IAsyncLifetime
{
    public PortalServer A { get; private set; } = null!;
    public PortalServer B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        A = PortalServer.On(DatabaseProvider.Postgres, new Dictionary<string, string?>());
        await ((IAsyncLifetime)A).InitializeAsync();
        B = PortalServer.NodeOf(A.Database);
        await ((IAsyncLifetime)B).InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)B).DisposeAsync();
        await ((IAsyncLifetime)A).DisposeAsync();
    }
}

public sealed class TwoNodeTests(TwoPostgresNodes nodes) : IClassFixture<TwoPostgresNodes>
{
    [Fact]
    public async Task A_singleton_started_on_two_nodes_at_one_moment_runs_once()
    {
        var go = Unique("go");
        var type = await SaveAsync(nodes.A, new WorkflowBuilder("Singleton " + go).Start("start", "SignalEvent", WorkflowBuilder.Signal(go)).Singleton()
            .Add("wait", "SignalEvent", WorkflowBuilder.Signal(Unique("never"))).Connect("start", "Done", "wait"));
        await Eventually(async () => await InScope(nodes.B, sp => sp.GetRequiredService<WorkflowTypeStore>().GetAsync(type.WorkflowTypeId)) is not null);

        // Node A starts one in a request that has not committed yet, so node B's check for an unfinished instance finds none.
        await using var scope = nodes.A.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var first = await scope.ServiceProvider.GetRequiredService<WorkflowManager>().TriggerEventAsync("SignalEvent", Go(go), "a");
            Assert.Single(first.Started);
            var second = Task.Run(() => Trigger(nodes.B, go, "b"));
            await Task.Delay(500);
            await transaction.CommitAsync();
            Assert.Empty((await second).Started);
        }

        var unfinished = await InScope(nodes.B, sp => sp.GetRequiredService<PortalDbContext>().Set<WorkflowInstanceRecord>()
            .CountAsync(i => i.WorkflowTypeId == type.WorkflowTypeId && i.Status != WorkflowStatus.Finished && i.Status != WorkflowStatus.Aborted));
        Assert.Equal(1, unfinished);
    }

    [Fact]
    public async Task After_the_singleton_finishes_or_is_cancelled_the_next_event_starts_one()
    {
        var (go, approve) = (Unique("go"), Unique("approve"));
        await SaveAsync(nodes.A, new WorkflowBuilder("Singleton " + go).Start("start", "SignalEvent", WorkflowBuilder.Signal(go)).Singleton()
            .Add("wait", "SignalEvent", WorkflowBuilder.Signal(approve)).Connect("start", "Done", "wait"));

        var first = Assert.Single((await Trigger(nodes.A, go, "one")).Started);
        Assert.Empty((await Trigger(nodes.A, go, "two")).Started);
        Assert.Single((await Trigger(nodes.A, approve, "one")).Resumed);
        var second = Assert.Single((await Trigger(nodes.A, go, "three")).Started);
        Assert.NotEqual(first, second);
        Assert.True((await InScope(nodes.A, sp => sp.GetRequiredService<WorkflowManager>().CancelAsync(second))).Succeeded);
        Assert.Single((await Trigger(nodes.A, go, "four")).Started);
    }

    [Fact]
    public async Task A_type_saved_or_disabled_on_one_node_is_seen_by_the_other_that_had_cached_the_types()
    {
        await Eventually(() => Task.FromResult(nodes.B.Services.GetRequiredService<ChangeSignals>().Live));
        var go = Unique("go");
        // With signals live node B trusts its cache and asks the database nothing: only the signal can tell it.
        Assert.Empty((await Trigger(nodes.B, go, "before")).Started);

        var builder = new WorkflowBuilder("Plain " + go).Start("start", "SignalEvent", WorkflowBuilder.Signal(go));
        await SaveAsync(nodes.A, builder);
        await Eventually(async () => (await Trigger(nodes.B, go, "x")).Started.Count == 1);

        builder.Build().IsEnabled = false;
        await SaveAsync(nodes.A, builder);
        await Eventually(async () => (await Trigger(nodes.B, go, "y")).Started.Count == 0);
    }

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private static async Task<T> InScope<T>(PortalServer node, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = node.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private static async Task<WorkflowType> SaveAsync(PortalServer node, WorkflowBuilder builder)
    {
        var result = await InScope(node, sp => sp.GetRequiredService<WorkflowTypeStore>().SaveAsync(builder.Build()));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return result.Type!;
    }

    private static Task<TriggerResult> Trigger(PortalServer node, string signal, string correlationId) =>
        InScope(node, sp => sp.GetRequiredService<WorkflowManager>().TriggerEventAsync("SignalEvent", Go(signal), correlationId));

    private static JsonObject Go(string signal) => new() { ["Signal"] = signal };

    /// <summary>Change signals travel by NOTIFY: the other node hears of a change within moments, not at once.</summary>
    private static async Task Eventually(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await condition()) return;
            await Task.Delay(100);
        }
        Assert.Fail("The other node did not see the change within 10 s.");
    }
}
