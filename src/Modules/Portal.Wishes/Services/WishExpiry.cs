using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Core.Cluster;
using Portal.Core.Data;
using Portal.Core.Settings;
using Portal.Wishes.Models;

namespace Portal.Wishes.Services;

/// <summary>
/// Expires wishes still waiting for a claimant when their deadline has passed: published or open to organisations,
/// no slot taken (a partly claimed wish stays, overdue, for staff to decide). One node runs it at a time
/// (<see cref="OwnedBackgroundService"/>); each wish moves through <see cref="WishLifecycle"/> (audit row, the expired
/// event for workflows), whose conditional update makes a round that runs twice, or beside a claim, harmless.
/// </summary>
public sealed class WishExpiry(IServiceScopeFactory scopes, BackgroundLeases leases, TimeProvider clock, ILogger<WishExpiry> logger)
    : OwnedBackgroundService(leases, clock, logger)
{
    private const int Batch = 200;

    protected override string LeaseName => "wishes:expiry";

    protected override TimeSpan Interval => TimeSpan.FromMinutes(5);

    /// <summary>Expires every wish that is due; returns how many it expired.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var expired = 0;
        var refused = new HashSet<string>();
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var now = Clock.GetUtcNow().UtcDateTime;
            var due = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<WishIndexRecord>().AsNoTracking()
                .Where(w => (w.Status == WishStatus.Published || w.Status == WishStatus.OpenToOrganisations)
                    && w.SlotsClaimed == 0 && w.DeadlineUtc < now && !refused.Contains(w.WishId))
                .OrderBy(w => w.DeadlineUtc).Select(w => new { w.WishId, w.DeadlineUtc }).Take(Batch).ToListAsync(cancellationToken);
            if (due.Count == 0) return expired;
            var lifecycle = scope.ServiceProvider.GetRequiredService<WishLifecycle>();
            var zone = await scope.ServiceProvider.GetRequiredService<SiteSettingsStore>().TimeZoneAsync();
            foreach (var wish in due)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var result = await lifecycle.MoveAsync(wish.WishId, WishStatus.Expired, $"The deadline {TimeZoneInfo.ConvertTimeFromUtc(wish.DeadlineUtc!.Value, zone):yyyy-MM-dd HH:mm} passed unclaimed");
                if (result.Succeeded) expired++;
                else if (result.ErrorKind != WishErrorKind.Conflict) refused.Add(wish.WishId);
            }
        }
    }

    protected override async Task RunOwnedAsync(CancellationToken cancellationToken)
    {
        var expired = await RunOnceAsync(cancellationToken);
        if (expired > 0) Logger.LogInformation("Expired {Count} wishes past their deadline", expired);
    }
}
