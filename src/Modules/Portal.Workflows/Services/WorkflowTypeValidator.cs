using Portal.Workflows.Engine;
using Portal.Workflows.Models;

namespace Portal.Workflows.Services;

/// <summary>What the designer checks before a save, and what the store refuses.</summary>
public sealed class WorkflowTypeValidator(ActivityLibrary library)
{
    /// <summary>Problems that make the type unusable: it is not saved with any of them.</summary>
    public List<string> Errors(WorkflowType type)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(type.Name)) errors.Add("The workflow type needs a name.");
        if (type.Name.Length > 200) errors.Add("The name is longer than 200 characters.");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var activity in type.Activities)
        {
            if (string.IsNullOrWhiteSpace(activity.ActivityId)) errors.Add($"An activity '{activity.Name}' has no id.");
            else if (activity.ActivityId.Length > 64) errors.Add($"The activity id '{activity.ActivityId}' is longer than 64 characters.");
            else if (!ids.Add(activity.ActivityId)) errors.Add($"Two activities share the id '{activity.ActivityId}'.");
        }
        foreach (var transition in type.Transitions)
        {
            var source = type.Activity(transition.SourceActivityId);
            if (source is null) errors.Add($"A transition starts at '{transition.SourceActivityId}', which is not an activity of this type.");
            if (type.Activity(transition.DestinationActivityId) is null)
                errors.Add($"The outcome '{transition.SourceOutcomeName}' of '{source?.Name ?? transition.SourceActivityId}' leads to '{transition.DestinationActivityId}', which is not an activity of this type.");
        }
        return errors;
    }

    /// <summary>Everything the designer flags before save: the errors, plus no start, unknown activities, undeclared outcomes.</summary>
    public List<string> Problems(WorkflowType type)
    {
        var problems = Errors(type);
        if (!type.Activities.Any(a => a.IsStart))
            problems.Add("No activity is marked as the start: the workflow would never run.");
        foreach (var record in type.Activities)
        {
            var activity = library.Find(record.Name);
            if (activity is null)
            {
                problems.Add($"The activity '{record.Name}' ({record.ActivityId}) is missing: no installed module provides it.");
                continue;
            }
            if (record.IsStart && activity.Kind != ActivityKind.Event)
                problems.Add($"'{activity.DisplayText}' ({record.ActivityId}) is a task; only events can start a workflow.");
            problems.AddRange(activity.Validate(record).Select(p => $"{activity.DisplayText} ({record.ActivityId}): {p}"));
            var outcomes = activity.Outcomes(record);
            foreach (var transition in type.Transitions.Where(t => t.SourceActivityId == record.ActivityId))
                if (!outcomes.Contains(transition.SourceOutcomeName))
                    problems.Add($"'{activity.DisplayText}' ({record.ActivityId}) has no outcome '{transition.SourceOutcomeName}'; its outcomes are {string.Join(", ", outcomes)}.");
        }
        return problems;
    }
}
