using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Core.Security;
using Portal.Wishes.Models;
using Portal.Wishes.Services;

namespace Portal.Wishes.Controllers;

public sealed record WorkQueueModel(
    WorkQueue Tab, IReadOnlyDictionary<WorkQueue, int> Counts, Paged<WishRow>? Wishes, Paged<ClaimRow>? Claims, Paged<StaffDecision>? Others,
    ILookup<string, WishClaimRecord> ClaimsOfWishes, ILookup<string?, StaffDecision> Decisions, WishListLabels Labels, bool CanReview, bool CanConfirm)
{
    public bool ShowsWishes => CanReview || CanConfirm;
}

/// <summary>
/// The staff work queue, the one place staff find what waits for them: wishes to review, claims to confirm, wishes
/// overdue against their deadline, fulfilments to verify, and the decisions processes wait for on other content. Where a
/// process (a workflow's user task) waits on a wish or claim, its decision is offered, with the actions the process
/// defines to the roles it names; otherwise the moves the lifecycle allows from where the wish is and the user may make.
/// </summary>
[Area("Portal.Wishes")]
[Authorize(Policy = PermissionPolicy.Prefix + "AccessAdmin")]
[Route("admin/wishes")]
public sealed class WorkQueueController(
    WishBoard board, WishLifecycle lifecycle, WishClaims claims, WishLabels labels, IEnumerable<IStaffDecisions> processes,
    IAuthorizationService authorization, IStringLocalizer<WorkQueueController> T) : Controller
{
    private readonly IStaffDecisions? decisions = processes.FirstOrDefault();

    [HttpGet("queue")]
    public async Task<IActionResult> Index(WorkQueue? tab = null, int page = 1)
    {
        var canReview = await HasAsync(WishesModule.ReviewWishes);
        var canConfirm = await HasAsync(WishesModule.ConfirmClaims);
        if (!canReview && !canConfirm && decisions is null) return Forbid();
        var chosen = canReview || canConfirm ? tab ?? WorkQueue.Review : WorkQueue.Decisions;

        var others = decisions is null ? [] : await decisions.OthersAsync(User);
        var counts = new Dictionary<WorkQueue, int>(canReview || canConfirm ? await board.QueueCountsAsync() : []) { [WorkQueue.Decisions] = others.Count };
        Paged<WishRow>? wishes = null;
        Paged<ClaimRow>? toConfirm = null;
        Paged<StaffDecision>? otherPage = null;
        if (chosen == WorkQueue.Decisions) otherPage = PageOf(others, page);
        else if (chosen == WorkQueue.Confirm) toConfirm = await board.ClaimsToConfirmAsync(page);
        else wishes = await board.QueueAsync(chosen, page);
        var rows = wishes?.Items ?? toConfirm?.Items.Select(c => c.Wish).ToList() ?? [];
        var claimsOfWishes = chosen == WorkQueue.Verify ? await board.ClaimsOfWishesAsync(rows.Select(w => w.WishId)) : Enumerable.Empty<WishClaimRecord>().ToLookup(c => c.WishId);
        var waiting = otherPage?.Items ?? await WaitingOnAsync(rows.Select(w => w.WishId));
        var pageLabels = await labels.ForAsync(rows.SelectMany(w => new[] { w.CommunityId, w.CampaignId }).Concat(waiting.Select(d => d.ItemId)), board);
        return View(new WorkQueueModel(chosen, counts, wishes, toConfirm, otherPage, claimsOfWishes, waiting.ToLookup(d => d.ItemId), pageLabels, canReview, canConfirm));
    }

    [HttpPost("{wishId}/move")]
    public async Task<IActionResult> Move(string wishId, WishStatus to, string? reason, string? returnUrl)
    {
        if (!await HasAsync(WishesModule.PermissionToMove(to))) return Forbid();
        if ((await WaitingOnAsync([wishId])).FirstOrDefault() is { } waiting)
            TempData["Error"] = T["A process decides this wish now ({0}): choose one of its actions instead.", waiting.Title].Value;
        else if (await lifecycle.MoveAsync(wishId, to, reason) is { Succeeded: false } refused)
            TempData["Error"] = refused.Error;
        else
            TempData["Notice"] = T["The wish is now {0}.", lifecycle.Label(to)].Value;
        return Back(returnUrl, "/admin/wishes/queue");
    }

    [HttpPost("claims/{claimId:long}/confirm")]
    public async Task<IActionResult> Confirm(long claimId, string? returnUrl)
    {
        if (!await HasAsync(WishesModule.ConfirmClaims)) return Forbid();
        var claim = await claims.FindAsync(claimId);
        if (claim is not null && (await WaitingOnAsync([claim.WishId])).FirstOrDefault(d => d.ClaimId == claimId) is { } waiting)
            TempData["Error"] = T["A process decides this claim now ({0}): choose one of its actions instead.", waiting.Title].Value;
        else if (await claims.ConfirmAsync(claimId) is { Succeeded: false } refused)
            TempData["Error"] = refused.Error;
        else
            TempData["Notice"] = T["The claim is confirmed; the claimant may now see the contact details."].Value;
        return Back(returnUrl, $"/admin/wishes/queue?tab={WorkQueue.Confirm}");
    }

    /// <summary>A decision a process waits for; the process checks who may make it, the action and the comment it needs.</summary>
    [HttpPost("decisions/{instanceId}/{activityId}")]
    public async Task<IActionResult> Decide(string instanceId, string activityId, string? decision, string? comment, WorkQueue tab = WorkQueue.Review, int page = 1)
    {
        if (decisions is null) return NotFound();
        var result = await decisions.DecideAsync(User, instanceId, activityId, decision, comment);
        if (result.Forbidden) return Forbid();
        if (result.Succeeded) TempData["Notice"] = T["Decided: {0}.", T[decision!]].Value;
        else TempData["Error"] = result.Message;
        return Redirect(QueueUrl(tab, page));
    }

    private async Task<IReadOnlyList<StaffDecision>> WaitingOnAsync(IEnumerable<string> wishIds) =>
        decisions is null ? [] : await decisions.WaitingOnAsync(User, wishIds.ToList());

    private static Paged<StaffDecision> PageOf(IReadOnlyList<StaffDecision> all, int page)
    {
        var paged = new Paged<StaffDecision>([], all.Count, 1, WishBoard.PageSize);
        page = Math.Clamp(page, 1, paged.PageCount);
        return paged with { Items = all.Skip((page - 1) * WishBoard.PageSize).Take(WishBoard.PageSize).ToList(), Page = page };
    }

    private static string QueueUrl(WorkQueue tab, int page) => $"/admin/wishes/queue?tab={tab}&page={page}";

    /// <summary>Back to the page the form was on; only a path of this site, so a crafted link cannot send staff elsewhere.</summary>
    private LocalRedirectResult Back(string? returnUrl, string fallback) =>
        LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : fallback);

    private async Task<bool> HasAsync(Permission permission) =>
        (await authorization.AuthorizeAsync(User, PermissionPolicy.For(permission))).Succeeded;
}
