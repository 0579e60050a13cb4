using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Cluster;
using Portal.Core.Data;
using Portal.Wishes.Models;

namespace Portal.Wishes.Services;

/// <summary>
/// Opens wishes nobody claimed to organisations after <see cref="WishOptions.OpenToOrganisationsAfterDays"/>
/// (应领尽领). One node runs it at a time (<see cref="OwnedBackgroundService"/>); each wish moves through
/// <see cref="WishLifecycle"/>, whose conditional update keeps a round that runs twice (on a takeover) harmless.
/// </summary>
public sealed class OpenToOrganisationsSweep(
    IServiceScopeFactory scopes, BackgroundLeases leases, TimeProvider clock, IOptions<WishOptions> options, ILogger<OpenToOrganisationsSweep> logger)
    : OwnedBackgroundService(leases, clock, logger)
{
    protected override string LeaseName => "wishes:open-to-organisations";

    protected override TimeSpan Interval => TimeSpan.FromMinutes(5);

    /// <summary>Moves every wish that is due; returns how many moved.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var lifecycle = scope.ServiceProvider.GetRequiredService<WishLifecycle>();
        var due = Clock.GetUtcNow().UtcDateTime.AddDays(-options.Value.OpenToOrganisationsAfterDays);
        var wishIds = await db.Set<WishIndexRecord>().AsNoTracking()
            .Where(w => w.Status == WishStatus.Published && w.SlotsClaimed == 0 && w.PublishedUtc != null && w.PublishedUtc <= due)
            .Select(w => w.WishId)
            .ToListAsync(cancellationToken);
        var moved = 0;
        foreach (var wishId in wishIds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = await lifecycle.MoveAsync(wishId, WishStatus.OpenToOrganisations, $"Unclaimed for {options.Value.OpenToOrganisationsAfterDays} days");
            if (result.Succeeded) moved++;
        }
        return moved;
    }

    protected override async Task RunOwnedAsync(CancellationToken cancellationToken)
    {
        var moved = await RunOnceAsync(cancellationToken);
        if (moved > 0) Logger.LogInformation("Opened {Count} unclaimed wishes to organisations", moved);
    }
}
