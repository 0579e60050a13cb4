using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Portal.Core.Cluster;

/// <summary>
/// Background work that one node runs at a time: every node runs the service, and the one holding the lease
/// <see cref="LeaseName"/> calls <see cref="RunOwnedAsync"/> every <see cref="Interval"/>. The others poll the lease
/// and take it over when the owner dies (within the lease duration, <c>Portal:Cluster:LeaseSeconds</c>) or stops
/// (at once: a stopping owner releases it). While the work runs the lease is renewed; if renewal fails the work's
/// token is cancelled, since another node may take over. A taken-over job runs again at once, so a round may run
/// twice: make each round safe to repeat (conditional updates, as <c>WishLifecycle</c> does).
/// </summary>
public abstract class OwnedBackgroundService(BackgroundLeases leases, TimeProvider clock, ILogger logger) : BackgroundService
{
    protected abstract string LeaseName { get; }

    protected TimeProvider Clock => clock;

    protected ILogger Logger => logger;

    protected abstract TimeSpan Interval { get; }

    /// <summary>One round of the work, on the owning node only.</summary>
    protected abstract Task RunOwnedAsync(CancellationToken cancellationToken);

    /// <summary>True while this node holds the lease (as of its last renewal).</summary>
    public bool IsOwner { get; private set; }

    private TimeSpan RenewEvery => leases.Duration / 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextRound = DateTimeOffset.MinValue;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (await TryHoldAsync(stoppingToken) && clock.GetUtcNow() >= nextRound)
                {
                    await RunRoundAsync(stoppingToken);
                    nextRound = clock.GetUtcNow() + Interval;
                }
                var untilNext = nextRound - clock.GetUtcNow();
                await Task.Delay(IsOwner && untilNext < RenewEvery && untilNext > TimeSpan.Zero ? untilNext : RenewEvery, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        if (IsOwner)
        {
            IsOwner = false;
            await ReleaseQuietlyAsync();
        }
    }

    private async Task RunRoundAsync(CancellationToken stoppingToken)
    {
        using var owned = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewing = KeepRenewingAsync(owned);
        try
        {
            await RunOwnedAsync(owned.Token);
        }
        catch (OperationCanceledException) when (owned.IsCancellationRequested)
        {
            if (!stoppingToken.IsCancellationRequested)
                logger.LogWarning("{Job}: the lease was lost during a round; another node takes over", LeaseName);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The next round tries again: the database may be away for a moment.
            logger.LogWarning(e, "{Job}: a round failed; retrying in {Interval}", LeaseName, Interval);
        }
        finally
        {
            await owned.CancelAsync();
            await renewing;
        }
    }

    private async Task KeepRenewingAsync(CancellationTokenSource owned)
    {
        try
        {
            while (true)
            {
                await Task.Delay(RenewEvery, clock, owned.Token);
                if (!await TryHoldAsync(owned.Token))
                {
                    await owned.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<bool> TryHoldAsync(CancellationToken cancellationToken)
    {
        bool held;
        try
        {
            held = await leases.TryAcquireAsync(LeaseName, cancellationToken);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            logger.LogWarning("{Job}: the lease cannot be checked ({Reason})", LeaseName, e.Message);
            held = false;
        }
        if (held != IsOwner)
            logger.LogInformation(held ? "{Job}: this node ({Node}) now runs it" : "{Job}: this node ({Node}) no longer runs it", LeaseName, leases.NodeId);
        return IsOwner = held;
    }

    private async Task ReleaseQuietlyAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await leases.ReleaseAsync(LeaseName, timeout.Token);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or OperationCanceledException)
        {
            logger.LogWarning("{Job}: the lease could not be released ({Reason}); it expires by itself", LeaseName, e.Message);
        }
    }
}
