using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Cluster;
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
/// Workflow types in the database. Events look types up on every trigger, so the parsed types are kept per node
/// (<see cref="WorkflowTypeCache"/>): a save or delete signals <see cref="SignalName"/> to every node, which drops its
/// copy. While those signals are known to arrive (<see cref="ChangeSignals.Live"/>) the copy is used without asking the
/// database; otherwise (SQLite, where a command in another process may write, or a lost listener) one query of the
/// types' modification times per scope checks it. A scope that saved types reads its own uncommitted rows and keeps
/// nothing for others.
/// </summary>
public sealed class WorkflowTypeStore(PortalDbContext db, WorkflowTypeValidator validator, WorkflowTypeCache cache, ChangeSignals signals, TimeProvider clock)
{
    /// <summary>The change signal a save or delete of a type sends to every node.</summary>
    public const string SignalName = "workflow-types";

    private DbSet<WorkflowTypeRecord> Types => db.Set<WorkflowTypeRecord>();

    // The types this scope (one request) has checked; null again after this scope writes types.
    private WorkflowTypeSet? current;
    private bool wrote;

    public async Task<IReadOnlyList<WorkflowTypeRecord>> ListAsync() =>
        await Types.AsNoTracking().OrderBy(t => t.Name).ToListAsync();

    public async Task<WorkflowType?> GetAsync(string workflowTypeId) => (await TypesAsync()).Get(workflowTypeId);

    /// <summary>Enabled types with an activity named <paramref name="eventName"/> marked as a start.</summary>
    public async Task<IReadOnlyList<WorkflowType>> StartingWithAsync(string eventName) => (await TypesAsync()).StartingWith(eventName);

    private async Task<WorkflowTypeSet> TypesAsync()
    {
        if (current is not null) return current;
        if (!wrote && signals.Live && cache.Latest is { } trusted) return current = trusted;
        var generation = cache.Generation;
        var stamps = await PerModel<StampsQuery>.For(db).Run(db).ToListAsync();
        var known = wrote ? null : cache.Latest;
        if (known is not null && known.Matches(stamps)) return current = known;
        var changed = stamps.Where(s => known?.Get(s.Id, s.ModifiedUtc) is null).Select(s => s.Id).ToList();
        var documents = changed.Count == 0 ? [] : await Types.AsNoTracking().Where(t => changed.Contains(t.Id)).ToListAsync();
        var set = WorkflowTypeSet.Build(stamps, known, documents);
        if (wrote) return set;
        return current = cache.Set(set, generation);
    }

    /// <summary>Every type's id, time of change and flag, read on every check: compiled once.</summary>
    private sealed class StampsQuery
    {
        public readonly Func<PortalDbContext, IAsyncEnumerable<WorkflowTypeStamp>> Run = EF.CompileAsyncQuery(
            (PortalDbContext db) => db.Set<WorkflowTypeRecord>().Select(t => new WorkflowTypeStamp(t.Id, t.ModifiedUtc, t.IsEnabled)));
    }

    /// <summary>This scope wrote types: other nodes and requests hear of it when its transaction commits.</summary>
    private async Task ChangedAsync()
    {
        wrote = true;
        current = null;
        cache.Clear();
        await signals.SignalAsync(db, SignalName);
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
        var conflicts = await db.InTransactionAsync(async () =>
        {
            var conflicts = await HoldSingletonKeyAsync(type);
            if (conflicts.Count > 0) return conflicts;
            await db.SaveChangesAsync();
            await ScheduleStartTimersAsync(type, now);
            await ChangedAsync();
            return conflicts;
        }, c => c.Count == 0);
        if (conflicts.Count > 0)
        {
            db.Entry(record).State = EntityState.Detached;
            return new WorkflowTypeSaveResult(null, [SingletonConflict(conflicts)]);
        }
        return new WorkflowTypeSaveResult(type, []);
    }

    /// <summary>
    /// Makes the type's unfinished instances agree with its singleton flag, before the flag is saved: a singleton's one
    /// unfinished instance takes the key (so a start while it runs is turned away, as for one started after the switch);
    /// with several unfinished the switch is refused and they are returned, since none of them may be stopped silently.
    /// A type that is no longer a singleton frees the key.
    /// </summary>
    private async Task<List<string>> HoldSingletonKeyAsync(WorkflowType type)
    {
        var instances = db.Set<WorkflowInstanceRecord>().Where(i => i.WorkflowTypeId == type.WorkflowTypeId);
        if (!type.IsSingleton)
        {
            await instances.Where(i => i.SingletonKey != null).ExecuteUpdateAsync(s => s.SetProperty(i => i.SingletonKey, (string?)null));
            return [];
        }
        var unfinished = await instances.Where(i => i.Status != WorkflowStatus.Finished && i.Status != WorkflowStatus.Aborted)
            .OrderBy(i => i.CreatedUtc).Select(i => i.Id).Take(MaxConflictsListed + 1).ToListAsync();
        if (unfinished.Count > 1) return unfinished;
        if (unfinished.Count == 1)
            await instances.Where(i => i.Id == unfinished[0] && i.SingletonKey == null)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.SingletonKey, type.WorkflowTypeId));
        return [];
    }

    private const int MaxConflictsListed = 20;

    private static string SingletonConflict(List<string> instances) =>
        $"The type cannot become a singleton while several of its instances are unfinished: " +
        $"{string.Join(", ", instances.Take(MaxConflictsListed))}{(instances.Count > MaxConflictsListed ? ", ..." : "")}. " +
        "Let them finish or cancel all but one of them (Workflows › Instances), then save again.";

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
            await ChangedAsync();
            return true;
        });
}

