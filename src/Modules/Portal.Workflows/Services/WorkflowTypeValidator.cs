using Microsoft.Extensions.Localization;
using Portal.Workflows.Engine;
using Portal.Workflows.Models;

namespace Portal.Workflows.Services;

/// <summary>
/// What the designer checks before a save, and what the store refuses, in the reader's language (activities give their
/// problems in English, the key of their translation).
/// </summary>
public sealed class WorkflowTypeValidator(ActivityLibrary library, IStringLocalizer<WorkflowTypeValidator> T)
{
    /// <summary>Problems that make the type unusable: it is not saved with any of them.</summary>
    public List<string> Errors(WorkflowType type)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(type.Name)) errors.Add(T["The workflow type needs a name."]);
        if (type.Name.Length > 200) errors.Add(T["The name is longer than 200 characters."]);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var activity in type.Activities)
        {
            if (string.IsNullOrWhiteSpace(activity.ActivityId)) errors.Add(T["An activity '{0}' has no id.", activity.Name]);
            else if (activity.ActivityId.Length > 64) errors.Add(T["The activity id '{0}' is longer than 64 characters.", activity.ActivityId]);
            else if (!ids.Add(activity.ActivityId)) errors.Add(T["Two activities share the id '{0}'.", activity.ActivityId]);
        }
        foreach (var transition in type.Transitions)
        {
            var source = type.Activity(transition.SourceActivityId);
            if (source is null) errors.Add(T["A transition starts at '{0}', which is not an activity of this type.", transition.SourceActivityId]);
            if (type.Activity(transition.DestinationActivityId) is null)
                errors.Add(T["The outcome '{0}' of '{1}' leads to '{2}', which is not an activity of this type.",
                    transition.SourceOutcomeName, source?.Name ?? transition.SourceActivityId, transition.DestinationActivityId]);
        }
        return errors;
    }

    /// <summary>Everything the designer flags before save: the errors, plus no start, unknown activities, undeclared outcomes.</summary>
    public List<string> Problems(WorkflowType type)
    {
        var problems = Errors(type);
        if (!type.Activities.Any(a => a.IsStart))
            problems.Add(T["No activity is marked as the start: the workflow would never run."]);
        foreach (var record in type.Activities)
        {
            var activity = library.Find(record.Name);
            if (activity is null)
            {
                problems.Add(T["The activity '{0}' ({1}) is missing: no installed module provides it.", record.Name, record.ActivityId]);
                continue;
            }
            var name = T[activity.DisplayText];
            if (record.IsStart && activity.Kind != ActivityKind.Event)
                problems.Add(T["'{0}' ({1}) is a task; only events can start a workflow.", name, record.ActivityId]);
            problems.AddRange(activity.Validate(record).Select(p => $"{name} ({record.ActivityId}): {T[p]}"));
            var outcomes = activity.Outcomes(record);
            foreach (var transition in type.Transitions.Where(t => t.SourceActivityId == record.ActivityId))
                if (!outcomes.Contains(transition.SourceOutcomeName))
                    problems.Add(T["'{0}' ({1}) has no outcome '{2}'; its outcomes are {3}.", name, record.ActivityId, transition.SourceOutcomeName, string.Join(", ", outcomes)]);
        }
        return problems;
    }
}
