using Microsoft.Extensions.Logging;
using Portal.Workflows.Engine;
using Portal.Workflows.Models;

namespace Portal.Workflows.Activities;

/// <summary>Runs JavaScript; it picks its outcome with <c>setOutcome('Name')</c> among the ones declared.</summary>
public sealed class ScriptTask : Activity
{
    public override string Name => "ScriptTask";
    public override bool WritesData => false;
    public override string DisplayText => "Script";
    public override string Category => "Scripting";
    public override string Description => "Runs JavaScript with input(), output(), property(), setProperty(), setOutcome().";
    public override IReadOnlyList<ActivityProperty> Properties =>
    [
        new("AvailableOutcomes", PropertyKind.List, "Outcomes", "one per line; default Done"),
        new("Script", PropertyKind.Script, "Script", "setOutcome('Done');", Required: true),
    ];

    public override IReadOnlyList<string> Outcomes(ActivityRecord activity) => activity.List("AvailableOutcomes") is { Count: > 0 } o ? o : ["Done"];

    public override Task<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var (value, chosen) = context.Workflow.Scripting.Execute(context.Text("Script") ?? "", $"{Name}.Script");
        context.Workflow.State.LastResult = value;
        var declared = Outcomes(context.Record);
        foreach (var outcome in chosen.Where(o => !declared.Contains(o)))
            throw new WorkflowActivityException($"The script chose the outcome '{outcome}', which is not one of {string.Join(", ", declared)}.");
        return Task.FromResult(ActivityResult.Outcome(chosen.Count > 0 ? [.. chosen.Distinct()] : declared.Count == 1 ? [declared[0]] : []));
    }
}

/// <summary>Stores the value of an expression as a workflow property.</summary>
public sealed class SetPropertyTask : Activity
{
    public override string Name => "SetPropertyTask";
    public override bool WritesData => false;
    public override string DisplayText => "Set property";
    public override string Category => "Scripting";
    public override string Description => "Stores a value as a property of the instance, for later activities.";
    public override IReadOnlyList<ActivityProperty> Properties =>
    [
        new("PropertyName", PropertyKind.Text, "Property", Required: true),
        new("Value", PropertyKind.Expression, "Value to store", "e.g. input('ContentItem').DisplayText"),
    ];

    public override IReadOnlyList<string> Outcomes(ActivityRecord activity) => ["Done"];

    public override Task<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var name = context.Text("PropertyName");
        if (string.IsNullOrWhiteSpace(name)) throw new WorkflowActivityException("No property name is configured.");
        var value = context.Evaluate("Value");
        context.Workflow.State.Properties[name] = value;
        context.Workflow.State.LastResult = value?.DeepClone();
        return Task.FromResult(ActivityResult.Done);
    }

    public override IEnumerable<string> Validate(ActivityRecord activity) =>
        string.IsNullOrWhiteSpace(activity.Text("PropertyName")) ? ["Name the property."] : [];
}

/// <summary>Writes a line to the portal's log, with <c>{{ expression }}</c> parts filled in.</summary>
public sealed class LogTask(ILogger<LogTask> logger) : Activity
{
    public override string Name => "LogTask";
    public override bool WritesData => false;
    public override string DisplayText => "Log";
    public override string Category => "Primitives";
    public override string Description => "Writes a message to the log.";
    public override IReadOnlyList<ActivityProperty> Properties =>
    [
        new("LogLevel", PropertyKind.Choice, "Level", Choices: ["Information", "Warning", "Error", "Debug"]),
        new("Text", PropertyKind.Template, "Message", "e.g. Wish {{ correlationId() }} arrived"),
    ];

    public override IReadOnlyList<string> Outcomes(ActivityRecord activity) => ["Done"];

    public override Task<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var level = Enum.TryParse<LogLevel>(context.Text("LogLevel"), out var parsed) ? parsed : LogLevel.Information;
        var text = context.Render("Text");
        logger.Log(level, "Workflow {Instance}: {Message}", context.Workflow.InstanceId, text);
        context.Workflow.State.LastResult = text;
        return Task.FromResult(ActivityResult.Done);
    }
}

/// <summary>
/// Starts or resumes on a named signal: from code, or from anyone holding the instance's signed signal URL
/// (<c>/workflows/signal?token=...</c>), which names the instance and the signal and cannot be forged.
/// </summary>
public sealed class SignalEvent : Activity
{
    public const string EventName = "SignalEvent";
    public override string Name => EventName;
    public override ActivityKind Kind => ActivityKind.Event;
    public override string DisplayText => "Signal";
    public override string Category => "Events";
    public override string Description => "Waits for a named signal (a signed link, or code).";
    public override IReadOnlyList<ActivityProperty> Properties => [new("SignalName", PropertyKind.Text, "Signal name", Required: true)];

    public override IReadOnlyList<string> Outcomes(ActivityRecord activity) => ["Done"];

    public override Task<bool> CanExecuteAsync(ActivityContext context) =>
        Task.FromResult(string.Equals(context.Input["Signal"]?.ToString(), context.Text("SignalName"), StringComparison.Ordinal));

    public override IEnumerable<string> Validate(ActivityRecord activity) =>
        string.IsNullOrWhiteSpace(activity.Text("SignalName")) ? ["Name the signal."] : [];
}
