using System.Text.Json.Nodes;
using Portal.Workflows.Engine;
using Portal.Workflows.Models;

namespace Portal.Workflows.Activities;

/// <summary>Takes "True" or "False" by a JavaScript condition.</summary>
public sealed class IfElseTask : Activity
{
    public override string Name => "IfElseTask";
    public override bool WritesData => false;
    public override string DisplayText => "If / else";
    public override string Category => "Control flow";
    public override string Description => "Continues on True or False by a JavaScript condition.";
    public override IReadOnlyList<ActivityProperty> Properties =>
        [new("Condition", PropertyKind.Expression, "Condition", "e.g. input('Status') == 'Published'", Required: true)];

    public override IReadOnlyList<string> Outcomes(ActivityRecord activity) => ["True", "False"];

    public override Task<ActivityResult> ExecuteAsync(ActivityContext context) =>
        Task.FromResult(ActivityResult.Outcome(WorkflowScripting.IsTruthy(context.Evaluate("Condition")) ? "True" : "False"));

    public override IEnumerable<string> Validate(ActivityRecord activity) =>
        activity.Text("Condition") is { Length: > 0 } ? [] : ["Give the condition."];
}

/// <summary>Runs several branches: one outcome per configured branch name.</summary>
public sealed class ForkTask : Activity
{
    public override string Name => "ForkTask";
    public override bool WritesData => false;
    public override string DisplayText => "Fork";
    public override string Category => "Control flow";
    public override string Description => "Runs several branches at once; a Join waits for them.";
    public override IReadOnlyList<ActivityProperty> Properties =>
        [new("Forks", PropertyKind.List, "Branches", "one name per line", Required: true)];

    public override IReadOnlyList<string> Outcomes(ActivityRecord activity) => Branches(activity);

    public override Task<ActivityResult> ExecuteAsync(ActivityContext context) =>
        Task.FromResult(ActivityResult.Outcome([.. Branches(context.Record)]));

    public override IEnumerable<string> Validate(ActivityRecord activity) => Branches(activity).Count > 0 ? [] : ["Name at least one branch."];

    private static IReadOnlyList<string> Branches(ActivityRecord activity) => activity.List("Forks");
}

/// <summary>Waits for all branches that lead into it (or the first of them) before going on.</summary>
public sealed class JoinTask : Activity
{
    public override string Name => "JoinTask";
    public override bool WritesData => false;
    public override string DisplayText => "Join";
    public override string Category => "Control flow";
    public override string Description => "Goes on when every incoming branch arrived (WaitAll) or the first did (WaitAny).";
    public override IReadOnlyList<ActivityProperty> Properties =>
        [new("Mode", PropertyKind.Choice, "Wait for", Choices: ["WaitAll", "WaitAny"])];

    public override IReadOnlyList<string> Outcomes(ActivityRecord activity) => ["Joined"];

    public override Task<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var state = context.State;
        var arrived = state["Arrived"] as JsonArray ?? [];
        state["Arrived"] = arrived;
        if (context.FromActivityId is { } from && !arrived.Any(a => a?.GetValue<string>() == from)) arrived.Add(from);
        var waitAny = context.Text("Mode") == "WaitAny";
        if (waitAny)
        {
            if (state["Joined"] is not null) return Task.FromResult(ActivityResult.Noop);
            state["Joined"] = true;
            return Task.FromResult(ActivityResult.Outcome("Joined"));
        }
        var incoming = context.Workflow.Type.Transitions
            .Where(t => t.DestinationActivityId == context.ActivityId)
            .Select(t => t.SourceActivityId).Distinct().ToList();
        if (!incoming.All(source => arrived.Any(a => a?.GetValue<string>() == source))) return Task.FromResult(ActivityResult.Noop);
        context.Workflow.State.ActivityStates.Remove(context.ActivityId);
        return Task.FromResult(ActivityResult.Outcome("Joined"));
    }
}

/// <summary>Runs its "Iterate" branch once per value (connect the branch back to it), then takes "Done".</summary>
public sealed class ForEachTask : Activity
{
    public override string Name => "ForEachTask";
    public override bool WritesData => false;
    public override string DisplayText => "For each";
    public override string Category => "Control flow";
    public override string Description => "Repeats the Iterate branch for each value of a list; the branch leads back here.";
    public override IReadOnlyList<ActivityProperty> Properties =>
    [
        new("Values", PropertyKind.Expression, "Values", "an expression giving an array", Required: true),
        new("VariableName", PropertyKind.Text, "Property for the current value", "read it with property('Current')"),
    ];

    public override IReadOnlyList<string> Outcomes(ActivityRecord activity) => ["Iterate", "Done"];

    public override Task<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var state = context.State;
        if (state["Values"] is not JsonArray values)
        {
            values = context.Evaluate("Values") switch
            {
                JsonArray array => array,
                null => [],
                var single => throw new WorkflowActivityException($"Values must give an array, not {single.ToJsonString()}."),
            };
            state["Values"] = values;
            state["Index"] = 0;
        }
        var index = state["Index"]!.GetValue<int>();
        if (index >= values.Count)
        {
            context.Workflow.State.ActivityStates.Remove(context.ActivityId);
            return Task.FromResult(ActivityResult.Outcome("Done"));
        }
        var variable = context.Text("VariableName") is { Length: > 0 } name ? name : "Current";
        context.Workflow.State.Properties[variable] = values[index]?.DeepClone();
        state["Index"] = index + 1;
        return Task.FromResult(ActivityResult.Outcome("Iterate"));
    }
}
