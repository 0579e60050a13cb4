using Portal.Wishes.Models;

namespace Portal.Wishes.Controllers;

/// <summary>The moves a user may make on one wish, for <c>_WishMoves</c>; the form returns to <see cref="ReturnUrl"/>.</summary>
public sealed record WishMovesModel(string WishId, string Title, IReadOnlyList<WishStatus> Moves, string ReturnUrl)
{
    /// <summary>The lifecycle's direct moves from <paramref name="from"/> that the user's permissions allow (<see cref="WishesModule.PermissionToMove"/>).</summary>
    public static IReadOnlyList<WishStatus> Allowed(WishStatus from, bool canReview, bool canConfirm) =>
        WishLifecycleRules.NextOf(from)
            .Where(to => WishLifecycleRules.IsDirectMove(from, to))
            .Where(to => WishesModule.PermissionToMove(to) == WishesModule.ConfirmClaims ? canConfirm : canReview)
            .ToList();
}
