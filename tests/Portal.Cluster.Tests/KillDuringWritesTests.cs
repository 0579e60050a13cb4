using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;
using Portal.Core.Data;
using Portal.Testing;
using Xunit.Abstractions;

namespace Portal.Cluster.Tests;

/// <summary>
/// SIGKILL of a node in the middle of a burst of saves from the admin: after a restart every save the node
/// acknowledged (a redirect to the new item) is there, and the database passes its own integrity check.
/// </summary>
public abstract class KillDuringWritesSuite(DatabaseProvider provider, ITestOutputHelper output)
{
    private const int Writers = 8;

    [Fact]
    public async Task Every_acknowledged_save_survives_a_kill_9_and_the_database_is_intact()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var admin = await PortalTestHost.AttachAsync(database);
        await TwoNodeCluster.SetUpAsync(admin);
        await admin.InScopeAsync(sp => new DefinitionBuilder("Note").Parts("TitlePart").SaveAsync(sp.GetRequiredService<ContentDefinitionStore>()));
        var node = await PortalNode.StartAsync(database);

        using var client = node.NewClient();
        await PortalServer.SignInClientAsync(client, TwoNodeCluster.AdminUserName, TwoNodeCluster.Password);
        var token = await PortalServer.AntiforgeryTokenAsync(client, "/admin/content/new/Note");
        var acknowledged = new ConcurrentBag<string>();
        var sent = 0;
        var writers = Enumerable.Range(0, Writers).Select(async w =>
        {
            try
            {
                while (true)
                {
                    var title = $"burst {w}-{Interlocked.Increment(ref sent)}";
                    var response = await client.PostAsync("/admin/content/new/Note", new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["TitlePart.Title"] = title, ["submit"] = "save", ["__RequestVerificationToken"] = token,
                    }));
                    if (response.StatusCode != HttpStatusCode.Redirect)
                        throw new InvalidOperationException($"A save answered {(int)response.StatusCode}.");
                    acknowledged.Add(response.Headers.Location!.OriginalString.Split('/')[3]);
                }
            }
            catch (HttpRequestException)
            {
                // The node is gone: this request was never acknowledged.
            }
        }).ToList();
        var watch = Stopwatch.StartNew();
        while (acknowledged.Count < 300 && watch.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(10);
        node.Kill();
        await Task.WhenAll(writers);
        await node.DisposeAsync();

        await using var restarted = await PortalNode.StartAsync(database);
        var ids = acknowledged.ToHashSet();
        var found = await admin.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<ContentItemRecord>()
            .Where(r => ids.Contains(r.ContentItemId)).Select(r => r.ContentItemId).Distinct().CountAsync());
        var stored = await admin.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<ContentItemRecord>()
            .CountAsync(r => r.ContentType == "Note"));
        var integrity = await IntegrityCheckAsync(admin);

        output.WriteLine($"{provider}: {sent} saves sent, {ids.Count} acknowledged before the kill, {found} of them found after the restart " +
            $"({stored} Note items stored in all); integrity check: {integrity}");
        Assert.True(ids.Count >= 50, $"only {ids.Count} saves were acknowledged");
        Assert.Equal(ids.Count, found);
        Assert.Equal("ok", integrity);
        using var after = restarted.NewClient();
        await PortalServer.SignInClientAsync(after, TwoNodeCluster.AdminUserName, TwoNodeCluster.Password);
        Assert.Equal(HttpStatusCode.OK, (await after.GetAsync($"/admin/content/{ids.First()}/edit")).StatusCode);
    }

    /// <summary>SQLite's integrity_check; on PostgreSQL amcheck over every B-tree index of the portal's tables.</summary>
    private async Task<string> IntegrityCheckAsync(PortalTestHost admin) =>
        await admin.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            if (provider == DatabaseProvider.Sqlite)
                return await db.Database.SqlQueryRaw<string>("SELECT integrity_check AS \"Value\" FROM pragma_integrity_check").FirstAsync();
            await db.Database.ExecuteSqlRawAsync("CREATE EXTENSION IF NOT EXISTS amcheck");
            // bt_index_check raises an error on a corrupt index; heapallindexed also checks every row has its index entry.
            var indexes = await db.Database.SqlQueryRaw<int>("""
                SELECT count(bt_index_check(c.oid, true))::int AS "Value"
                FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE a.amname = 'btree' AND n.nspname = 'public'
                """).FirstAsync();
            return indexes > 0 ? "ok" : "no indexes checked";
        });
}

public sealed class SqliteKillDuringWritesTests(ITestOutputHelper output) : KillDuringWritesSuite(DatabaseProvider.Sqlite, output);

public sealed class PostgresKillDuringWritesTests(ITestOutputHelper output) : KillDuringWritesSuite(DatabaseProvider.Postgres, output);
