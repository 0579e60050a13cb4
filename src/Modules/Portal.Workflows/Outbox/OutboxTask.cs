using System.Text.Json.Nodes;
using Portal.Workflows.Engine;
using Portal.Workflows.Models;

namespace Portal.Workflows.Outbox;

/// <summary>
/// An activity whose message leaves through the outbox. It queues the message in the step's transaction and waits, so
/// the request that ran the step never waits on the receiver; the delivery resumes it along Done when the message
/// arrived, or Failed once it was given up, with <c>lastResult()</c> holding the receiver's answer and the error.
/// </summary>
public abstract class OutboxTask : Activity
{
    private const string MessageIdKey = "MessageId";

    public override IReadOnlyList<string> Outcomes(ActivityRecord activity) => ["Done", "Failed"];

    protected static async Task<ActivityResult> QueueAsync(ActivityContext context, string kind, string target, string summary, JsonObject payload)
    {
        var id = await context.Workflow.Get<OutboxStore>()
            .EnqueueAsync(kind, target, summary, payload, context.Workflow.InstanceId, context.ActivityId);
        context.State[MessageIdKey] = id;
        return ActivityResult.Halt();
    }

    public override async Task<ActivityResult> ResumeAsync(ActivityContext context)
    {
        var message = context.State[MessageIdKey]?.GetValue<string>() is { } id ? await context.Workflow.Get<OutboxStore>().GetAsync(id) : null;
        if (message is null) throw new WorkflowActivityException("The message this activity queued is no longer in the outbox.");
        var result = message.Result is { } json ? JsonNode.Parse(json) as JsonObject ?? [] : [];
        var delivered = message.Status == OutboxStatus.Delivered;
        if (!delivered && message.LastError is { } error) result["Error"] = error;
        context.Workflow.State.LastResult = result;
        return ActivityResult.Outcome(delivered ? "Done" : "Failed");
    }
}
