using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Core.Cluster;

namespace Portal.Wishes.Services;

/// <summary>Adds the wish counts' rows up every minute on one node, so the dashboard reads one row per count.</summary>
public sealed class WishCountFolding(IServiceScopeFactory scopes, BackgroundLeases leases, TimeProvider clock, ILogger<WishCountFolding> logger)
    : OwnedBackgroundService(leases, clock, logger)
{
    protected override string LeaseName => "wishes:fold-counts";

    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    protected override async Task RunOwnedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<WishCounts>().FoldAsync(cancellationToken);
    }
}
