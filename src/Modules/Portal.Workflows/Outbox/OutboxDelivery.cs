using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Cluster;
using Portal.Core.Data;
using Portal.Workflows.Models;
using Portal.Workflows.Services;

namespace Portal.Workflows.Outbox;

/// <summary>
/// Sends due outbox messages, on one node at a time. Each message is claimed with a conditional update (a round that
/// runs twice around a takeover skips what the other claimed), sent outside any transaction with a time limit, then
/// marked Delivered, Pending again with exponential back-off, or Failed; a settled message resumes the workflow
/// that waits for it, in the same transaction. A node that dies mid-send leaves the claim to expire and the message
/// is sent again: delivery is at least once, and webhooks carry the message id (<c>X-Portal-Delivery</c>) so a
/// receiver can drop a repeat.
/// </summary>
public sealed class OutboxDelivery : OwnedBackgroundService
{
    private const int Batch = 20;
    private const int Parallel = 4;
    private readonly IServiceScopeFactory scopes;
    private readonly BackgroundLeases leases;
    private readonly IOptions<OutboxOptions> options;

    public OutboxDelivery(IServiceScopeFactory scopes, BackgroundLeases leases, ChangeSignals signals, TimeProvider clock,
        IOptions<OutboxOptions> options, ILogger<OutboxDelivery> logger) : base(leases, clock, logger)
    {
        this.scopes = scopes;
        this.leases = leases;
        this.options = options;
        signals.Subscribe(OutboxStore.SignalName, RunSoon);
    }

    protected override string LeaseName => "workflows:outbox";

    /// <summary>A fallback: queued messages wake the owner through the change signal, retries through <see cref="OwnedBackgroundService.RunNextRoundAt"/>.</summary>
    protected override TimeSpan Interval => TimeSpan.FromSeconds(30);

    private OutboxOptions Options => options.Value;
    private TimeSpan AttemptTimeout => TimeSpan.FromSeconds(Options.AttemptTimeoutSeconds);

    protected override async Task RunOwnedAsync(CancellationToken cancellationToken)
    {
        var sent = await RunOnceAsync(cancellationToken);
        if (sent > 0) Logger.LogInformation("Delivered {Count} outbox messages", sent);
    }

