using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Workflows.Models;

namespace Portal.Workflows.Engine;

/// <summary>The instance being run: its type, state, the event at hand, and the script engine shared by its activities.</summary>
public sealed class WorkflowContext
{
    private WorkflowScripting? scripting;

    internal WorkflowContext(WorkflowType type, WorkflowInstanceRecord instance, WorkflowState state, IServiceProvider services, TimeProvider clock)
    {
        Type = type;
        Instance = instance;
        State = state;
        Services = services;
        Clock = clock;
    }

    public WorkflowType Type { get; }
    public WorkflowInstanceRecord Instance { get; }
    public WorkflowState State { get; }
    public IServiceProvider Services { get; }
    public TimeProvider Clock { get; }
    public string InstanceId => Instance.Id;
    public string? CorrelationId => Instance.CorrelationId;

    /// <summary>The name of the event being handled (empty when resumed by retry or a timer).</summary>
    public string EventName { get; internal set; } = "";

    /// <summary>A service of the run's scope (activities are singletons; what they use per request comes from here).</summary>
    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public WorkflowScripting Scripting => scripting ??= new WorkflowScripting(this);

    /// <summary>Due times asked for by activities of this run, by activity id (a Delay's end).</summary>
    internal Dictionary<string, DateTime> Timers { get; } = new(StringComparer.Ordinal);

    public void ScheduleTimer(string activityId, DateTime dueUtc) => Timers[activityId] = dueUtc;
}

/// <summary>One activity of the instance as it runs.</summary>
public sealed class ActivityContext(WorkflowContext workflow, ActivityRecord record, string? fromActivityId)
{
    public WorkflowContext Workflow => workflow;
    public ActivityRecord Record => record;
    public string ActivityId => record.ActivityId;

    /// <summary>The activity whose outcome led here (null for the one that started or resumed the run).</summary>
    public string? FromActivityId => fromActivityId;

    public JsonObject Input => workflow.State.Input;
    public JsonObject State => workflow.State.ActivityState(record.ActivityId);

    public string? Text(string property) => record.Text(property);
    public bool Flag(string property) => record.Flag(property);
    public IReadOnlyList<string> List(string property) => record.List(property);

    /// <summary>The value of a JavaScript expression property (stored as <c>{ "Expression": "..." }</c> or a string).</summary>
    public JsonNode? Evaluate(string property) =>
        Text(property) is { Length: > 0 } expression ? workflow.Scripting.Evaluate(expression, $"{record.Name}.{property}") : null;

    /// <summary>A text property with its <c>{{ expression }}</c> parts filled in.</summary>
    public string Render(string property) => workflow.Scripting.Render(Text(property) ?? "", $"{record.Name}.{property}");
}

/// <summary>Reading an activity's configured properties.</summary>
public static class ActivityProperties
{
    /// <summary>A text property; an expression property (<c>{ "Expression": "..." }</c>) gives its source.</summary>
    public static string? Text(this ActivityRecord record, string property) => record.Properties[property] switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonObject o when o["Expression"] is JsonValue e && e.TryGetValue<string>(out var s) => s,
        JsonValue v => v.ToJsonString(),
        _ => null,
    };

    public static bool Flag(this ActivityRecord record, string property) =>
        record.Properties[property] is JsonValue v && (v.TryGetValue<bool>(out var b) ? b : v.TryGetValue<string>(out var s) && s == "true");

    /// <summary>A list property: a JSON array of strings, or text with one entry per line or comma.</summary>
    public static IReadOnlyList<string> List(this ActivityRecord record, string property) => record.Properties[property] switch
    {
        JsonArray a => a.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s.Trim() : "").Where(s => s.Length > 0).ToList(),
        JsonValue v when v.TryGetValue<string>(out var s) => s.Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        _ => [],
    };
}
