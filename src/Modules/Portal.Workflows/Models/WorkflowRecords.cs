namespace Portal.Workflows.Models;

public enum WorkflowStatus { Idle, Starting, Resuming, Executing, Halted, Finished, Faulted, Aborted }

/// <summary>A stored workflow type: its Orchard JSON, and the names of its start events for finding it by event.</summary>
public sealed class WorkflowTypeRecord
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public bool IsEnabled { get; set; }
    public string Document { get; set; } = "";
    public DateTime ModifiedUtc { get; set; }
}

/// <summary>
/// One run of a workflow type. <see cref="Version"/> grows on every change: a resume claims the instance with a
/// conditional update on the version it read, so two events at once never run it twice.
/// </summary>
public sealed class WorkflowInstanceRecord
{
    public string Id { get; set; } = "";
    public string WorkflowTypeId { get; set; } = "";
    public string? CorrelationId { get; set; }
    public WorkflowStatus Status { get; set; }
    public long Version { get; set; }
    public string State { get; set; } = "{}";
    public string? FaultMessage { get; set; }
    public string? FaultedActivityId { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime ModifiedUtc { get; set; }

    /// <summary>
    /// The type's id while this unfinished instance is the one a singleton type may have (null otherwise): a unique
    /// index on it keeps a second one from starting, on one node or several.
    /// </summary>
    public string? SingletonKey { get; set; }
}

/// <summary>Where a halted instance waits: one row per blocking activity, found by event name and correlation id.</summary>
public sealed class WorkflowBlockingRecord
{
    public long Id { get; set; }
    public string InstanceId { get; set; } = "";
    public string ActivityId { get; set; } = "";
    public string ActivityName { get; set; } = "";
    public string? CorrelationId { get; set; }

    /// <summary>What a listing needs without loading the instance (a user task's roles, title and actions), as JSON.</summary>
    public string? Data { get; set; }

    /// <summary>A user task's roles as <c>|Role|Other|</c>, so the work queue filters by role in SQL (null: administrators only).</summary>
    public string? Roles { get; set; }
}

/// <summary>
/// A due time: a Delay or TimerEvent waiting inside an instance, or a type's starting TimerEvent
/// (<see cref="InstanceId"/> null). A node claims a due row before firing it, so it fires once across nodes.
/// </summary>
public sealed class WorkflowTimerRecord
{
    public long Id { get; set; }
    public string WorkflowTypeId { get; set; } = "";
    public string? InstanceId { get; set; }
    public string ActivityId { get; set; } = "";
    public DateTime DueUtc { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTime? ClaimedUntilUtc { get; set; }
}

/// <summary>A notice in the admin for one user or every member of a role (Notify activity).</summary>
public sealed class NotificationRecord
{
    public long Id { get; set; }
    public string? UserId { get; set; }
    public string? RoleName { get; set; }
    public string Message { get; set; } = "";
    public string? Url { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? ReadUtc { get; set; }
}
