using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Wishes.Models;

namespace Portal.Wishes.Services;

/// <summary>
/// Opens wishes nobody claimed to organisations after <see cref="WishOptions.OpenToOrganisationsAfterDays"/>
/// (应领尽领). Each wish moves through <see cref="WishLifecycle"/>, whose conditional update lets only one
/// node move it when several run the sweep at once.
/// </summary>
public sealed class OpenToOrganisationsSweep(IServiceScopeFactory scopes, TimeProvider clock, IOptions<WishOptions> options, ILogger<OpenToOrganisationsSweep> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    /// <summary>Moves every wish that is due; returns how many moved.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var lifecycle = scope.ServiceProvider.GetRequiredService<WishLifecycle>();
        var due = clock.GetUtcNow().UtcDateTime.AddDays(-options.Value.OpenToOrganisationsAfterDays);
        var wishIds = await db.Set<WishIndexRecord>().AsNoTracking()
            .Where(w => w.Status == WishStatus.Published && w.SlotsClaimed == 0 && w.PublishedUtc != null && w.PublishedUtc <= due)
            .Select(w => w.WishId)
            .ToListAsync(cancellationToken);
        var moved = 0;
        foreach (var wishId in wishIds)
        {
            var result = await lifecycle.MoveAsync(wishId, WishStatus.OpenToOrganisations, $"Unclaimed for {options.Value.OpenToOrganisationsAfterDays} days");
            if (result.Succeeded) moved++;
        }
        return moved;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                var moved = await RunOnceAsync(stoppingToken);
                if (moved > 0) logger.LogInformation("Opened {Count} unclaimed wishes to organisations", moved);
            }
            catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
            {
                // The database may be away for a moment; the next round tries again.
                logger.LogWarning(e, "Opening unclaimed wishes to organisations failed; retrying in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
