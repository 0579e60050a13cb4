using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Workflows.Outbox;

public enum OutboxStatus { Pending, Sending, Delivered, Failed }

/// <summary>
/// A message to send (a mail, a webhook call), stored in the transaction of the workflow step that made it and
/// delivered afterwards by <see cref="OutboxDelivery"/>. Pending until due, Sending while a node holds the claim,
/// then Delivered, or Failed after <see cref="OutboxOptions.MaxAttempts"/> attempts or a permanent refusal.
/// </summary>
public sealed class OutboxMessageRecord
{
    public string Id { get; set; } = "";

    /// <summary>Which sender delivers it (<see cref="IOutboxSender.Kind"/>).</summary>
    public string Kind { get; set; } = "";

    /// <summary>Where it goes, for the admin list: the URL, or the recipients.</summary>
    public string Target { get; set; } = "";

    /// <summary>What it is about, for the admin list: the mail's subject, the request's method.</summary>
    public string Summary { get; set; } = "";

    /// <summary>What the sender needs, as JSON. Never a secret: a webhook names its signing secret, read at sending time.</summary>
    public string Payload { get; set; } = "{}";

    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime NextAttemptUtc { get; set; }
    public DateTime? LastAttemptUtc { get; set; }
    public DateTime? DeliveredUtc { get; set; }
    public string? LastError { get; set; }

    /// <summary>What the last attempt got back, as JSON (a webhook's status code and the start of its body).</summary>
    public string? Result { get; set; }

    public string? ClaimedBy { get; set; }
    public DateTime? ClaimedUntilUtc { get; set; }

    /// <summary>The workflow instance waiting for the outcome at <see cref="ActivityId"/>, if any.</summary>
    public string? InstanceId { get; set; }
    public string? ActivityId { get; set; }
}

/// <summary>The "Portal:Workflows:Outbox" section: how often and how long undelivered messages are retried.</summary>
public sealed class OutboxOptions
{
    /// <summary>The wait after the first failed attempt; each further failure doubles it, up to <see cref="MaxRetrySeconds"/>.</summary>
    public double FirstRetrySeconds { get; set; } = 30;

    public double MaxRetrySeconds { get; set; } = 3600;

    /// <summary>Attempts before a message is marked Failed (with the defaults the last comes about an hour after the first).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How long one attempt may take (a server that hangs counts as a failed attempt).</summary>
    public double AttemptTimeoutSeconds { get; set; } = 30;

    /// <summary>How long delivered messages stay listed in the admin.</summary>
    public double KeepDeliveredDays { get; set; } = 30;

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1, after <paramref name="attempt"/> failed ones.</summary>
    public TimeSpan RetryDelay(int attempt) =>
        TimeSpan.FromSeconds(Math.Min(MaxRetrySeconds, FirstRetrySeconds * Math.Pow(2, Math.Max(0, attempt - 1))));
}

internal sealed class OutboxModel : IModelContributor
{
    public void Configure(ModelBuilder modelBuilder, DatabaseProvider provider) =>
        modelBuilder.Entity<OutboxMessageRecord>(e =>
        {
            e.ToTable("OutboxMessages");
            e.HasKey(m => m.Id);
            e.Property(m => m.Id).HasMaxLength(26);
            e.Property(m => m.Kind).HasMaxLength(32);
            e.Property(m => m.Target).HasMaxLength(1000);
            e.Property(m => m.Summary).HasMaxLength(300);
            e.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(m => m.LastError).HasMaxLength(2000);
            e.Property(m => m.ClaimedBy).HasMaxLength(128);
            e.Property(m => m.InstanceId).HasMaxLength(26);
            e.Property(m => m.ActivityId).HasMaxLength(64);
        });
}
