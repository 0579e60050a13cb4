using System.Diagnostics;
using Portal.Testing;

namespace Portal.Cluster.Tests;

/// <summary>A node SIGKILLed in the middle of storing the first key: the cluster's next start must not inherit its half.</summary>
public sealed partial class KeyRingRaceTests
{
    [Fact]
    public async Task A_node_killed_while_storing_the_first_key_leaves_no_lock_and_no_key_and_the_next_two_nodes_store_one()
    {
        await using var database = await SiteWithoutKeysAsync();
        await using var blocker = await ConnectAsync(database);
        // SHARE lets the node take the key-ring lock and read the empty table, and holds its INSERT (ROW EXCLUSIVE) waiting.
        await using var hold = await LockKeyTableAsync(blocker, "SHARE");
        var watch = Stopwatch.StartNew();
        var killed = PortalNode.Launch(database, Settings, "killed");
        var inInsert = $"""
            SELECT coalesce(max(held.pid), 0)::bigint FROM pg_locks held
            WHERE held.locktype = 'advisory' AND held.objid = {KeyRingLock} AND held.granted AND held.{InThisDatabase}
            AND EXISTS (SELECT 1 FROM pg_locks waits WHERE waits.pid = held.pid AND NOT waits.granted
                        AND waits.relation = '"DataProtectionKeys"'::regclass)
            """;
        var backend = 0L;
        for (var deadline = DateTime.UtcNow.AddMinutes(3); backend == 0 && !killed.HasExited && DateTime.UtcNow < deadline; await Task.Delay(50))
            backend = await Scalar(blocker, inInsert);
        Assert.True(backend != 0, $"The node never waited inside its insert under the key-ring lock:\n{killed.Output}");
        var blockedAfter = watch.Elapsed;
        killed.Kill();
        await killed.DisposeAsync();

        // The backend learns that its client is gone only when its statement ends: until then it keeps the lock.
        var heldAfterKill = await Scalar(blocker, $"SELECT count(*) FROM pg_locks WHERE pid = {backend} AND locktype = 'advisory'");
        await hold.CommitAsync();
        watch.Restart();
        var lingering = 1L;
        for (var deadline = DateTime.UtcNow.AddSeconds(30); lingering > 0 && DateTime.UtcNow < deadline; await Task.Delay(50))
            lingering = await Scalar(blocker, $"SELECT count(*) FROM pg_stat_activity WHERE pid = {backend}");
        var goneAfter = watch.Elapsed;
        var locks = await Scalar(blocker, $"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = {KeyRingLock} AND {InThisDatabase}");
        var rows = new List<string>();
        await using (var read = new Npgsql.NpgsqlCommand("""SELECT "Xml" FROM "DataProtectionKeys" """, blocker))
        await using (var reader = await read.ExecuteReaderAsync())
            while (await reader.ReadAsync()) rows.Add(reader.GetString(0));

        watch.Restart();
        var nodes = await Task.WhenAll(PortalNode.StartAsync(database, Settings, "a"), PortalNode.StartAsync(database, Settings, "b"));
        try
        {
            var startedAfter = watch.Elapsed;
            var keys = await Scalar(blocker, StoredKeys);
            output.WriteLine($"Node blocked inside its first key's insert {blockedAfter.TotalSeconds:F1} s after launch, killed " +
                $"(backend {backend} still held {heldAfterKill} advisory lock(s)); once the insert could go on the backend was gone in " +
                $"{goneAfter.TotalMilliseconds:F0} ms, leaving {locks} key-ring lock(s) and {rows.Count} key row(s); " +
                $"two nodes then started in {startedAfter.TotalSeconds:F1} s and stored {keys} key(s)");
            Assert.Equal(0, lingering);
            Assert.Equal(0, locks);
            // The insert was never committed: not a half key, not even a whole one.
            Assert.Empty(rows);
            Assert.Equal(1, keys);
            await AssertSessionsWorkAcrossAsync(nodes);
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }
}
