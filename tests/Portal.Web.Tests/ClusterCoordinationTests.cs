using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Cluster;
using Portal.Core.Content.Definitions;
using Portal.Core.Data;
using Portal.Testing;
using Portal.Wishes.Services;

namespace Portal.Web.Tests;

/// <summary>Two nodes on one PostgreSQL database: change signals between them and background work owned by one.</summary>
public sealed class PostgresCoordinationTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> ShortLeases = new() { ["Portal:Cluster:LeaseSeconds"] = "1.5" };
    private PortalServer nodeA = null!;
    private PortalServer nodeB = null!;

    public async Task InitializeAsync()
    {
        nodeA = PortalServer.On(DatabaseProvider.Postgres, ShortLeases);
        await ((IAsyncLifetime)nodeA).InitializeAsync();
        nodeB = PortalServer.NodeOf(nodeA.Database, ShortLeases);
        await ((IAsyncLifetime)nodeB).InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)nodeB).DisposeAsync();
        await ((IAsyncLifetime)nodeA).DisposeAsync();
    }

    [Fact]
    public async Task A_type_saved_on_node_A_is_seen_by_node_B_within_a_second_although_B_had_cached_the_definitions()
    {
        await WaitUntilAsync(() => nodeB.Services.GetRequiredService<ChangeSignals>().Live, TimeSpan.FromSeconds(10));
        Assert.Null(await TypeOnAsync(nodeB, "Notice"));
        var signalled = new TaskCompletionSource();
        using var _ = nodeB.Services.GetRequiredService<ChangeSignals>().Subscribe(ContentDefinitionStore.SignalName, () => signalled.TrySetResult());

        var watch = Stopwatch.StartNew();
        await using (var scope = nodeA.Services.CreateAsyncScope())
            await new DefinitionBuilder("Notice").Parts("TitlePart").SaveAsync(scope.ServiceProvider.GetRequiredService<ContentDefinitionStore>());
        await signalled.Task.WaitAsync(TimeSpan.FromSeconds(1));
        var seenAfter = watch.Elapsed;

        Assert.NotNull(await TypeOnAsync(nodeB, "Notice"));
        output.WriteLine($"Node B heard of node A's definition change {seenAfter.TotalMilliseconds:F0} ms after the save began");
    }

    [Fact]
    public async Task A_signal_sent_in_a_transaction_that_rolls_back_reaches_no_node()
    {
        await WaitUntilAsync(() => nodeB.Services.GetRequiredService<ChangeSignals>().Live, TimeSpan.FromSeconds(10));
        var heard = new List<string>();
        using var a = nodeB.Services.GetRequiredService<ChangeSignals>().Subscribe("test-rollback", () => { lock (heard) heard.Add("rollback"); });
        using var b = nodeB.Services.GetRequiredService<ChangeSignals>().Subscribe("test-commit", () => { lock (heard) heard.Add("commit"); });

        await using (var scope = nodeA.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var signals = scope.ServiceProvider.GetRequiredService<ChangeSignals>();
            await db.InTransactionAsync(async () => { await signals.SignalAsync(db, "test-rollback"); return false; }, ok => ok);
            await db.InTransactionAsync(async () => { await signals.SignalAsync(db, "test-commit"); return true; });
        }
        await WaitUntilAsync(() => { lock (heard) return heard.Count > 0; }, TimeSpan.FromSeconds(2));
        await Task.Delay(200);

        lock (heard) Assert.Equal(["commit"], heard);
    }

    [Fact]
    public async Task A_channel_signalled_twice_in_a_save_arrives_once_and_a_rolled_back_savepoint_does_not_swallow_a_later_signal()
    {
        await WaitUntilAsync(() => nodeB.Services.GetRequiredService<ChangeSignals>().Live, TimeSpan.FromSeconds(10));
        var heard = new List<string>();
        using var a = nodeB.Services.GetRequiredService<ChangeSignals>().Subscribe("test-twice", () => { lock (heard) heard.Add("twice"); });
        using var b = nodeB.Services.GetRequiredService<ChangeSignals>().Subscribe("test-savepoint", () => { lock (heard) heard.Add("savepoint"); });

        await using (var scope = nodeA.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var signals = scope.ServiceProvider.GetRequiredService<ChangeSignals>();
            await db.InTransactionAsync(async () =>
            {
                await signals.SignalAsync(db, "test-twice");
                await signals.SignalAsync(db, "test-twice");
                // A step that fails: its savepoint is rolled back, and PostgreSQL drops the NOTIFY sent in it ...
                await db.InTransactionAsync(async () => { await signals.SignalAsync(db, "test-savepoint"); return false; }, ok => ok);
                // ... so the step after it must send it again.
                await signals.SignalAsync(db, "test-savepoint");
                return true;
            });
        }
        await WaitUntilAsync(() => { lock (heard) return heard.Count >= 2; }, TimeSpan.FromSeconds(2));
        await Task.Delay(200);

        lock (heard) Assert.Equal(["savepoint", "twice"], heard.Order());
    }

    [Fact]
    public async Task The_expiry_job_runs_on_one_node_and_the_other_takes_it_over_when_the_owner_stops()
    {
        var leases = nodeA.Services.GetRequiredService<BackgroundLeases>();
        var nodeIds = new[] { leases.NodeId, nodeB.Services.GetRequiredService<BackgroundLeases>().NodeId };
        const string lease = "wishes:expiry";
        string? owner = null;
        await WaitUntilAsync(async () => (owner = await leases.OwnerAsync(lease)) is not null, TimeSpan.FromSeconds(10));
        Assert.Contains(owner, nodeIds);
        var jobs = new[] { nodeA, nodeB }.Select(n => n.Services.GetRequiredService<WishExpiry>()).ToArray();
        Assert.Single(jobs, s => s.IsOwner);

        var (ownerNode, other) = owner == nodeIds[0] ? (nodeA, nodeB) : (nodeB, nodeA);
        await ownerNode.Services.GetRequiredService<WishExpiry>().StopAsync(CancellationToken.None);
        var watch = Stopwatch.StartNew();
        var otherId = other.Services.GetRequiredService<BackgroundLeases>().NodeId;
        var otherJob = other.Services.GetRequiredService<WishExpiry>();
        // The lease row changes hands first, then the job learns it holds it: wait for both.
        await WaitUntilAsync(async () => await leases.OwnerAsync(lease) == otherId && otherJob.IsOwner, TimeSpan.FromSeconds(5));

        Assert.Equal(otherId, await leases.OwnerAsync(lease));
        Assert.True(otherJob.IsOwner);
        output.WriteLine($"Taken over {watch.ElapsedMilliseconds} ms after the owner stopped");
    }

    private static Task<ContentTypeDefinition?> TypeOnAsync(PortalServer node, string type) =>
        node.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<ContentDefinitionStore>().GetTypeAsync(type);

    private static Task WaitUntilAsync(Func<bool> condition, TimeSpan within) => WaitUntilAsync(() => Task.FromResult(condition()), within);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > within) throw new TimeoutException($"Not true within {within.TotalSeconds} s.");
            await Task.Delay(50);
        }
    }
}
