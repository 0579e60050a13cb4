using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Content;
using Portal.Core.Data;

namespace Portal.Theme.News.Desk;

public sealed class DeskOptions
{
    /// <summary>How often the publisher looks for due schedules (seconds).</summary>
    public int PollSeconds { get; set; } = 15;

    /// <summary>How long a reviewer's preview link works (hours).</summary>
    public int ShareLinkHours { get; set; } = 72;
}

/// <summary>Publishing at a chosen time: one pending schedule per item, replaced when the editor picks another time.</summary>
public sealed class StorySchedule(PortalDbContext db, ContentManager content, TimeProvider clock, IStringLocalizer<StorySchedule> T)
{
    public async Task<IReadOnlyList<ContentError>> ScheduleAsync(string contentItemId, DateTime publishAtUtc, string? user)
    {
        if (await content.GetAsync(contentItemId, VersionOptions.Latest) is null)
            return [new("Id", T["There is no item '{0}'.", contentItemId], ContentErrorKind.NotFound)];
        if (publishAtUtc <= clock.GetUtcNow().UtcDateTime)
            return [new("PublishAt", T["Choose a time in the future."])];
        await CancelAsync(contentItemId);
        db.Add(new ScheduledPublicationRecord { ContentItemId = contentItemId, PublishAtUtc = publishAtUtc, Status = ScheduleStatus.Pending, RequestedBy = user });
        await db.SaveChangesAsync();
        return [];
    }

    public Task<int> CancelAsync(string contentItemId) =>
        db.Set<ScheduledPublicationRecord>().Where(s => s.ContentItemId == contentItemId && s.Status == ScheduleStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ScheduleStatus.Cancelled));

    public async Task<IReadOnlyDictionary<string, DateTime>> PendingAsync(IEnumerable<string> contentItemIds)
    {
        var ids = contentItemIds.ToList();
        return await db.Set<ScheduledPublicationRecord>().AsNoTracking()
            .Where(s => s.Status == ScheduleStatus.Pending && ids.Contains(s.ContentItemId))
            .ToDictionaryAsync(s => s.ContentItemId, s => s.PublishAtUtc);
    }
}

/// <summary>
/// Publishes what is due. A schedule is taken by one conditional update (Pending → Running), so with several
/// nodes polling the same database each schedule fires exactly once; one that failed is kept with its reason
/// and not retried (an editor decides). Schedules live in the database, so they survive restarts.
/// </summary>
public sealed class ScheduledPublisher(IServiceScopeFactory scopes, TimeProvider clock, IOptions<DeskOptions> options, ILogger<ScheduledPublisher> logger)
    : BackgroundService
{
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Set<ScheduledPublicationRecord>().AsNoTracking()
            .Where(s => s.Status == ScheduleStatus.Pending && s.PublishAtUtc <= now)
            .OrderBy(s => s.PublishAtUtc).Select(s => s.Id).Take(50).ToListAsync(cancellationToken);
        var published = 0;
        foreach (var id in due)
        {
            var taken = await db.Set<ScheduledPublicationRecord>().Where(s => s.Id == id && s.Status == ScheduleStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ScheduleStatus.Running), cancellationToken);
            if (taken == 0) continue; // another node has it
            await using var work = scopes.CreateAsyncScope();
            var schedules = work.ServiceProvider.GetRequiredService<PortalDbContext>();
            var record = await schedules.Set<ScheduledPublicationRecord>().FirstAsync(s => s.Id == id, cancellationToken);
            var result = await work.ServiceProvider.GetRequiredService<ContentManager>().PublishAsync(record.ContentItemId);
            record.Status = result.Succeeded ? ScheduleStatus.Done : ScheduleStatus.Failed;
            record.Error = result.Succeeded ? null : string.Join(" ", result.Errors.Select(e => e.Message));
            record.DoneUtc = clock.GetUtcNow().UtcDateTime;
            await schedules.SaveChangesAsync(cancellationToken);
            if (result.Succeeded) published++;
            else logger.LogWarning("Scheduled publication of {Item} failed: {Error}", record.ContentItemId, record.Error);
        }
        return published;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, options.Value.PollSeconds));
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
            {
                // The database may be away for a moment; the next round tries again.
                logger.LogWarning(e, "Scheduled publishing failed; retrying in {Interval}", interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
