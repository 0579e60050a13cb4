using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Core.Security;
using Portal.Wishes.Models;
using Portal.Wishes.Services;

namespace Portal.Wishes.Controllers;

public sealed record OpenWishesModel(
    Paged<WishRow> Wishes, WishFilter Filter, ClaimantKind Kind, WishListLabels Labels,
    IReadOnlyList<(string Id, string Name)> Communities, IReadOnlyList<(string Id, string Name)> Campaigns);

public sealed record MyClaimsModel(IReadOnlyList<ClaimRow> Claims, WishListLabels Labels, int Points, IReadOnlyDictionary<long, int> PointsByClaim)
{
    public double Hours => Claims.Where(c => c.Claim.Status == ClaimStatus.Fulfilled).Sum(c => c.Claim.ServiceHours ?? 0);
}

/// <summary>
/// The claimant's pages: open wishes to claim, and "my claims" with their next steps (schedule, fulfil, release).
/// Organisations use the same pages; they see the wishes opened to organisations. A claim is worked only by its claimant.
/// </summary>
[Area("Portal.Wishes")]
[Authorize(Policy = PermissionPolicy.Prefix + "ClaimWishes")]
[Route("volunteer")]
public sealed class VolunteerController(
    WishBoard board, WishClaims claims, WishLabels labels, PointsLedger ledger, IAuthorizationService authorization, IStringLocalizer<VolunteerController> T) : Controller
{
    [HttpGet("wishes")]
    public async Task<IActionResult> Wishes(string? category, string? community, string? campaign, int page = 1)
    {
        var kind = await WishBoard.ClaimantKindOfAsync(User, authorization);
        var filter = new WishFilter(category, community, campaign);
        var wishes = await board.OpenAsync(kind, filter, page);
        var communities = await board.ChoicesAsync("Community");
        var campaigns = await board.ChoicesAsync("Campaign");
        var names = wishes.Items.SelectMany(w => new[] { w.CommunityId, w.CampaignId });
        return View(new OpenWishesModel(wishes, filter, kind, await labels.ForAsync(names, board), communities, campaigns));
    }

    [HttpPost("wishes/{wishId}/claim")]
    public async Task<IActionResult> Claim(string wishId, string? returnUrl)
    {
        var kind = await WishBoard.ClaimantKindOfAsync(User, authorization);
        var result = await claims.ClaimAsync(wishId, UserId, kind, User.Identity?.Name);
        if (!result.Succeeded)
        {
            TempData["Error"] = result.Error;
            return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/volunteer/wishes");
        }
        TempData["Notice"] = T["You claimed the wish. Contact the community to agree a time, then schedule it here."].Value;
        return Redirect("/volunteer/claims");
    }

    [HttpGet("claims")]
    public async Task<IActionResult> Claims()
    {
        var mine = await board.ClaimsOfAsync(UserId);
        var names = mine.SelectMany(c => new[] { c.Wish.CommunityId, c.Wish.CampaignId });
        var entries = await ledger.EntriesAsync(UserId, take: 1000);
        var pointsByClaim = entries.Where(e => e.ClaimId is not null).GroupBy(e => e.ClaimId!.Value).ToDictionary(g => g.Key, g => g.Sum(e => e.Points));
        return View(new MyClaimsModel(mine, await labels.ForAsync(names, board), await ledger.BalanceAsync(UserId), pointsByClaim));
    }

    [HttpPost("claims/{claimId:long}/schedule")]
    public async Task<IActionResult> Schedule(long claimId, string? scheduledFor)
    {
        if (!DateTime.TryParseExact(scheduledFor, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return await WorkedAsync(claimId, () => Task.FromResult(WishResult.Fail(WishErrorKind.Invalid, T["Give the agreed service date and time."])), "");
        var utc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), await labels.TimeZoneAsync());
        return await WorkedAsync(claimId, () => claims.ScheduleAsync(claimId, utc), T["The service time is saved."]);
    }

    [HttpPost("claims/{claimId:long}/fulfil")]
    public async Task<IActionResult> Fulfil(long claimId, string? note, string? hours)
    {
        double? serviceHours = null;
        if (!string.IsNullOrWhiteSpace(hours))
        {
            if (!double.TryParse(hours, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
                return await WorkedAsync(claimId, () => Task.FromResult(WishResult.Fail(WishErrorKind.Invalid, T["Service hours must be a number, such as 1.5."])), "");
            serviceHours = parsed;
        }
        return await WorkedAsync(claimId, () => claims.FulfilAsync(claimId, note, null, serviceHours), T["Thank you. The community will verify the fulfilment."]);
    }

    [HttpPost("claims/{claimId:long}/release")]
    public Task<IActionResult> Release(long claimId, string? reason) =>
        WorkedAsync(claimId, () => claims.ReleaseAsync(claimId, reason ?? ""), T["The claim is released; the wish is open to others again."]);

    /// <summary>Runs a step on the user's own claim; someone else's claim is not found (its existence is not revealed).</summary>
    private async Task<IActionResult> WorkedAsync(long claimId, Func<Task<WishResult>> work, string notice)
    {
        var claim = await claims.FindAsync(claimId);
        if (claim is null || claim.ClaimantId != UserId) return NotFound();
        var result = await work();
        if (result.Succeeded) TempData["Notice"] = notice;
        else TempData["Error"] = result.Error;
        return Redirect($"/volunteer/claims#claim-{claimId}");
    }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A signed-in user without an id.");
}
