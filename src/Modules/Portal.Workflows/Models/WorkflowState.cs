using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portal.Workflows.Models;

/// <summary>What an instance carries between runs, stored as the instance's JSON state.</summary>
public sealed class WorkflowState
{
    /// <summary>The input of the event that last started or resumed the instance.</summary>
    public JsonObject Input { get; set; } = new();
    public JsonObject Output { get; set; } = new();
    public JsonObject Properties { get; set; } = new();
    public JsonNode? LastResult { get; set; }

    /// <summary>Per-activity state (a Join's arrived branches, a ForEach's position), by activity id.</summary>
    public JsonObject ActivityStates { get; set; } = new();

    /// <summary>The path taken, oldest first.</summary>
    public List<ExecutedActivity> Executed { get; set; } = [];

    /// <summary>Activities the instance waits on.</summary>
    public List<string> Blocking { get; set; } = [];

    public JsonObject ActivityState(string activityId)
    {
        if (ActivityStates[activityId] is JsonObject state) return state;
        var created = new JsonObject();
        ActivityStates[activityId] = created;
        return created;
    }

    public string ToJson() => JsonSerializer.Serialize(this, WorkflowType.Json);

    public static WorkflowState FromJson(string json) =>
        JsonSerializer.Deserialize<WorkflowState>(json, WorkflowType.Json) ?? new WorkflowState();
}

/// <summary>One step of the path: which activity ran, when, and the outcomes it took (none while it waits).</summary>
public sealed record ExecutedActivity(string ActivityId, string Name, DateTime AtUtc, IReadOnlyList<string> Outcomes, bool Halted = false);
