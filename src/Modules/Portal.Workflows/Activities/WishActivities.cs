using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Workflows.Engine;
using Portal.Workflows.Models;
using Portal.Wishes.Models;
using Portal.Wishes.Services;

namespace Portal.Workflows.Activities;

/// <summary>
/// A wish event of the Wishes module (WishSubmitted, WishClaimed ...): the input carries the wish id, the states
/// before and after, who acted, the reason and the claim; the correlation id is the wish id.
/// </summary>
public sealed class WishEventActivity(string name, string displayText) : Activity
{
    /// <summary>The events <see cref="WishLifecycle"/> and <see cref="WishClaims"/> raise.</summary>
    public static readonly (string Name, string Display)[] All =
    [
        ("WishSubmitted", "Wish submitted"),
        ("WishReviewStarted", "Wish review started"),
        ("WishPublished", "Wish published"),
        ("WishReturned", "Wish returned for changes"),
        ("WishRejected", "Wish rejected"),
        ("WishOpenedToOrganisations", "Wish opened to organisations"),
        ("WishClaimed", "Wish claimed"),
        ("ClaimConfirmed", "Claim confirmed"),
        ("ClaimReleased", "Claim released"),
        ("WishScheduled", "Wish scheduled"),
        ("ClaimFulfilled", "One claim fulfilled"),
        ("WishFulfilled", "Wish fulfilled"),
        ("WishVerified", "Wish verified"),
        ("WishStoryDrafted", "Wish story drafted"),
        ("WishStoryPublished", "Wish story published"),
        ("WishCancelled", "Wish cancelled"),
        ("WishExpired", "Wish expired"),
        ("WishClosed", "Wish closed"),
    ];

    public override string Name => name;
    public override ActivityKind Kind => ActivityKind.Event;
    public override string DisplayText => displayText;
    public override string Category => "Wishes";
    public override string Description => "Starts or resumes a workflow when this happens to a wish; the wish id is the correlation id.";

    public override IReadOnlyList<string> Outcomes(ActivityRecord activity) => ["Done"];

    public static JsonObject Input(WishEvent e) => new()
    {
        ["WishId"] = e.WishId,
        ["ContentItemId"] = e.WishId,
        ["From"] = e.From?.ToString(),
        ["To"] = e.To?.ToString(),
        ["ActorId"] = e.ActorId,
        ["Reason"] = e.Reason,
        ["ClaimId"] = e.ClaimId,
    };
}

/// <summary>Hands every wish event to the workflows, inside the wish change's transaction.</summary>
internal sealed class WorkflowWishEventHandler(IServiceProvider services) : IWishEventHandler
{
    public Task HandleAsync(WishEvent wishEvent) =>
        services.GetRequiredService<Services.WorkflowManager>()
            .TriggerEventAsync(wishEvent.Name, WishEventActivity.Input(wishEvent), wishEvent.WishId);
}

/// <summary>
/// Moves the correlated wish to a state through <see cref="WishLifecycle"/>, so the domain's rules hold:
/// "Done" when it moved, "Refused" (with the reason in lastResult()) when the rules said no.
/// </summary>
public sealed class SetWishStatusTask : Activity
{
    public override string Name => "SetWishStatusTask";
    public override string DisplayText => "Set wish state";
    public override string Category => "Wishes";
    public override string Description => "Moves the wish to a state by the lifecycle's rules.";
    public override IReadOnlyList<ActivityProperty> Properties =>
    [
        new("Status", PropertyKind.Choice, "New state", Choices: Enum.GetNames<WishStatus>(), Required: true),
        WishIdProperty,
        new("Reason", PropertyKind.Template, "Reason", "required for Rejected, Returned, Closed, Cancelled; {{ }} allowed"),
    ];

    public override IReadOnlyList<string> Outcomes(ActivityRecord activity) => ["Done", "Refused"];

