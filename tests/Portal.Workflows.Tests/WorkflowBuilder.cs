using System.Text.Json.Nodes;
using Portal.Workflows.Models;

namespace Portal.Workflows.Tests;

/// <summary>Workflow types for tests: activities by id and kind, properties as anonymous JSON, transitions by outcome.</summary>
public sealed class WorkflowBuilder(string name)
{
    private readonly WorkflowType type = new() { Name = name };

    public WorkflowBuilder Start(string id, string kind, JsonObject? properties = null) => Add(id, kind, properties, true);

    public WorkflowBuilder Add(string id, string kind, JsonObject? properties = null, bool isStart = false)
    {
        type.Activities.Add(new ActivityRecord { ActivityId = id, Name = kind, IsStart = isStart, Properties = properties ?? new JsonObject() });
        return this;
    }

    public WorkflowBuilder Connect(string from, string outcome, string to)
    {
        type.Transitions.Add(new Transition { SourceActivityId = from, SourceOutcomeName = outcome, DestinationActivityId = to });
        return this;
    }

    public WorkflowBuilder Singleton() { type.IsSingleton = true; return this; }
    public WorkflowBuilder DeleteFinished() { type.DeleteFinishedWorkflows = true; return this; }

    public WorkflowType Build() => type;

    public static JsonObject Signal(string name) => new() { ["SignalName"] = name };
    public static JsonObject Expression(string property, string expression) => new() { [property] = new JsonObject { ["Expression"] = expression } };
    public static JsonObject Set(string property, string expression) =>
        new() { ["PropertyName"] = property, ["Value"] = new JsonObject { ["Expression"] = expression } };
    public static JsonObject Script(string script, params string[] outcomes) =>
        new() { ["Script"] = script, ["AvailableOutcomes"] = new JsonArray(outcomes.Select(o => (JsonNode)o).ToArray()) };
}
