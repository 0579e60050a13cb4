using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Workflows.Engine;
using Portal.Workflows.Models;

namespace Portal.Workflows.Services;

/// <summary>What an event did: the instances it started and those it resumed.</summary>
public sealed record TriggerResult(IReadOnlyList<string> Started, IReadOnlyList<string> Resumed);

/// <summary>The outcome of an operation on one instance; on failure nothing changed.</summary>
public sealed record InstanceResult(bool Succeeded, WorkflowStatus? Status, string? Error = null)
{
    public static InstanceResult Fail(string error, WorkflowStatus? status = null) => new(false, status, error);
}

/// <summary>
/// Starts and resumes instances. An event resumes the halted instances blocked on it with the same correlation
/// id, then starts an instance of every enabled type it is the start of. Each resume first claims the instance
/// with a conditional update on the version it read (Halted, version n → Executing, n+1): of two events at once
/// only one claims it, on one node or several sharing PostgreSQL. Everything runs in the caller's transaction
/// when there is one (a content save), so the event and its workflow changes commit together.
/// </summary>
public sealed class WorkflowManager(
    PortalDbContext db,
    WorkflowTypeStore types,
    ActivityLibrary library,
    IServiceProvider services,
    TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<WorkflowOptions> options,
    ILogger<WorkflowManager> logger)
{
    private DbSet<WorkflowInstanceRecord> Instances => db.Set<WorkflowInstanceRecord>();
    private DbSet<WorkflowBlockingRecord> Blocking => db.Set<WorkflowBlockingRecord>();
    private DbSet<WorkflowTimerRecord> Timers => db.Set<WorkflowTimerRecord>();

    public Task<TriggerResult> TriggerEventAsync(string eventName, JsonObject? input = null, string? correlationId = null) =>
        TriggerEventAsync(eventName, () => input, correlationId);

    /// <summary>
    /// As above, with the input made only when an instance resumes or starts: most events (every content save) find
    /// no workflow listening, and then cost two reads and nothing else. The reads need no savepoint: a resume claims
    /// its instance by version, so an instance another event took meanwhile is skipped.
    /// </summary>
    public async Task<TriggerResult> TriggerEventAsync(string eventName, Func<JsonObject?> input, string? correlationId)
    {
        var waiting = await Blocking.AsNoTracking()
            .Where(b => b.ActivityName == eventName && b.CorrelationId == correlationId)
            .Select(b => new { b.InstanceId, b.ActivityId })
            .ToListAsync();
        var starting = await types.StartingWithAsync(eventName);
        if (waiting.Count == 0 && starting.Count == 0) return new TriggerResult([], []);
        var made = input();
        return await db.InTransactionAsync(async () =>
        {
            var resumed = new List<string>();
            foreach (var wait in waiting)
                if ((await ResumeCoreAsync(wait.InstanceId, wait.ActivityId, eventName, made, check: true)).Succeeded)
                    resumed.Add(wait.InstanceId);

            var started = new List<string>();
            foreach (var type in starting)
            {
                if (type.IsSingleton && await HasUnfinishedAsync(type.WorkflowTypeId)) continue;
                foreach (var start in type.Activities.Where(a => a.IsStart && a.Name == eventName))
                    if (await StartCoreAsync(type, start, eventName, made, correlationId) is { } id) started.Add(id);
            }
            return new TriggerResult(started, resumed);
        });
    }

    /// <summary>Starts an instance of a type at one of its start activities (a timer, a manual run); null when the event's filter declines.</summary>
    public Task<string?> StartAsync(WorkflowType type, string startActivityId, JsonObject? input = null, string? correlationId = null) =>
        db.InTransactionAsync(async () =>
        {
            var start = type.Activity(startActivityId);
            if (start is null || !start.IsStart) return null;
            if (type.IsSingleton && await HasUnfinishedAsync(type.WorkflowTypeId)) return null;
            return await StartCoreAsync(type, start, start.Name, input, correlationId);
        });

    /// <summary>Resumes one instance at one of its blocking activities (a signal, a user task, a due timer).</summary>
    public Task<InstanceResult> ResumeAsync(string instanceId, string activityId, JsonObject? input = null, string eventName = "") =>
        db.InTransactionAsync(() => ResumeCoreAsync(instanceId, activityId, eventName, input, check: true), r => r.Succeeded);

    /// <summary>Runs a faulted instance again from the activity that failed.</summary>
    public Task<InstanceResult> RetryAsync(string instanceId) =>
        db.InTransactionAsync(async () =>
        {
            var record = await Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == instanceId);
            if (record is null) return InstanceResult.Fail($"No workflow instance has the id '{instanceId}'.");
            if (record.Status != WorkflowStatus.Faulted || record.FaultedActivityId is null)
                return InstanceResult.Fail($"Only a faulted instance can be retried; this one is {record.Status}.", record.Status);
            if (!await ClaimAsync(record, WorkflowStatus.Faulted)) return Changed(record);
            var type = await types.GetAsync(record.WorkflowTypeId);
            if (type is null) return InstanceResult.Fail("The instance's workflow type no longer exists.", record.Status);
            var workflow = Context(type, record);
            var activity = type.Activity(record.FaultedActivityId);
            var isEvent = activity is not null && library.Find(activity.Name)?.Kind == ActivityKind.Event;
            var halts = await Runner().RunAsync(workflow, record.FaultedActivityId, eventHappened: isEvent);
            await SaveAsync(workflow, halts, isNew: false);
            return new InstanceResult(true, record.Status);
        }, r => r.Succeeded);

    /// <summary>Stops an instance for good: it no longer waits for anything.</summary>
    public Task<InstanceResult> CancelAsync(string instanceId) =>
        db.InTransactionAsync(async () =>
        {
            var record = await Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == instanceId);
            if (record is null) return InstanceResult.Fail($"No workflow instance has the id '{instanceId}'.");
            if (record.Status is WorkflowStatus.Finished or WorkflowStatus.Aborted)
                return InstanceResult.Fail($"The instance is already {record.Status}.", record.Status);
            var changed = await Instances.Where(i => i.Id == instanceId && i.Version == record.Version)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, WorkflowStatus.Aborted)
                    .SetProperty(i => i.Version, record.Version + 1)
                    .SetProperty(i => i.ModifiedUtc, clock.GetUtcNow().UtcDateTime));
            if (changed == 0) return Changed(record);
            await Blocking.Where(b => b.InstanceId == instanceId).ExecuteDeleteAsync();
            await Timers.Where(t => t.InstanceId == instanceId).ExecuteDeleteAsync();
            return new InstanceResult(true, WorkflowStatus.Aborted);
        }, r => r.Succeeded);

    private async Task<string?> StartCoreAsync(WorkflowType type, ActivityRecord start, string eventName, JsonObject? input, string? correlationId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var record = new WorkflowInstanceRecord
        {
            Id = IdGenerator.NewId(),
            WorkflowTypeId = type.WorkflowTypeId,
            CorrelationId = correlationId,
            Status = WorkflowStatus.Starting,
            CreatedUtc = now,
            ModifiedUtc = now,
        };
        var workflow = Context(type, record, input, eventName);
        var activity = library.Find(start.Name);
        if (activity is not null && !await activity.CanExecuteAsync(new ActivityContext(workflow, start, null))) return null;

        var halts = await Runner().RunAsync(workflow, start.ActivityId, eventHappened: true);
        await SaveAsync(workflow, halts, isNew: true);
        return record.Id;
    }

    private async Task<InstanceResult> ResumeCoreAsync(string instanceId, string activityId, string eventName, JsonObject? input, bool check)
    {
        var record = await Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == instanceId);
        if (record is null) return InstanceResult.Fail($"No workflow instance has the id '{instanceId}'.");
        if (record.Status != WorkflowStatus.Halted)
            return InstanceResult.Fail($"The instance is {record.Status}; only a halted instance can be resumed.", record.Status);
        var type = await types.GetAsync(record.WorkflowTypeId);
        if (type is null) return InstanceResult.Fail("The instance's workflow type no longer exists.", record.Status);
        var workflow = Context(type, record, input, eventName);
        var activityRecord = type.Activity(activityId);
        if (activityRecord is null || !workflow.State.Blocking.Contains(activityId))
            return InstanceResult.Fail($"The instance does not wait at '{activityId}'.", record.Status);
        var activity = library.Find(activityRecord.Name);
        if (check && activity is not null && !await activity.CanExecuteAsync(new ActivityContext(workflow, activityRecord, null)))
            return InstanceResult.Fail($"'{activity.DisplayText}' does not accept this event.", record.Status);

        if (!await ClaimAsync(record, WorkflowStatus.Halted)) return Changed(record);
        workflow.State.Blocking.Remove(activityId);
        await Blocking.Where(b => b.InstanceId == instanceId && b.ActivityId == activityId).ExecuteDeleteAsync();
        await Timers.Where(t => t.InstanceId == instanceId && t.ActivityId == activityId).ExecuteDeleteAsync();
        var halts = await Runner().RunAsync(workflow, activityId, eventHappened: true);
        await SaveAsync(workflow, halts, isNew: false);
        return new InstanceResult(true, record.Status);
    }

    /// <summary>The conditional update that lets one caller, and only one, run a stored instance.</summary>
    private async Task<bool> ClaimAsync(WorkflowInstanceRecord record, WorkflowStatus expected)
    {
        var claimed = await Instances
            .Where(i => i.Id == record.Id && i.Version == record.Version && i.Status == expected)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, WorkflowStatus.Executing).SetProperty(i => i.Version, record.Version + 1));
        if (claimed == 0) return false;
        record.Version++;
        return true;
    }

    private async Task SaveAsync(WorkflowContext workflow, Dictionary<string, ActivityResult> halts, bool isNew)
    {
        var record = workflow.Instance;
        record.ModifiedUtc = clock.GetUtcNow().UtcDateTime;
        var finished = record.Status == WorkflowStatus.Finished;
        if (finished)
        {
            workflow.State.Blocking.Clear();
            if (!isNew)
            {
                await Blocking.Where(b => b.InstanceId == record.Id).ExecuteDeleteAsync();
                await Timers.Where(t => t.InstanceId == record.Id).ExecuteDeleteAsync();
            }
            if (workflow.Type.DeleteFinishedWorkflows)
            {
                if (!isNew) await Instances.Where(i => i.Id == record.Id).ExecuteDeleteAsync();
                logger.LogDebug("Workflow instance {Instance} finished and was removed", record.Id);
                return;
            }
        }

        record.State = workflow.State.ToJson();
        if (isNew)
        {
            record.Version = 1;
            db.Add(record);
        }
        else
        {
            var version = record.Version;
            record.Version++;
            await Instances.Where(i => i.Id == record.Id && i.Version == version).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, record.Status)
                .SetProperty(i => i.Version, record.Version)
                .SetProperty(i => i.State, record.State)
                .SetProperty(i => i.FaultMessage, record.FaultMessage)
                .SetProperty(i => i.FaultedActivityId, record.FaultedActivityId)
                .SetProperty(i => i.ModifiedUtc, record.ModifiedUtc));
        }
        if (!finished)
        {
            foreach (var (activityId, result) in halts)
            {
                var name = workflow.Type.Activity(activityId)!.Name;
                db.Add(new WorkflowBlockingRecord
                {
                    InstanceId = record.Id,
                    ActivityId = activityId,
                    ActivityName = name,
                    CorrelationId = record.CorrelationId,
                    Data = result.BlockingData?.ToJsonString(),
                });
            }
            foreach (var (activityId, due) in workflow.Timers)
                db.Add(new WorkflowTimerRecord { WorkflowTypeId = record.WorkflowTypeId, InstanceId = record.Id, ActivityId = activityId, DueUtc = due });
        }
        await db.SaveChangesAsync();
        if (isNew) db.Entry(record).State = EntityState.Detached;
    }

    private async Task<bool> HasUnfinishedAsync(string workflowTypeId) =>
        await Instances.AnyAsync(i => i.WorkflowTypeId == workflowTypeId
            && i.Status != WorkflowStatus.Finished && i.Status != WorkflowStatus.Aborted);

    private WorkflowContext Context(WorkflowType type, WorkflowInstanceRecord record, JsonObject? input = null, string eventName = "")
    {
        var state = WorkflowState.FromJson(record.State);
        if (input is not null) state.Input = (JsonObject)input.DeepClone();
        return new WorkflowContext(type, record, state, services, clock) { EventName = eventName };
    }

    private WorkflowRunner Runner() => new(db, library, options);

    private static InstanceResult Changed(WorkflowInstanceRecord record) =>
        InstanceResult.Fail("Another event is running this instance at the same moment; it was left to that one.", record.Status);
}
