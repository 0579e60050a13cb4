using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Core.Security;
using Portal.Wishes.Models;
using Portal.Wishes.Services;

namespace Portal.Wishes.Controllers;

public sealed record WorkQueueModel(
    WorkQueue Tab, IReadOnlyDictionary<WorkQueue, int> Counts, Paged<WishRow>? Wishes, Paged<ClaimRow>? Claims,
    ILookup<string, WishClaimRecord> ClaimsOfWishes, WishListLabels Labels, bool CanReview, bool CanConfirm);

/// <summary>
/// The staff work queue: wishes to review, claims to confirm, wishes overdue against their deadline, fulfilments
/// to verify; each with the moves the lifecycle allows from where the wish is and the user may make.
/// </summary>
[Area("Portal.Wishes")]
[Authorize(Policy = PermissionPolicy.Prefix + "AccessAdmin")]
[Route("admin/wishes")]
public sealed class WorkQueueController(
    WishBoard board, WishLifecycle lifecycle, WishClaims claims, WishLabels labels,
    IAuthorizationService authorization, IStringLocalizer<WorkQueueController> T) : Controller
{
    [HttpGet("queue")]
    public async Task<IActionResult> Index(WorkQueue tab = WorkQueue.Review, int page = 1)
    {
        var canReview = await HasAsync(WishesModule.ReviewWishes);
        var canConfirm = await HasAsync(WishesModule.ConfirmClaims);
        if (!canReview && !canConfirm) return Forbid();

        var counts = await board.QueueCountsAsync();
        Paged<WishRow>? wishes = null;
        Paged<ClaimRow>? toConfirm = null;
        if (tab == WorkQueue.Confirm) toConfirm = await board.ClaimsToConfirmAsync(page);
        else wishes = await board.QueueAsync(tab, page);
        var rows = wishes?.Items ?? toConfirm!.Items.Select(c => c.Wish).ToList();
        var claimsOfWishes = tab == WorkQueue.Verify ? await board.ClaimsOfWishesAsync(rows.Select(w => w.WishId)) : Enumerable.Empty<WishClaimRecord>().ToLookup(c => c.WishId);
        var pageLabels = await labels.ForAsync(rows.SelectMany(w => new[] { w.CommunityId, w.CampaignId }), board);
        return View(new WorkQueueModel(tab, counts, wishes, toConfirm, claimsOfWishes, pageLabels, canReview, canConfirm));
    }

    [HttpPost("{wishId}/move")]
    public async Task<IActionResult> Move(string wishId, WishStatus to, string? reason, string? returnUrl)
    {
        if (!await HasAsync(WishesModule.PermissionToMove(to))) return Forbid();
        var result = await lifecycle.MoveAsync(wishId, to, reason);
        if (result.Succeeded) TempData["Notice"] = T["The wish is now {0}.", lifecycle.Label(to)].Value;
        else TempData["Error"] = result.Error;
        return Back(returnUrl, "/admin/wishes/queue");
    }

    [HttpPost("claims/{claimId:long}/confirm")]
    public async Task<IActionResult> Confirm(long claimId, string? returnUrl)
    {
        if (!await HasAsync(WishesModule.ConfirmClaims)) return Forbid();
        var result = await claims.ConfirmAsync(claimId);
        if (result.Succeeded) TempData["Notice"] = T["The claim is confirmed; the claimant may now see the contact details."].Value;
        else TempData["Error"] = result.Error;
        return Back(returnUrl, $"/admin/wishes/queue?tab={WorkQueue.Confirm}");
    }

    /// <summary>Back to the page the form was on; only a path of this site, so a crafted link cannot send staff elsewhere.</summary>
    private LocalRedirectResult Back(string? returnUrl, string fallback) =>
        LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : fallback);

    private async Task<bool> HasAsync(Permission permission) =>
        (await authorization.AuthorizeAsync(User, PermissionPolicy.For(permission))).Succeeded;
}
