using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Workflows.Engine;
using Portal.Workflows.Models;

namespace Portal.Workflows.Services;

/// <summary>The result of saving a workflow type: its id, or why nothing was saved.</summary>
public sealed record WorkflowTypeSaveResult(WorkflowType? Type, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Workflow types in the database. Events look types up on every trigger; the parsed documents are cached per
/// node and checked against the rows' modification time, so a type saved on one node is used at once on all.
/// </summary>
public sealed class WorkflowTypeStore(PortalDbContext db, WorkflowTypeValidator validator, WorkflowTypeCache cache, TimeProvider clock)
{
    private DbSet<WorkflowTypeRecord> Types => db.Set<WorkflowTypeRecord>();

    public async Task<IReadOnlyList<WorkflowTypeRecord>> ListAsync() =>
        await Types.AsNoTracking().OrderBy(t => t.Name).ToListAsync();

    public async Task<WorkflowType?> GetAsync(string workflowTypeId)
    {
        var record = await Types.AsNoTracking().FirstOrDefaultAsync(t => t.Id == workflowTypeId);
        return record is null ? null : cache.Get(record);
    }

    /// <summary>Enabled types with an activity named <paramref name="eventName"/> marked as a start.</summary>
    public async Task<IReadOnlyList<WorkflowType>> StartingWithAsync(string eventName)
    {
        var stamps = await Types.AsNoTracking().Where(t => t.IsEnabled).Select(t => new { t.Id, t.ModifiedUtc }).ToListAsync();
        var found = new List<WorkflowType>();
        foreach (var stamp in stamps)
        {
            var type = cache.TryGet(stamp.Id, stamp.ModifiedUtc)
                ?? cache.Get(await Types.AsNoTracking().FirstAsync(t => t.Id == stamp.Id));
            if (type.Activities.Any(a => a.IsStart && a.Name == eventName)) found.Add(type);
        }
        return found;
    }

    /// <summary>Creates or replaces a type (by id; a new id when empty). Nothing is saved when it has errors.</summary>
    public async Task<WorkflowTypeSaveResult> SaveAsync(WorkflowType type)
    {
        var errors = validator.Errors(type);
        if (errors.Count > 0) return new WorkflowTypeSaveResult(null, errors);
        if (string.IsNullOrWhiteSpace(type.WorkflowTypeId)) type.WorkflowTypeId = IdGenerator.NewId();
        if (type.WorkflowTypeId.Length > 26) return new WorkflowTypeSaveResult(null, [$"The id '{type.WorkflowTypeId}' is longer than 26 characters."]);

        var record = await Types.FirstOrDefaultAsync(t => t.Id == type.WorkflowTypeId);
        if (record is null)
        {
            record = new WorkflowTypeRecord { Id = type.WorkflowTypeId };
            db.Add(record);
        }
        record.Name = type.Name.Trim();
        record.IsEnabled = type.IsEnabled;
        record.Document = type.ToJson().ToJsonString();
        // Strictly increasing, so caches on every node see the change even within one clock tick.
        var now = clock.GetUtcNow().UtcDateTime;
        record.ModifiedUtc = now > record.ModifiedUtc ? now : record.ModifiedUtc.AddTicks(10);
        await db.InTransactionAsync(async () =>
        {
            await db.SaveChangesAsync();
            await ScheduleStartTimersAsync(type, now);
            return true;
        });
        return new WorkflowTypeSaveResult(type, []);
    }

    /// <summary>One due row per starting TimerEvent of an enabled type, at its next occurrence.</summary>
    private async Task ScheduleStartTimersAsync(WorkflowType type, DateTime now)
    {
        await db.Set<WorkflowTimerRecord>().Where(t => t.WorkflowTypeId == type.WorkflowTypeId && t.InstanceId == null).ExecuteDeleteAsync();
        if (!type.IsEnabled) return;
        foreach (var start in type.Activities.Where(a => a.IsStart && a.Name == Activities.TimerEvent.EventName))
            if (Engine.Cron.TryParse(start.Text("CronExpression"), out var cron, out _))
                db.Add(new WorkflowTimerRecord { WorkflowTypeId = type.WorkflowTypeId, ActivityId = start.ActivityId, DueUtc = cron!.Next(now) });
        await db.SaveChangesAsync();
    }

    /// <summary>Parses a type from its JSON; null with a message when it is not a workflow type.</summary>
    public static (WorkflowType? Type, string? Error) Parse(JsonNode? node)
    {
        if (node is not JsonObject) return (null, "A workflow type must be a JSON object.");
        try
        {
            return (WorkflowType.FromJson(node), null);
        }
        catch (JsonException e)
        {
            return (null, $"The workflow type is not valid: {e.Message}");
        }
    }

    public async Task<bool> DeleteAsync(string workflowTypeId) =>
        await db.InTransactionAsync(async () =>
        {
            var deleted = await Types.Where(t => t.Id == workflowTypeId).ExecuteDeleteAsync() == 1;
            if (!deleted) return false;
            var instances = db.Set<WorkflowInstanceRecord>().Where(i => i.WorkflowTypeId == workflowTypeId).Select(i => i.Id);
            await db.Set<WorkflowBlockingRecord>().Where(b => instances.Contains(b.InstanceId)).ExecuteDeleteAsync();
            await db.Set<WorkflowTimerRecord>().Where(t => t.WorkflowTypeId == workflowTypeId).ExecuteDeleteAsync();
            await db.Set<WorkflowInstanceRecord>().Where(i => i.WorkflowTypeId == workflowTypeId).ExecuteDeleteAsync();
            return true;
        });
}

/// <summary>Parsed workflow types by id and modification time (node-local; shared read-only by concurrent runs).</summary>
public sealed class WorkflowTypeCache
{
    private readonly ConcurrentDictionary<string, (DateTime Modified, WorkflowType Type)> types = new(StringComparer.Ordinal);

    public WorkflowType? TryGet(string id, DateTime modifiedUtc) =>
        types.TryGetValue(id, out var entry) && entry.Modified == modifiedUtc ? entry.Type : null;

    public WorkflowType Get(WorkflowTypeRecord record)
    {
        if (TryGet(record.Id, record.ModifiedUtc) is { } cached) return cached;
        var type = WorkflowType.FromJson(JsonNode.Parse(record.Document)!);
        type.IsEnabled = record.IsEnabled;
        // DeepClone builds fully materialised nodes, which concurrent readers may share safely.
        foreach (var activity in type.Activities) activity.Properties = (JsonObject)activity.Properties.DeepClone();
        types[record.Id] = (record.ModifiedUtc, type);
        return type;
    }
}
