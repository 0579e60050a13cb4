using System.Text.Json.Nodes;
using Portal.Workflows.Engine;
using Portal.Workflows.Models;

namespace Portal.Workflows.Activities;

/// <summary>
/// A decision by a person: the instance waits while the item's admin page and the staff work queue show the
/// configured actions (Approve, Reject, Return for changes ...) to members of the configured roles; the chosen
/// action is the outcome. The decision (action, comment, who, when) is kept in property <c>Decision</c>.
/// </summary>
public sealed class UserTask : Activity
{
    public const string ActivityName = "UserTask";
    public override string Name => ActivityName;
    public override ActivityKind Kind => ActivityKind.Event;
    public override string DisplayText => "User task";
    public override string Category => "People";
    public override string Description => "Waits for someone in a role to choose an action, with an optional comment.";
    public override IReadOnlyList<ActivityProperty> Properties =>
    [
        new("Title", PropertyKind.Template, "Task", "e.g. Review the wish {{ input('DisplayText') }}", Required: true),
        new("Actions", PropertyKind.List, "Actions (outcomes)", "one per line, e.g. Approve, Reject, Return", Required: true),
        new("Roles", PropertyKind.List, "Roles that may decide", "one per line; empty: administrators only"),
        new("CommentRequiredFor", PropertyKind.List, "Actions that need a comment", "e.g. Reject, Return"),
    ];

    public override IReadOnlyList<string> Outcomes(ActivityRecord activity) => activity.List("Actions");

    public override Task<ActivityResult> ExecuteAsync(ActivityContext context) =>
        Task.FromResult(ActivityResult.Halt(new JsonObject
        {
            ["Title"] = context.Render("Title"),
            ["Actions"] = ToArray(context.List("Actions")),
            ["Roles"] = ToArray(context.List("Roles")),
            ["CommentRequiredFor"] = ToArray(context.List("CommentRequiredFor")),
        }));

    public override Task<bool> CanExecuteAsync(ActivityContext context) =>
        Task.FromResult(context.Input["Action"]?.ToString() is { } action && context.List("Actions").Contains(action));

    public override Task<ActivityResult> ResumeAsync(ActivityContext context)
    {
        var action = context.Input["Action"]!.ToString();
        var decision = new JsonObject
        {
            ["Action"] = action,
            ["Comment"] = context.Input["Comment"]?.DeepClone(),
            ["UserId"] = context.Input["UserId"]?.DeepClone(),
            ["UserName"] = context.Input["UserName"]?.DeepClone(),
            ["ActivityId"] = context.ActivityId,
            ["AtUtc"] = context.Workflow.Clock.GetUtcNow().UtcDateTime,
        };
        context.Workflow.State.Properties["Decision"] = decision;
        context.State["Decision"] = decision.DeepClone();
        context.Workflow.State.LastResult = action;
        return Task.FromResult(ActivityResult.Outcome(action));
    }

    public override IEnumerable<string> Validate(ActivityRecord activity) =>
        activity.List("Actions").Count == 0 ? ["Give at least one action."] : [];

    private static JsonArray ToArray(IEnumerable<string> values) => new(values.Select(v => (JsonNode)v).ToArray());
}

/// <summary>Starts an instance when its signed URL is called (<c>POST /workflows/invoke?token=</c>); the JSON body is <c>input('Body')</c>.</summary>
public sealed class HttpRequestEvent : Activity
{
    public override string Name => "HttpRequestEvent";
    public override ActivityKind Kind => ActivityKind.Event;
    public override string DisplayText => "HTTP request received";
    public override string Category => "HTTP";
    public override string Description => "Starts the workflow when its signed URL is called.";

    public override IReadOnlyList<string> Outcomes(ActivityRecord activity) => ["Done"];
}