public sealed record WorkflowTypeStamp(string Id, DateTime ModifiedUtc, bool IsEnabled);

/// <summary>
/// Every workflow type of the database, parsed, by id and by start event. Shared read-only by concurrent runs: its
/// JSON nodes are fully materialised (DeepClone), so readers on several threads do not race on lazy parsing.
/// </summary>
public sealed class WorkflowTypeSet
{
    private readonly Dictionary<string, (DateTime Modified, WorkflowType Type)> byId;
    private readonly Dictionary<string, WorkflowType[]> byStartEvent;

    private WorkflowTypeSet(Dictionary<string, (DateTime, WorkflowType)> byId)
    {
        this.byId = byId;
        byStartEvent = byId.Values.Select(e => e.Item2).Where(t => t.IsEnabled)
            .SelectMany(t => t.Activities.Where(a => a.IsStart).Select(a => (a.Name, Type: t)).Distinct())
            .GroupBy(x => x.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Type).ToArray(), StringComparer.Ordinal);
    }

    public WorkflowType? Get(string id) => byId.TryGetValue(id, out var entry) ? entry.Type : null;

    public WorkflowType? Get(string id, DateTime modifiedUtc) => byId.TryGetValue(id, out var entry) && entry.Modified == modifiedUtc ? entry.Type : null;

    public IReadOnlyList<WorkflowType> StartingWith(string eventName) => byStartEvent.TryGetValue(eventName, out var types) ? types : [];

    /// <summary>Whether the database holds exactly these types at these times.</summary>
    public bool Matches(IReadOnlyList<WorkflowTypeStamp> stamps) =>
        stamps.Count == byId.Count && stamps.All(s => byId.TryGetValue(s.Id, out var e) && e.Modified == s.ModifiedUtc && e.Type.IsEnabled == s.IsEnabled);

    /// <summary>The set for <paramref name="stamps"/>: unchanged types from <paramref name="known"/>, the rest parsed from <paramref name="documents"/>.</summary>
    public static WorkflowTypeSet Build(IReadOnlyList<WorkflowTypeStamp> stamps, WorkflowTypeSet? known, IReadOnlyList<WorkflowTypeRecord> documents)
    {
        var records = documents.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var byId = new Dictionary<string, (DateTime, WorkflowType)>(StringComparer.Ordinal);
        foreach (var stamp in stamps)
        {
            // A row saved between the stamps and the documents query comes with a newer time: keep the time of what was read.
            if (records.TryGetValue(stamp.Id, out var record)) byId[stamp.Id] = (record.ModifiedUtc, Parse(record));
            else if (known?.Get(stamp.Id, stamp.ModifiedUtc) is { } same) byId[stamp.Id] = (stamp.ModifiedUtc, same);
        }
        return new WorkflowTypeSet(byId);
    }

    private static WorkflowType Parse(WorkflowTypeRecord record)
    {
        var type = WorkflowType.FromJson(JsonNode.Parse(record.Document)!);
        type.IsEnabled = record.IsEnabled;
        foreach (var activity in type.Activities) activity.Properties = (JsonObject)activity.Properties.DeepClone();
        return type;
    }
}

/// <summary>
/// The last set of types read, shared by all requests of a node; dropped by the change signal. A set read before a
/// drop is not kept (the generation moved), so a signal racing a read cannot leave a stale entry.
/// </summary>
public sealed class WorkflowTypeCache
{
    private readonly Lock gate = new();
    private volatile WorkflowTypeSet? latest;
    private int generation;

    public WorkflowTypeCache(ChangeSignals signals) => signals.Subscribe(WorkflowTypeStore.SignalName, Clear);

    public int Generation => Volatile.Read(ref generation);

    public WorkflowTypeSet? Latest => latest;

    /// <summary>Keeps <paramref name="set"/> unless the cache was dropped since <paramref name="readGeneration"/>.</summary>
    public WorkflowTypeSet Set(WorkflowTypeSet set, int readGeneration)
    {
        lock (gate)
        {
            if (generation == readGeneration) latest = set;
        }
        return set;
    }

    public void Clear()
    {
        lock (gate)
        {
            generation++;
            latest = null;
        }
    }
}
