using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Core.Data;

namespace Portal.Core.Cluster;

/// <summary>A named piece of background work and the node that owns it until <see cref="ExpiresAt"/> (Unix milliseconds, database clock).</summary>
public sealed class BackgroundLeaseRecord
{
    public string Name { get; set; } = "";
    public string Owner { get; set; } = "";
    public long ExpiresAt { get; set; }
}

/// <summary>The "Portal:Cluster" section.</summary>
public sealed class ClusterOptions
{
    /// <summary>How long a lease lasts without renewal: a dead node's work is taken over after at most this long.</summary>
    public double LeaseSeconds { get; set; } = 30;
}

/// <summary>
/// Leases: at most one node owns a named piece of background work at a time. Taking or renewing a lease is one
/// conditional upsert, so of several nodes asking at once exactly one gets it; the database's clock decides expiry,
/// so nodes' clocks need not agree. An owner renews before expiry; when it dies, another node takes the lease once
/// it expires. See <see cref="OwnedBackgroundService"/> for the usual way to use it.
/// </summary>
public sealed class BackgroundLeases(IServiceScopeFactory scopes, IOptions<ClusterOptions> options)
{
    /// <summary>This process, as a lease owner: host, process id and a random part (a restarted process is a new owner).</summary>
    public string NodeId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    public TimeSpan Duration => TimeSpan.FromSeconds(options.Value.LeaseSeconds);

    /// <summary>Takes or renews the lease <paramref name="name"/> for <see cref="Duration"/>; false when another node holds it.</summary>
    public async Task<bool> TryAcquireAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = Now(db.Provider);
        var sql = $$"""
            INSERT INTO "BackgroundLeases" ("Name", "Owner", "ExpiresAt") VALUES ({0}, {1}, {{now}} + {2})
            ON CONFLICT ("Name") DO UPDATE SET "Owner" = excluded."Owner", "ExpiresAt" = excluded."ExpiresAt"
            WHERE "BackgroundLeases"."Owner" = excluded."Owner" OR "BackgroundLeases"."ExpiresAt" < {{now}}
            """;
        return await db.Database.ExecuteSqlRawAsync(sql, [name, NodeId, (long)Duration.TotalMilliseconds], cancellationToken) == 1;
    }

    /// <summary>Gives the lease up (on shutdown) so another node need not wait for it to expire.</summary>
    public async Task ReleaseAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await db.Set<BackgroundLeaseRecord>().Where(l => l.Name == name && l.Owner == NodeId).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The node that holds <paramref name="name"/> now, or null.</summary>
    public async Task<string?> OwnerAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var sql = $$"""SELECT "Owner" AS "Value" FROM "BackgroundLeases" WHERE "Name" = {0} AND "ExpiresAt" >= {{Now(db.Provider)}}""";
        return await db.Database.SqlQueryRaw<string>(sql, name).FirstOrDefaultAsync(cancellationToken);
    }

    private static string Now(DatabaseProvider provider) => provider == DatabaseProvider.Postgres
        ? "(extract(epoch from clock_timestamp()) * 1000)::bigint"
        : "CAST(unixepoch('subsec') * 1000 AS INTEGER)";
}
