using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Workflows.Engine;
using Portal.Workflows.Models;

namespace Portal.Workflows.Services;

/// <summary>What an event did: the instances it started and those it resumed.</summary>
public sealed record TriggerResult(IReadOnlyList<string> Started, IReadOnlyList<string> Resumed)
{
    public static readonly TriggerResult None = new([], []);
}

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
/// when there is one (a content save), so the event and its workflow changes commit together. An event that nothing
/// waits for and no type starts with costs one indexed query (and, where change signals are not live, one check of
/// the types per request) and opens no savepoint; the writes of a run are one command for the instance (its update
/// and the removal of the rows it no longer waits on) and one per kind of row it adds.
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
    private Queries Query => PerModel<Queries>.For(db);

    public Task<TriggerResult> TriggerEventAsync(string eventName, JsonObject? input = null, string? correlationId = null) =>
        TriggerEventAsync(eventName, () => input, correlationId);

    /// <summary>
    /// As above, with the input made only when an instance resumes or starts. Read before any savepoint: most events
    /// (every content save raises several) concern no workflow at all, and then cost the two reads and nothing else. A
    /// resume claims its instance by version, so an instance another event took meanwhile is skipped.
    /// </summary>
    public async Task<TriggerResult> TriggerEventAsync(string eventName, Func<JsonObject?> input, string? correlationId)
    {
        var waiting = await Query.Waiting(db, eventName, correlationId).ToListAsync();
        var starting = await types.StartingWithAsync(eventName);
        if (waiting.Count == 0 && starting.Count == 0) return TriggerResult.None;
        var made = input();
        return await db.InTransactionAsync(async () =>
        {
            var resumed = new List<string>();
            foreach (var wait in waiting)
                if ((await ResumeCoreAsync(wait.Instance, wait.ActivityId, eventName, made)).Succeeded)
                    resumed.Add(wait.Instance.Id);

            var started = new List<string>();
            foreach (var type in starting)
                foreach (var start in type.Activities.Where(a => a.IsStart && a.Name == eventName))
                    if (await StartCoreAsync(type, start, eventName, made, correlationId) is { } id) started.Add(id);
            return new TriggerResult(started, resumed);
        });
    }

    /// <summary>Starts an instance of a type at one of its start activities (a timer, a manual run); null when the event's filter declines.</summary>
    public Task<string?> StartAsync(WorkflowType type, string startActivityId, JsonObject? input = null, string? correlationId = null) =>
        db.InTransactionAsync(async () =>
        {
            var start = type.Activity(startActivityId);
            if (start is null || !start.IsStart) return null;
            return await StartCoreAsync(type, start, start.Name, input, correlationId);
        });

    /// <summary>Resumes one instance at one of its blocking activities (a signal, a user task, a due timer).</summary>
    public Task<InstanceResult> ResumeAsync(string instanceId, string activityId, JsonObject? input = null, string eventName = "") =>
        db.InTransactionAsync(async () => await Query.Instance(db, instanceId) is { } record
            ? await ResumeCoreAsync(record, activityId, eventName, input)
            : NotFound(instanceId), r => r.Succeeded);

    /// <summary>Runs a faulted instance again from the activity that failed.</summary>
    public Task<InstanceResult> RetryAsync(string instanceId) =>
        db.InTransactionAsync(async () =>
        {
            var record = await Query.Instance(db, instanceId);
            if (record is null) return NotFound(instanceId);
            if (record.Status != WorkflowStatus.Faulted || record.FaultedActivityId is null)
                return InstanceResult.Fail($"Only a faulted instance can be retried; this one is {record.Status}.", record.Status);
            if (!await ClaimAsync(record, WorkflowStatus.Faulted)) return Changed(record);
            var type = await types.GetAsync(record.WorkflowTypeId);
            if (type is null) return InstanceResult.Fail("The instance's workflow type no longer exists.", record.Status);
            var workflow = Context(type, record);
            var activity = type.Activity(record.FaultedActivityId);
            var isEvent = activity is not null && library.Find(activity.Name)?.Kind == ActivityKind.Event;
            var halts = await Runner().RunAsync(workflow, record.FaultedActivityId, eventHappened: isEvent);
            await SaveAsync(workflow, halts, stored: true);
            return new InstanceResult(true, record.Status);
        }, r => r.Succeeded);

    /// <summary>Stops an instance for good: it no longer waits for anything.</summary>
    public Task<InstanceResult> CancelAsync(string instanceId) =>
        db.InTransactionAsync(async () =>
        {
            var record = await Query.Instance(db, instanceId);
            if (record is null) return NotFound(instanceId);
            if (record.Status is WorkflowStatus.Finished or WorkflowStatus.Aborted)
                return InstanceResult.Fail($"The instance is already {record.Status}.", record.Status);
            var changed = await Instances.Where(i => i.Id == instanceId && i.Version == record.Version)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, WorkflowStatus.Aborted)
                    .SetProperty(i => i.Version, record.Version + 1)
                    .SetProperty(i => i.SingletonKey, (string?)null)
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
            Version = 1,
            State = "{}",
            CreatedUtc = now,
            ModifiedUtc = now,
            SingletonKey = type.IsSingleton ? type.WorkflowTypeId : null,
        };
        var workflow = Context(type, record, input, eventName);
        var activity = library.Find(start.Name);
        if (activity is not null && !await activity.CanExecuteAsync(new ActivityContext(workflow, start, null))) return null;

        // A singleton's row goes in first, holding the type's key: when another unfinished instance holds it (started on
        // this node or another, committed or not), the unique index turns this one away before anything ran.
        if (type.IsSingleton && !await RowInserter<WorkflowInstanceRecord>.For(db).InsertUnlessConflictAsync(db, record)) return null;
        var halts = await Runner().RunAsync(workflow, start.ActivityId, eventHappened: true);
        await SaveAsync(workflow, halts, stored: type.IsSingleton);
        return record.Id;
    }

    private async Task<InstanceResult> ResumeCoreAsync(WorkflowInstanceRecord record, string activityId, string eventName, JsonObject? input)
    {
        if (record.Status != WorkflowStatus.Halted)
            return InstanceResult.Fail($"The instance is {record.Status}; only a halted instance can be resumed.", record.Status);
        var type = await types.GetAsync(record.WorkflowTypeId);
        if (type is null) return InstanceResult.Fail("The instance's workflow type no longer exists.", record.Status);
        var workflow = Context(type, record, input, eventName);
        var activityRecord = type.Activity(activityId);
        if (activityRecord is null || !workflow.State.Blocking.Contains(activityId))
            return InstanceResult.Fail($"The instance does not wait at '{activityId}'.", record.Status);
        var activity = library.Find(activityRecord.Name);
        if (activity is not null && !await activity.CanExecuteAsync(new ActivityContext(workflow, activityRecord, null)))
            return InstanceResult.Fail($"'{activity.DisplayText}' does not accept this event.", record.Status);

        if (!await ClaimAsync(record, WorkflowStatus.Halted)) return Changed(record);
        workflow.State.Blocking.Remove(activityId);
        var halts = await Runner().RunAsync(workflow, activityId, eventHappened: true);
        await SaveAsync(workflow, halts, stored: true, resumedActivityId: activityId);
        return new InstanceResult(true, record.Status);
    }

    /// <summary>The conditional update that lets one caller, and only one, run a stored instance.</summary>
    private async Task<bool> ClaimAsync(WorkflowInstanceRecord record, WorkflowStatus expected)
    {
        var claimed = await db.Database.ExecuteSqlAsync($"""
            UPDATE "WorkflowInstances" SET "Status" = {nameof(WorkflowStatus.Executing)}, "Version" = {record.Version + 1}
            WHERE "Id" = {record.Id} AND "Version" = {record.Version} AND "Status" = {expected.ToString()}
            """);
        if (claimed == 0) return false;
        record.Version++;
        return true;
    }

    /// <summary>
    /// Stores the run: a new instance's row (not <paramref name="stored"/>) with its blocking rows in one command; a stored
    /// one's update with, in the same command, the removal of what it waited on and no longer does (everything once
    /// finished; else the activity it was resumed at), then its new blocking rows; then the timers. One multi-row insert each.
    /// </summary>
    private async Task SaveAsync(WorkflowContext workflow, Dictionary<string, ActivityResult> halts, bool stored, string? resumedActivityId = null)
    {
        var record = workflow.Instance;
        record.ModifiedUtc = clock.GetUtcNow().UtcDateTime;
        var finished = record.Status == WorkflowStatus.Finished;
        if (finished) workflow.State.Blocking.Clear();
        if (record.Status is WorkflowStatus.Finished or WorkflowStatus.Aborted) record.SingletonKey = null;
        if (finished && workflow.Type.DeleteFinishedWorkflows)
        {
            if (stored)
                await db.Database.ExecuteSqlAsync($"""
                    DELETE FROM "WorkflowBlockingActivities" WHERE "InstanceId" = {record.Id};
                    DELETE FROM "WorkflowTimers" WHERE "InstanceId" = {record.Id};
                    DELETE FROM "WorkflowInstances" WHERE "Id" = {record.Id};
                    """);
            logger.LogDebug("Workflow instance {Instance} finished and was removed", record.Id);
            return;
        }

        record.State = workflow.State.ToJson();
        var blocking = finished ? [] : halts.Select(h => Blocked(workflow, h.Key, h.Value)).ToList();
        if (!stored)
            // A new instance and the rows it waits on go in one command.
            await RowInserter<WorkflowInstanceRecord>.For(db).InsertAsync(db, [record], blocking);
        else
        {
            var version = record.Version++;
            var sql = """
                UPDATE "WorkflowInstances" SET "Status" = {0}, "Version" = {1}, "State" = {2}, "FaultMessage" = {3}, "FaultedActivityId" = {4},
                    "ModifiedUtc" = {5}, "SingletonKey" = {6}
                WHERE "Id" = {7} AND "Version" = {8};
                """;
            List<object?> values = [record.Status.ToString(), record.Version, record.State, record.FaultMessage, record.FaultedActivityId,
                record.ModifiedUtc, record.SingletonKey, record.Id, version];
            // A finished instance waits on nothing any more; a resumed one no longer on the activity it was resumed at.
            if (finished)
                sql += """
                    DELETE FROM "WorkflowBlockingActivities" WHERE "InstanceId" = {7};
                    DELETE FROM "WorkflowTimers" WHERE "InstanceId" = {7};
                    """;
            else if (resumedActivityId is not null)
            {
                sql += """
                    DELETE FROM "WorkflowBlockingActivities" WHERE "InstanceId" = {7} AND "ActivityId" = {9};
                    DELETE FROM "WorkflowTimers" WHERE "InstanceId" = {7} AND "ActivityId" = {9};
                    """;
                values.Add(resumedActivityId);
            }
            await db.Database.ExecuteSqlRawAsync(sql, values!);
        }
        if (finished) return;
        if (stored) await RowInserter<WorkflowBlockingRecord>.For(db).InsertAsync(db, blocking);
        await RowInserter<WorkflowTimerRecord>.For(db).InsertAsync(db, workflow.Timers
            .Select(t => new WorkflowTimerRecord { WorkflowTypeId = record.WorkflowTypeId, InstanceId = record.Id, ActivityId = t.Key, DueUtc = t.Value })
            .ToList());
    }

    private static WorkflowBlockingRecord Blocked(WorkflowContext workflow, string activityId, ActivityResult result) => new()
    {
        InstanceId = workflow.Instance.Id,
        ActivityId = activityId,
        ActivityName = workflow.Type.Activity(activityId)!.Name,
        CorrelationId = workflow.Instance.CorrelationId,
        Data = result.BlockingData?.ToJsonString(),
        Roles = TaskRoles.Column(workflow.Type.Activity(activityId)!.Name, result.BlockingData),
    };

    private WorkflowContext Context(WorkflowType type, WorkflowInstanceRecord record, JsonObject? input = null, string eventName = "")
    {
        var state = WorkflowState.FromJson(record.State);
        if (input is not null) state.Input = (JsonObject)input.DeepClone();
        return new WorkflowContext(type, record, state, services, clock) { EventName = eventName };
    }

    private WorkflowRunner Runner() => new(db, library, options);

    private static InstanceResult NotFound(string instanceId) => InstanceResult.Fail($"No workflow instance has the id '{instanceId}'.");

    private static InstanceResult Changed(WorkflowInstanceRecord record) =>
        InstanceResult.Fail("Another event is running this instance at the same moment; it was left to that one.", record.Status);

    private sealed record WaitingInstance(WorkflowInstanceRecord Instance, string ActivityId);

    /// <summary>The reads of every event, compiled once per model.</summary>
    private sealed class Queries
    {
        /// <summary>The halted instances waiting on an event with a correlation id, with the activity that waits (index IX_WorkflowBlocking_Event).</summary>
        public readonly Func<PortalDbContext, string, string?, IAsyncEnumerable<WaitingInstance>> Waiting = EF.CompileAsyncQuery(
            (PortalDbContext db, string eventName, string? correlationId) => (
                from b in db.Set<WorkflowBlockingRecord>()
                where b.ActivityName == eventName && b.CorrelationId == correlationId
                join i in db.Set<WorkflowInstanceRecord>() on b.InstanceId equals i.Id
                where i.Status == WorkflowStatus.Halted
                select new WaitingInstance(i, b.ActivityId)).AsNoTracking());

        public readonly Func<PortalDbContext, string, Task<WorkflowInstanceRecord?>> Instance = EF.CompileAsyncQuery(
            (PortalDbContext db, string id) => db.Set<WorkflowInstanceRecord>().AsNoTracking().FirstOrDefault(i => i.Id == id));
    }
}