    public override async Task<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        if (!Enum.TryParse<WishStatus>(context.Text("Status"), out var to))
            throw new WorkflowActivityException($"'{context.Text("Status")}' is not a wish state.");
        var result = await context.Workflow.Get<WishLifecycle>().MoveAsync(WishId(context), to, context.Render("Reason") is { Length: > 0 } r ? r : null);
        context.Workflow.State.LastResult = result.Succeeded ? to.ToString() : result.Error;
        return ActivityResult.Outcome(result.Succeeded ? "Done" : "Refused");
    }

    public override IEnumerable<string> Validate(ActivityRecord activity) =>
        Enum.TryParse<WishStatus>(activity.Text("Status"), out _) ? [] : ["Choose the new state."];

    /// <summary>The wish an activity works on: its WishId expression, else the event's wish, else the correlated one.</summary>
    internal static string WishId(ActivityContext context) =>
        context.Evaluate("WishId")?.ToString() ?? context.Input["WishId"]?.ToString() ?? context.Workflow.CorrelationId
        ?? throw new WorkflowActivityException("No wish: give its id, or correlate the workflow with one.");

    internal static readonly ActivityProperty WishIdProperty =
        new("WishId", PropertyKind.Expression, "Wish id", "empty for the wish of the event; e.g. property('Current') in a ForEach");
}

/// <summary>Opens the correlated wish to organisations (应领尽领), through the lifecycle's rules.</summary>
public sealed class OpenToOrganisationsTask : Activity
{
    public override string Name => "OpenToOrganisationsTask";
    public override string DisplayText => "Open wish to organisations";
    public override string Category => "Wishes";
    public override string Description => "Lets organisations claim the wish too.";
    public override IReadOnlyList<ActivityProperty> Properties => [SetWishStatusTask.WishIdProperty];

    public override IReadOnlyList<string> Outcomes(ActivityRecord activity) => ["Done", "Refused"];

    public override async Task<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var result = await context.Workflow.Get<WishLifecycle>().MoveAsync(SetWishStatusTask.WishId(context), WishStatus.OpenToOrganisations, "Opened by workflow");
        context.Workflow.State.LastResult = result.Succeeded ? nameof(WishStatus.OpenToOrganisations) : result.Error;
        return ActivityResult.Outcome(result.Succeeded ? "Done" : "Refused");
    }
}

/// <summary>
/// Runs over the wishes in a state for longer than some days (the escalation timer's work): sets property
/// <c>Wishes</c> to their ids for a ForEach, and opens each to organisations when asked to.
/// </summary>
public sealed class FindStaleWishesTask : Activity
{
    public override string Name => "FindStaleWishesTask";
    public override bool WritesData => false;
    public override string DisplayText => "Find waiting wishes";
    public override string Category => "Wishes";
    public override string Description => "Finds wishes still unclaimed after some days.";
    public override IReadOnlyList<ActivityProperty> Properties =>
    [
        new("Status", PropertyKind.Choice, "State", Choices: [nameof(WishStatus.Published), nameof(WishStatus.OpenToOrganisations)]),
        new("Days", PropertyKind.Number, "Unclaimed for at least (days)", Required: true),
    ];

    public override IReadOnlyList<string> Outcomes(ActivityRecord activity) => ["Found", "None"];

    public override async Task<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var status = Enum.TryParse<WishStatus>(context.Text("Status"), out var s) ? s : WishStatus.Published;
        if (!double.TryParse(context.Text("Days"), System.Globalization.CultureInfo.InvariantCulture, out var days) || days < 0)
            throw new WorkflowActivityException($"Days must be a number of days, not '{context.Text("Days")}'.");
        var before = context.Workflow.Clock.GetUtcNow().UtcDateTime.AddDays(-days);
        var ids = await context.Workflow.Get<PortalDbContext>().Set<WishIndexRecord>().AsNoTracking()
            .Where(w => w.Status == status && w.SlotsClaimed == 0 && w.StatusChangedUtc <= before)
            .OrderBy(w => w.StatusChangedUtc).Select(w => w.WishId).Take(500).ToListAsync();
        context.Workflow.State.Properties["Wishes"] = new JsonArray(ids.Select(i => (JsonNode)i).ToArray());
        return ActivityResult.Outcome(ids.Count > 0 ? "Found" : "None");
    }
}

/// <summary>
/// Drafts a story about a verified wish for the editors (a Story item, unpublished, linked to the wish) and moves
/// the wish to "story drafted" through the lifecycle.
/// </summary>
public sealed class CreateStoryDraftTask : Activity
{
    public override string Name => "CreateStoryDraftTask";
    public override string DisplayText => "Create story draft";
    public override string Category => "Wishes";
    public override string Description => "Drafts a news story about the fulfilled wish for the editors.";
    public override IReadOnlyList<ActivityProperty> Properties =>
    [
        new("Title", PropertyKind.Template, "Story title", "e.g. 微心愿圆梦：{{ input('DisplayText') }}"),
        SetWishStatusTask.WishIdProperty,
    ];

