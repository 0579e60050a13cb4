using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Cluster;
using Portal.Core.Content;
using Portal.Core.Data;

namespace Portal.Workflows.Outbox;

/// <summary>Delivers one kind of outbox message. Registered as <c>services.AddScoped&lt;IOutboxSender, X&gt;()</c>.</summary>
public interface IOutboxSender
{
    string Kind { get; }

    /// <summary>One attempt. Expected failures are outcomes; <paramref name="cancellationToken"/> ends an attempt that takes too long.</summary>
    Task<DeliveryOutcome> SendAsync(OutboxMessageRecord message, CancellationToken cancellationToken);
}

/// <summary>What an attempt did. A permanent failure (a refused address, a missing secret) is not retried.</summary>
public sealed record DeliveryOutcome(bool Delivered, string? Error = null, bool Permanent = false, JsonObject? Result = null)
{
    public static DeliveryOutcome Sent(JsonObject? result = null) => new(true, Result: result);
    public static DeliveryOutcome Retry(string error, JsonObject? result = null) => new(false, error, false, result);
    public static DeliveryOutcome Refused(string error, JsonObject? result = null) => new(false, error, true, result);
}

/// <summary>
/// Queues messages in the caller's transaction, so a message exists exactly when the step that made it committed;
/// nothing is sent here, so a slow or failing receiver never slows the request. The change signal wakes the
/// delivering node once the transaction commits.
/// </summary>
public sealed class OutboxStore(PortalDbContext db, ChangeSignals signals, TimeProvider clock)
{
    public const string SignalName = "workflows:outbox";

    public async Task<string> EnqueueAsync(string kind, string target, string summary, JsonObject payload, string? instanceId = null, string? activityId = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var message = new OutboxMessageRecord
        {
            Id = IdGenerator.NewId(),
            Kind = kind,
            Target = Clip(target, 1000),
            Summary = Clip(summary, 300),
            Payload = payload.ToJsonString(),
            Status = OutboxStatus.Pending,
            CreatedUtc = now,
            NextAttemptUtc = now,
            InstanceId = instanceId,
            ActivityId = activityId,
        };
        db.Add(message);
        await db.SaveChangesAsync();
        db.Entry(message).State = EntityState.Detached;
        await signals.SignalAsync(db, SignalName);
        return message.Id;
    }

    public Task<OutboxMessageRecord?> GetAsync(string id) =>
        db.Set<OutboxMessageRecord>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == id);

    /// <summary>Sends a failed or waiting message again now, with a fresh allowance of attempts; false when it is not failed or waiting.</summary>
    public async Task<bool> RetryAsync(string id)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await db.Set<OutboxMessageRecord>()
            .Where(m => m.Id == id && (m.Status == OutboxStatus.Failed || m.Status == OutboxStatus.Pending))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Pending).SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.NextAttemptUtc, now).SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null));
        if (changed == 0) return false;
        await signals.SignalAsync(db, SignalName);
        return true;
    }

    /// <summary>A page of messages, newest first, and how many there are of each status.</summary>
    public async Task<(IReadOnlyList<OutboxMessageRecord> Page, int Total, IReadOnlyDictionary<OutboxStatus, int> Counts)> ListAsync(OutboxStatus? status, int skip, int take)
    {
        var all = db.Set<OutboxMessageRecord>().AsNoTracking();
        var filtered = status is { } s ? all.Where(m => m.Status == s) : all;
        var counts = await all.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var page = await filtered.OrderByDescending(m => m.CreatedUtc).ThenByDescending(m => m.Id).Skip(skip).Take(take).ToListAsync();
        return (page, status is { } f ? counts.GetValueOrDefault(f) : counts.Values.Sum(), counts);
    }

    private static string Clip(string text, int length) => text.Length > length ? text[..length] : text;
}
