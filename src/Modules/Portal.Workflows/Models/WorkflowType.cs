using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Portal.Workflows.Models;

/// <summary>A workflow type in Orchard Core's JSON shape: activities joined by transitions from an outcome to the next activity.</summary>
public sealed class WorkflowType
{
    public string WorkflowTypeId { get; set; } = "";
    public string Name { get; set; } = "";
    public bool IsEnabled { get; set; } = true;

    /// <summary>At most one unfinished instance at a time.</summary>
    public bool IsSingleton { get; set; }

    public int LockTimeout { get; set; }
    public int LockExpiration { get; set; }

    /// <summary>Finished instances are removed instead of kept for their history.</summary>
    public bool DeleteFinishedWorkflows { get; set; }

    public List<ActivityRecord> Activities { get; set; } = [];
    public List<Transition> Transitions { get; set; } = [];

    public ActivityRecord? Activity(string activityId) => Activities.Find(a => a.ActivityId == activityId);

    public IEnumerable<Transition> From(string activityId, string outcome) =>
        Transitions.Where(t => t.SourceActivityId == activityId && string.Equals(t.SourceOutcomeName, outcome, StringComparison.Ordinal));

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General)
    {
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static WorkflowType FromJson(JsonNode node) =>
        node.Deserialize<WorkflowType>(Json) ?? throw new JsonException("The workflow type is empty.");

    public JsonObject ToJson() => (JsonObject)JsonSerializer.SerializeToNode(this, Json)!;
}

/// <summary>One activity placed on a workflow type; <see cref="Name"/> is the kind of activity (e.g. "IfElseTask").</summary>
public sealed class ActivityRecord
{
    public string ActivityId { get; set; } = "";
    public string Name { get; set; } = "";
    public int X { get; set; }
    public int Y { get; set; }
    public bool IsStart { get; set; }
    public JsonObject Properties { get; set; } = new();
}

public sealed class Transition
{
    public string SourceActivityId { get; set; } = "";
    public string SourceOutcomeName { get; set; } = "";
    public string DestinationActivityId { get; set; } = "";
}