    public override IReadOnlyList<string> Outcomes(ActivityRecord activity) => ["Done", "Failed"];

    public override async Task<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var wishId = SetWishStatusTask.WishId(context);
        var content = context.Workflow.Get<ContentManager>();
        var wish = await content.GetAsync(wishId, VersionOptions.Latest) ?? throw new WorkflowActivityException($"There is no wish '{wishId}'.");
        var story = await content.NewAsync("Story") ?? throw new WorkflowActivityException("There is no Story content type to draft into.");
        var title = context.Render("Title");
        story.Part("TitlePart")["Title"] = title.Length > 0 ? title : wish.DisplayText;
        if (story.HasPart("Story")) story.Field("Story", "RelatedWishes")["ContentItemIds"] = new JsonArray(wishId);
        var created = await content.CreateAsync(story);
        if (!created.Succeeded)
        {
            context.Workflow.State.LastResult = created.ToString();
            return ActivityResult.Outcome("Failed");
        }
        var moved = await context.Workflow.Get<WishLifecycle>().MoveAsync(wishId, WishStatus.StoryDrafted);
        // Thrown, not an outcome: the fault rolls the drafted story back with it.
        if (!moved.Succeeded) throw new WorkflowActivityException(moved.Error!);
        context.Workflow.State.Properties["StoryId"] = story.ContentItemId;
        context.Workflow.State.LastResult = story.ContentItemId;
        return ActivityResult.Done;
    }
}

/// <summary>Confirms or releases the claim of the event (or one given by id) through <see cref="WishClaims"/>.</summary>
public sealed class ClaimTask(bool confirm) : Activity
{
    public override string Name => confirm ? "ConfirmClaimTask" : "ReleaseClaimTask";
    public override string DisplayText => confirm ? "Confirm claim" : "Release claim";
    public override string Category => "Wishes";
    public override string Description => confirm ? "Confirms the claim; the claimer then sees how to reach the resident." : "Gives the claim back with a reason; the slot opens again.";
    public override IReadOnlyList<ActivityProperty> Properties => confirm
        ? [ClaimIdProperty]
        : [ClaimIdProperty, new("Reason", PropertyKind.Template, "Reason", "{{ }} allowed", Required: true)];

    internal static readonly ActivityProperty ClaimIdProperty =
        new("ClaimId", PropertyKind.Expression, "Claim id", "empty for the claim of the event, e.g. property('ClaimId')");

    public override IReadOnlyList<string> Outcomes(ActivityRecord activity) => ["Done", "Refused"];

    public override async Task<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var claimId = ClaimId(context);
        var claims = context.Workflow.Get<WishClaims>();
        var result = confirm ? await claims.ConfirmAsync(claimId) : await claims.ReleaseAsync(claimId, context.Render("Reason"));
        context.Workflow.State.LastResult = result.Succeeded ? result.Status?.ToString() : result.Error;
        return ActivityResult.Outcome(result.Succeeded ? "Done" : "Refused");
    }

    internal static long ClaimId(ActivityContext context) =>
        (context.Evaluate("ClaimId") ?? context.Input["ClaimId"]) is JsonValue v && long.TryParse(v.ToString(), out var id)
            ? id
            : throw new WorkflowActivityException("No claim: give its id, or start from a claim event.");
}

/// <summary>Branches on where a claim stands (Active, Confirmed, Scheduled, Fulfilled, Released): e.g. release it if still not scheduled.</summary>
public sealed class ClaimStatusTask : Activity
{
    public override string Name => "ClaimStatusTask";
    public override bool WritesData => false;
    public override string DisplayText => "Claim status";
    public override string Category => "Wishes";
    public override string Description => "Continues on the claim's current status.";
    public override IReadOnlyList<ActivityProperty> Properties => [ClaimTask.ClaimIdProperty];

    public override IReadOnlyList<string> Outcomes(ActivityRecord activity) => Enum.GetNames<ClaimStatus>();

    public override async Task<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var claimId = ClaimTask.ClaimId(context);
        var status = await context.Workflow.Get<PortalDbContext>().Set<WishClaimRecord>().AsNoTracking()
            .Where(c => c.Id == claimId).Select(c => (ClaimStatus?)c.Status).FirstOrDefaultAsync()
            ?? throw new WorkflowActivityException($"There is no claim {claimId}.");
        context.Workflow.State.LastResult = status.ToString();
        return ActivityResult.Outcome(status.ToString());
    }
}
