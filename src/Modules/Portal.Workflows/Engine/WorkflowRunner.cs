using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Workflows.Models;

namespace Portal.Workflows.Engine;

public sealed class WorkflowOptions
{
    /// <summary>Activities one run may execute before the instance faults as a probable endless loop.</summary>
    public int MaxSteps { get; set; } = 1000;

    /// <summary>How often a node looks for due timers and delays.</summary>
    public TimeSpan TimerInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A pause after each fired timer; zero (the default) in production. The multi-node harness sets it so that a node
    /// killed with SIGKILL dies with part of a claimed batch fired and part not.
    /// </summary>
    public TimeSpan TimerFirePause { get; set; } = TimeSpan.Zero;

    /// <summary>Secret for signing signal URLs and webhook bodies; empty means one derived from the data-protection keys.</summary>
    public string SigningKey { get; set; } = "";
}

/// <summary>
/// Runs an instance from one activity until nothing is left to do: each activity's outcomes lead along the
/// transitions to the next; events met on the way halt their branch. An exception faults the instance with
/// the activity and its message; so does going past <see cref="WorkflowOptions.MaxSteps"/>.
/// </summary>
internal sealed class WorkflowRunner(PortalDbContext db, ActivityLibrary library, IOptions<WorkflowOptions> options)
{
    /// <summary>Activity results of this run's halts, by activity id, for the blocking rows.</summary>
    public async Task<Dictionary<string, ActivityResult>> RunAsync(WorkflowContext workflow, string activityId, bool eventHappened)
    {
        var halts = new Dictionary<string, ActivityResult>(StringComparer.Ordinal);
        var queue = new Queue<(string ActivityId, string? From)>();
        queue.Enqueue((activityId, null));
        var first = eventHappened;
        var steps = 0;
        workflow.Instance.Status = WorkflowStatus.Executing;
        workflow.Instance.FaultMessage = null;
        workflow.Instance.FaultedActivityId = null;

        while (queue.TryDequeue(out var next))
        {
            var record = workflow.Type.Activity(next.ActivityId);
            if (record is null)
                return Fault(workflow, next.ActivityId, $"A transition leads to the activity '{next.ActivityId}', which the workflow type does not have.", halts);
            if (++steps > options.Value.MaxSteps)
                return Fault(workflow, record.ActivityId,
                    $"Stopped after {options.Value.MaxSteps} steps at '{record.Name}': the workflow probably loops forever. Fix the loop, then retry.", halts);
            var activity = library.Find(record.Name);
            if (activity is null)
                return Fault(workflow, record.ActivityId, $"The activity '{record.Name}' is missing: no installed module provides it.", halts);

            var context = new ActivityContext(workflow, record, next.From);
            var resume = first;
            first = false;
            ActivityResult result;
            try
            {
                Task<ActivityResult> Run() => resume ? activity.ResumeAsync(context) : activity.ExecuteAsync(context);
                result = activity.WritesData ? await db.InTransactionAsync(Run) : await Run();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Kept on the instance, not swallowed: the admin shows it and offers retry or cancel.
                return Fault(workflow, record.ActivityId, $"{activity.DisplayText} ({record.ActivityId}): {e.Message}", halts);
            }

            var now = workflow.Clock.GetUtcNow().UtcDateTime;
            workflow.State.Executed.Add(new ExecutedActivity(record.ActivityId, record.Name, now, result.Outcomes, result.Halted));
            if (result.Halted)
            {
                if (!workflow.State.Blocking.Contains(record.ActivityId)) workflow.State.Blocking.Add(record.ActivityId);
                halts[record.ActivityId] = result;
                continue;
            }
            foreach (var outcome in result.Outcomes)
                foreach (var transition in workflow.Type.From(record.ActivityId, outcome))
                    queue.Enqueue((transition.DestinationActivityId, record.ActivityId));
        }

        workflow.Instance.Status = workflow.State.Blocking.Count > 0 ? WorkflowStatus.Halted : WorkflowStatus.Finished;
        return halts;
    }

    private static Dictionary<string, ActivityResult> Fault(WorkflowContext workflow, string activityId, string message, Dictionary<string, ActivityResult> halts)
    {
        workflow.Instance.Status = WorkflowStatus.Faulted;
        workflow.Instance.FaultMessage = message.Length > 2000 ? message[..2000] : message;
        workflow.Instance.FaultedActivityId = activityId;
        return halts;
    }
}
