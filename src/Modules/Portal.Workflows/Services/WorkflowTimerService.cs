using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Workflows.Activities;
using Portal.Workflows.Engine;
using Portal.Workflows.Models;

namespace Portal.Workflows.Services;

/// <summary>
/// Fires due timers and delays. A node first claims a due row for a while (PostgreSQL: <c>FOR UPDATE SKIP
/// LOCKED</c>, so nodes never wait on each other; SQLite: a conditional update of the claim columns), then
/// fires it and removes or reschedules the row in the same transaction as the workflow's changes, which first
/// confirms the claim with a conditional update (the row stays locked until the fire commits, so a node claiming an
/// expired claim again waits for it or skips it). A node that dies after claiming leaves the claim to expire, after
/// <c>Portal:Cluster:LeaseSeconds</c>, and another node fires it. Rows live in the database, so
/// they survive restarts; a starting timer that missed occurrences while the portal was down fires once, then
/// keeps to its schedule.
/// </summary>
public sealed class WorkflowTimerService(IServiceScopeFactory scopes, TimeProvider clock, IOptions<WorkflowOptions> options,
    IOptions<Portal.Core.Cluster.ClusterOptions> cluster, ILogger<WorkflowTimerService> logger)
    : BackgroundService
{
    private TimeSpan ClaimFor => TimeSpan.FromSeconds(cluster.Value.LeaseSeconds);
    private const int Batch = 50;
    private readonly string node = Environment.MachineName + ":" + Environment.ProcessId + ":" + Guid.NewGuid().ToString("N")[..6];

    /// <summary>Fires every due timer; returns how many fired.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var fired = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var claimed = await ClaimAsync(cancellationToken);
            foreach (var id in claimed)
            {
                if (await FireAsync(id)) fired++;
                if (options.Value.TimerFirePause > TimeSpan.Zero) await Task.Delay(options.Value.TimerFirePause, clock, cancellationToken);
            }
            if (claimed.Count < Batch) break;
        }
        return fired;
    }

    private async Task<List<long>> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + ClaimFor;
        if (db.Provider == DatabaseProvider.Postgres)
        {
            return await db.Database.SqlQuery<long>($"""
                UPDATE "WorkflowTimers" SET "ClaimedBy" = {node}, "ClaimedUntilUtc" = {until}
                WHERE "Id" IN (SELECT "Id" FROM "WorkflowTimers"
                               WHERE "DueUtc" <= {now} AND ("ClaimedUntilUtc" IS NULL OR "ClaimedUntilUtc" < {now})
                               ORDER BY "DueUtc" LIMIT {Batch} FOR UPDATE SKIP LOCKED)
                RETURNING "Id" AS "Value"
                """).ToListAsync(cancellationToken);
        }
        var candidates = await db.Set<WorkflowTimerRecord>().AsNoTracking()
            .Where(t => t.DueUtc <= now && (t.ClaimedUntilUtc == null || t.ClaimedUntilUtc < now))
            .OrderBy(t => t.DueUtc).Select(t => t.Id).Take(Batch).ToListAsync(cancellationToken);
        var mine = new List<long>();
        foreach (var id in candidates)
        {
            var claimed = await db.Set<WorkflowTimerRecord>()
                .Where(t => t.Id == id && (t.ClaimedUntilUtc == null || t.ClaimedUntilUtc < now))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.ClaimedBy, node).SetProperty(t => t.ClaimedUntilUtc, until), cancellationToken);
            if (claimed == 1) mine.Add(id);
        }
        return mine;
    }

    private async Task<bool> FireAsync(long timerId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var manager = scope.ServiceProvider.GetRequiredService<WorkflowManager>();
        var types = scope.ServiceProvider.GetRequiredService<WorkflowTypeStore>();
        return await db.InTransactionAsync(async () =>
        {
            var until = clock.GetUtcNow().UtcDateTime + ClaimFor;
            var confirmed = await db.Set<WorkflowTimerRecord>().Where(t => t.Id == timerId && t.ClaimedBy == node)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.ClaimedUntilUtc, until));
            if (confirmed == 0) return false;
            var timer = await db.Set<WorkflowTimerRecord>().AsNoTracking().FirstAsync(t => t.Id == timerId);
            var input = new JsonObject { ["DueUtc"] = timer.DueUtc, ["FiredUtc"] = clock.GetUtcNow().UtcDateTime };
            if (timer.InstanceId is { } instanceId)
            {
                var result = await manager.ResumeAsync(instanceId, timer.ActivityId, input);
                if (!result.Succeeded) logger.LogInformation("Timer of instance {Instance} not fired: {Reason}", instanceId, result.Error);
                await db.Set<WorkflowTimerRecord>().Where(t => t.Id == timerId).ExecuteDeleteAsync();
                return result.Succeeded;
            }
            var type = await types.GetAsync(timer.WorkflowTypeId);
            var start = type?.Activity(timer.ActivityId);
            if (type is null || start is null || !type.IsEnabled || start.Name != TimerEvent.EventName)
            {
                await db.Set<WorkflowTimerRecord>().Where(t => t.Id == timerId).ExecuteDeleteAsync();
                return false;
            }
            var started = await manager.StartAsync(type, start.ActivityId, input);
            var next = TimerEvent.Schedule(start).Next(clock.GetUtcNow().UtcDateTime);
            await db.Set<WorkflowTimerRecord>().Where(t => t.Id == timerId).ExecuteUpdateAsync(s => s
                .SetProperty(t => t.DueUtc, next).SetProperty(t => t.ClaimedBy, (string?)null).SetProperty(t => t.ClaimedUntilUtc, (DateTime?)null));
            return started is not null;
        });
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.TimerInterval, clock);
        do
        {
            try
            {
                var fired = await RunOnceAsync(stoppingToken);
                if (fired > 0) logger.LogInformation("Fired {Count} workflow timers", fired);
            }
            catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
            {
                // The database may be away for a moment, or not migrated yet; the next round tries again.
                logger.LogWarning(e, "Firing workflow timers failed; retrying in {Interval}", options.Value.TimerInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