    /// <summary>Sends every due message; returns how many were delivered.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var delivered = 0;
        while (true)
        {
            var claimed = await ClaimAsync(cancellationToken);
            await System.Threading.Tasks.Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = cancellationToken },
                async (id, token) =>
                {
                    if (await DeliverAsync(id, token)) Interlocked.Increment(ref delivered);
                });
            if (claimed.Count < Batch) break;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var messages = db.Set<OutboxMessageRecord>();
        var next = await messages.Where(m => m.Status == OutboxStatus.Pending).OrderBy(m => m.NextAttemptUtc)
            .Select(m => (DateTime?)m.NextAttemptUtc).FirstOrDefaultAsync(cancellationToken);
        if (next is { } due) RunNextRoundAt(new DateTimeOffset(DateTime.SpecifyKind(due, DateTimeKind.Utc)));
        var expired = Clock.GetUtcNow().UtcDateTime.AddDays(-Options.KeepDeliveredDays);
        await messages.Where(m => m.Status == OutboxStatus.Delivered && m.DeliveredUtc < expired).ExecuteDeleteAsync(cancellationToken);
        return delivered;
    }

    private async Task<List<string>> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var messages = scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<OutboxMessageRecord>();
        var now = Clock.GetUtcNow().UtcDateTime;
        // Long enough for one attempt; a node that dies holding it leaves it to expire.
        var until = now + AttemptTimeout + leases.Duration;
        var due = await messages.AsNoTracking()
            .Where(m => (m.Status == OutboxStatus.Pending && m.NextAttemptUtc <= now) || (m.Status == OutboxStatus.Sending && m.ClaimedUntilUtc < now))
            .OrderBy(m => m.NextAttemptUtc).Select(m => m.Id).Take(Batch).ToListAsync(cancellationToken);
        var mine = new List<string>();
        foreach (var id in due)
        {
            var claimed = await messages
                .Where(m => m.Id == id && ((m.Status == OutboxStatus.Pending && m.NextAttemptUtc <= now) || (m.Status == OutboxStatus.Sending && m.ClaimedUntilUtc < now)))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Sending)
                    .SetProperty(m => m.ClaimedBy, leases.NodeId).SetProperty(m => m.ClaimedUntilUtc, until), cancellationToken);
            if (claimed == 1) mine.Add(id);
        }
        return mine;
    }

    /// <summary>One attempt at one claimed message; true when it was delivered.</summary>
    private async Task<bool> DeliverAsync(string id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<PortalDbContext>();
        var message = await db.Set<OutboxMessageRecord>().AsNoTracking()
            .FirstOrDefaultAsync(m => m.Id == id && m.ClaimedBy == leases.NodeId && m.Status == OutboxStatus.Sending, cancellationToken);
        if (message is null) return false;

        var outcome = await AttemptAsync(services, message, cancellationToken);
        var now = Clock.GetUtcNow().UtcDateTime;
        var attempts = message.Attempts + 1;
        var status = outcome.Delivered ? OutboxStatus.Delivered
            : outcome.Permanent || attempts >= Options.MaxAttempts ? OutboxStatus.Failed
            : OutboxStatus.Pending;
        var next = status == OutboxStatus.Pending ? now + Options.RetryDelay(attempts) : message.NextAttemptUtc;
        var error = outcome.Error is { Length: > 2000 } whole ? whole[..2000] : outcome.Error;
        if (status != OutboxStatus.Delivered)
            Logger.LogWarning("Outbox message {Message} ({Kind}): attempt {Attempt} failed ({Error}); {Then}", message.Id, message.Kind, attempts, error,
                status == OutboxStatus.Failed ? "marked failed" : $"next attempt at {next:u}");

        return await db.InTransactionAsync(async () =>
        {
            var recorded = await db.Set<OutboxMessageRecord>()
                .Where(m => m.Id == id && m.ClaimedBy == leases.NodeId && m.Status == OutboxStatus.Sending)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, status).SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.LastAttemptUtc, now).SetProperty(m => m.NextAttemptUtc, next)
                    .SetProperty(m => m.DeliveredUtc, status == OutboxStatus.Delivered ? now : null)
                    .SetProperty(m => m.LastError, error).SetProperty(m => m.Result, outcome.Result == null ? null : outcome.Result.ToJsonString())
                    .SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null), CancellationToken.None);
            if (recorded == 1 && status != OutboxStatus.Pending && message.InstanceId is { } instanceId && message.ActivityId is { } activityId)
                await ResumeWorkflowAsync(db, services.GetRequiredService<WorkflowManager>(), message.Id, instanceId, activityId);
            return recorded == 1 && outcome.Delivered;
        }, cancellationToken: CancellationToken.None);
    }

    private async Task<DeliveryOutcome> AttemptAsync(IServiceProvider services, OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        var sender = services.GetServices<IOutboxSender>().FirstOrDefault(s => s.Kind == message.Kind);
        if (sender is null) return DeliveryOutcome.Refused($"No sender for messages of kind '{message.Kind}' is installed.");
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(AttemptTimeout);
        try
        {
            return await sender.SendAsync(message, attempt.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryOutcome.Retry($"No answer within {Options.AttemptTimeoutSeconds:0.#} s.");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or SocketException)
        {
            return DeliveryOutcome.Retry(e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A sender's bug still counts as an attempt, so the message ends Failed instead of being claimed forever.
            Logger.LogError(e, "The {Kind} sender failed on outbox message {Message}", message.Kind, message.Id);
            return DeliveryOutcome.Retry(e.Message);
        }
    }

    /// <summary>
    /// The workflow goes on along Done or Failed. Another event may be running the instance at this moment (a
    /// branch of a fork); its claim wins, so ask again a few times before leaving the instance as it is.
    /// </summary>
    private async Task ResumeWorkflowAsync(PortalDbContext db, WorkflowManager manager, string messageId, string instanceId, string activityId)
    {
        for (var attempt = 1; ; attempt++)
        {
            var resumed = await manager.ResumeAsync(instanceId, activityId);
            if (resumed.Succeeded) return;
            var runningElsewhere = resumed.Status is WorkflowStatus.Executing or WorkflowStatus.Resuming
                || (resumed.Status == WorkflowStatus.Halted
                    && await db.Set<WorkflowBlockingRecord>().AnyAsync(b => b.InstanceId == instanceId && b.ActivityId == activityId));
            if (attempt == 3 || !runningElsewhere)
            {
                Logger.LogInformation("Outbox message {Message} settled; its workflow instance {Instance} did not resume: {Reason}", messageId, instanceId, resumed.Error);
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt));
        }
    }
}
