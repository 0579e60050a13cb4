using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Cluster;
using Portal.Core.Data;
using Portal.Testing;
using Xunit.Abstractions;

namespace Portal.Cluster.Tests;

/// <summary>Two nodes starting at once on a database without a data-protection key.</summary>
public sealed partial class KeyRingRaceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Two_nodes_making_the_first_key_at_once_end_with_one_key_and_a_session_from_either_works_on_both()
    {
        await using var database = await SiteWithoutKeysAsync();

        // Writes to the key table wait until both nodes have read it empty and set out to make a key.
        await using var blocker = await ConnectAsync(database);
        await using var hold = await LockKeyTableAsync(blocker, "EXCLUSIVE");
        var starting = new[] { PortalNode.StartAsync(database, Settings, "a"), PortalNode.StartAsync(database, Settings, "b") };
        var waiting = 0L;
        for (var deadline = DateTime.UtcNow.AddMinutes(3); waiting < 2 && DateTime.UtcNow < deadline; await Task.Delay(100))
            waiting = await Scalar(blocker, $"""
                SELECT count(*) FROM pg_locks WHERE NOT granted
                AND (relation = '"DataProtectionKeys"'::regclass OR (locktype = 'advisory' AND objid = {KeyRingLock} AND {InThisDatabase}))
                """);
        Assert.Equal(2, waiting);
        await hold.CommitAsync();
        var nodes = await Task.WhenAll(starting);
        try
        {
            var keys = await Scalar(blocker, StoredKeys);
            output.WriteLine($"Both nodes made a first key at once: {keys} key(s) stored");
            Assert.Equal(1, keys);
            await AssertSessionsWorkAcrossAsync(nodes);
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_needless_key_is_not_stored_but_a_rollover_and_a_key_after_revoking_all_are()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProvider.Sqlite);
        var keys = host.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.KeyManagement.IKeyManager>();
        Task<int> Stored() => host.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<DataProtectionKeyRecord>()
            .CountAsync(k => k.Xml.StartsWith("<key ")));
        var now = DateTimeOffset.UtcNow;
        var first = Assert.Single(keys.GetAllKeys());
        Assert.Equal(1, await Stored());

        keys.CreateNewKey(now, now.AddDays(90)); // what a second node starting now would make
        Assert.Equal(1, await Stored());
        keys.CreateNewKey(first.ExpirationDate, first.ExpirationDate.AddDays(90)); // the rollover before the first expires
        Assert.Equal(2, await Stored());
        keys.RevokeAllKeys(now, "compromised");
        var protector = host.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>().CreateProtector("test");
        Assert.Equal([7], protector.Unprotect(protector.Protect([7])));
        // The key manager makes the replacement while it refreshes the ring, in the background.
        for (var deadline = DateTime.UtcNow.AddSeconds(20); await Stored() < 3 && DateTime.UtcNow < deadline; await Task.Delay(100))
            protector.Protect([7]);
        Assert.Equal(3, await Stored());
    }

    private static readonly Dictionary<string, string?> Settings = new() { ["Portal:RateLimits:LoginPerMinute"] = "1000" };

    /// <summary>The advisory lock a node holds while it adds a key (DatabaseKeyRepository).</summary>
    private const long KeyRingLock = 0x706B6579;

    /// <summary>pg_locks lists the whole server's locks, and an advisory lock is per database: other tests' nodes take the same one.</summary>
    private const string InThisDatabase = "database = (SELECT oid FROM pg_database WHERE datname = current_database())";

    private const string StoredKeys = """SELECT count(*) FROM "DataProtectionKeys" WHERE "Xml" LIKE '<key %'""";

    /// <summary>A site set up with the micro-wish recipe whose key table is empty, as before a cluster's first start.</summary>
    private static async Task<TestDatabase> SiteWithoutKeysAsync()
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var admin = await PortalTestHost.AttachAsync(database, Settings);
        await TwoNodeCluster.SetUpAsync(admin);
        await admin.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<DataProtectionKeyRecord>().ExecuteDeleteAsync());
        return database;
    }

    /// <summary>A session begun on each node is good on the other (the key ring each holds is the one stored).</summary>
    private static async Task AssertSessionsWorkAcrossAsync(PortalNode[] nodes)
    {
        for (var from = 0; from < 2; from++)
        {
            var cookies = new CookieContainer();
            using (var signIn = nodes[from].NewClient(cookies))
                await PortalServer.SignInClientAsync(signIn, TwoNodeCluster.AdminUserName, TwoNodeCluster.Password);
            using var other = nodes[1 - from].NewClient(new CookieContainer());
            foreach (Cookie cookie in cookies.GetAllCookies())
                other.DefaultRequestHeaders.Add("Cookie", $"{cookie.Name}={cookie.Value}");
            Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/admin")).StatusCode);
        }
    }

    private static async Task<Npgsql.NpgsqlConnection> ConnectAsync(TestDatabase database)
    {
        var connection = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>A transaction holding the key table in <paramref name="mode"/> until it ends.</summary>
    private static async Task<Npgsql.NpgsqlTransaction> LockKeyTableAsync(Npgsql.NpgsqlConnection connection, string mode)
    {
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new Npgsql.NpgsqlCommand($"""LOCK TABLE "DataProtectionKeys" IN {mode} MODE""", connection);
        await command.ExecuteNonQueryAsync();
        return transaction;
    }

    private static async Task<long> Scalar(Npgsql.NpgsqlConnection connection, string sql)
    {
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
