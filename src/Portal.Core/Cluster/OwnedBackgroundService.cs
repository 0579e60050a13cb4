using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Portal.Core.Cluster;

/// <summary>
/// Background work that one node runs at a time: every node runs the service, and the one holding the lease
/// <see cref="LeaseName"/> calls <see cref="RunOwnedAsync"/> every <see cref="Interval"/>. The others poll the lease
/// and take it over when the owner dies (within the lease duration, <c>Portal:Cluster:LeaseSeconds</c>) or stops
/// (at once: a stopping owner releases it). While the work runs the lease is renewed; if renewal fails the work's
/// token is cancelled, since another node may take over. A taken-over job runs again at once, so a round may run
/// twice: make each round safe to repeat (conditional updates, as <c>WishLifecycle</c> does). New work need not wait
/// for the interval: <see cref="RunSoon"/> (e.g. from a change signal, which reaches every node) and
/// <see cref="RunNextRoundAt"/> (a round that knows when its next work is due) bring the next round forward.
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

    private readonly SemaphoreSlim wake = new(0, 1);
    private DateTimeOffset? requestedRound;

    /// <summary>Runs the next round now rather than after the interval (on the owner; a no-op elsewhere until it owns the lease).</summary>
    public void RunSoon()
    {
        lock (wake)
        {
            requestedRound = DateTimeOffset.MinValue;
            if (wake.CurrentCount == 0) wake.Release();
        }
    }

    /// <summary>Called from a round: the next round runs no later than <paramref name="at"/>.</summary>
    protected void RunNextRoundAt(DateTimeOffset at)
    {
        lock (wake)
            if (requestedRound is null || at < requestedRound) requestedRound = at;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextRound = DateTimeOffset.MinValue;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                nextRound = Sooner(nextRound);
                if (await TryHoldAsync(stoppingToken) && clock.GetUtcNow() >= nextRound)
                {
                    nextRound = clock.GetUtcNow() + Interval;
                    await RunRoundAsync(stoppingToken);
                    nextRound = Sooner(nextRound);
                }
                var untilNext = nextRound - clock.GetUtcNow();
                await WaitAsync(!IsOwner ? RenewEvery : untilNext < TimeSpan.Zero ? TimeSpan.Zero : untilNext < RenewEvery ? untilNext : RenewEvery, stoppingToken);
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

    /// <summary>The next round's time, brought forward by <see cref="RunSoon"/> or <see cref="RunNextRoundAt"/>.</summary>
    private DateTimeOffset Sooner(DateTimeOffset nextRound)
    {
        lock (wake)
        {
            var sooner = requestedRound < nextRound ? requestedRound.Value : nextRound;
            requestedRound = null;
            return sooner;
        }
    }

    /// <summary>Sleeps for <paramref name="delay"/> or until <see cref="RunSoon"/> is called (the request itself is kept in requestedRound).</summary>
    private async Task WaitAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        using var wakeOrStop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        await Task.WhenAny(wake.WaitAsync(wakeOrStop.Token), Task.Delay(delay, clock, wakeOrStop.Token));
        await wakeOrStop.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
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
