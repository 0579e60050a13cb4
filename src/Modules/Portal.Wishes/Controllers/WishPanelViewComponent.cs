using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portal.Core.Security;
using Portal.Wishes.Services;

namespace Portal.Wishes.Controllers;

/// <summary>On a wish's item editor: its state and, for staff who may open it, the way to its admin page. Nothing for other items.</summary>
public sealed class WishPanelViewComponent(WishBoard board, WishLifecycle lifecycle, IAuthorizationService authorization) : ViewComponent
{
    /// <summary>The panel's name in <c>ContentItemAdminPanel</c>; the wish's own page leaves it out.</summary>
    public const string Name = "WishPanel";

    public async Task<IViewComponentResult> InvokeAsync(string contentItemId)
    {
        if (await board.FindAsync(contentItemId) is not { } wish) return Content("");
        var mayOpen = false;
        foreach (var permission in new[] { WishesModule.ReviewWishes, WishesModule.ConfirmClaims })
            mayOpen |= (await authorization.AuthorizeAsync(UserClaimsPrincipal, PermissionPolicy.For(permission))).Succeeded;
        return View((wish, lifecycle.Label(wish.Status), mayOpen));
    }
}
