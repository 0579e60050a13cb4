using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portal.Core.Content;
using Portal.Core.Content.Privacy;
using Portal.Core.Security;
using Portal.Wishes.Models;
using Portal.Wishes.Services;

namespace Portal.Wishes.Controllers;

public sealed record WishPageModel(
    WishRow Wish, IReadOnlyList<ShownField> Fields, IReadOnlyList<ShownField>? PersonalData, IReadOnlyList<PersonalDataAccessRecord>? PersonalDataLog,
    WishMovesModel Moves, IReadOnlyList<WishClaimRecord> Claims, IReadOnlyList<WishAuditRecord> Audit, WishListLabels Labels,
    bool CanConfirm, bool CanEdit, bool CanViewPersonalData);

/// <summary>
/// The wish's admin page: what the public may see of it, its personal data for staff who may see it (each view logged),
/// its state with the moves the lifecycle allows this user, claims and slots, the audit trail, and the workflow tasks
/// waiting on it (the panels modules add to an item's admin page).
/// </summary>
[Area("Portal.Wishes")]
[Authorize(Policy = PermissionPolicy.Prefix + "AccessAdmin")]
[Route("admin/wishes")]
public sealed class WishAdminController(
    WishBoard board, WishLifecycle lifecycle, WishClaims claims, WishLabels labels, WishFieldDisplay display,
    ContentManager content, PersonalData personalData, IAuthorizationService authorization) : Controller
{
    /// <summary>The purpose written to the access log when staff open a wish's personal data on its page.</summary>
    public const string PagePurpose = "WishPage";

    [HttpGet("{wishId}")]
    public async Task<IActionResult> Details(string wishId, bool personal = false)
    {
        var canReview = await HasAsync(WishesModule.ReviewWishes);
        var canConfirm = await HasAsync(WishesModule.ConfirmClaims);
        if (!canReview && !canConfirm) return Forbid();
        var canViewPersonalData = await HasAsync(PortalPermissions.ViewPersonalData);
        if (personal && !canViewPersonalData) return Forbid();
        if (await board.FindAsync(wishId) is not { } wish || await content.GetAsync(wishId, VersionOptions.Latest) is not { } item) return NotFound();

        var personalFields = personal ? await display.PersonalAsync(await personalData.RevealAsync(wishId, PagePurpose)) : null;
        var log = canViewPersonalData ? await personalData.AccessLogAsync(wishId) : null;
        var here = $"/admin/wishes/{wishId}";
        var wishClaims = await claims.ClaimsOfWishAsync(wishId);
        var pageLabels = await labels.ForAsync([wish.CommunityId, wish.CampaignId], board);
        return View(new WishPageModel(wish, await display.PublicAsync(item), personalFields, log,
            new WishMovesModel(wishId, wish.Title, WishMovesModel.Allowed(wish.Status, canReview, canConfirm), here),
            wishClaims, await lifecycle.AuditTrailAsync(wishId), pageLabels,
            canConfirm, await HasAsync(Portal.Contents.ContentsModule.EditContent), canViewPersonalData));
    }

    private async Task<bool> HasAsync(Permission permission) =>
        (await authorization.AuthorizeAsync(User, PermissionPolicy.For(permission))).Succeeded;
}
