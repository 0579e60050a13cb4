namespace Portal.Wishes.Models;

/// <summary>Where a wish is in its life (DOMAIN.md, "A wish's life").</summary>
public enum WishStatus
{
    Draft,
    Submitted,
    UnderReview,
    Returned,
    Rejected,
    Published,
    OpenToOrganisations,
    Claimed,
    Scheduled,
    Fulfilled,
    Verified,
    StoryDrafted,
    StoryPublished,
    Cancelled,
    Expired,
    Closed,
}

/// <summary>
/// The legal moves between states: the one place the lifecycle's rules are written. Claiming and releasing
/// move wishes too, but through <see cref="Services.WishClaims"/>, which keeps the slot counts right.
/// </summary>
public static class WishLifecycleRules
{
    private static readonly Dictionary<WishStatus, WishStatus[]> Moves = new()
    {
        [WishStatus.Draft] = [WishStatus.Submitted, WishStatus.Cancelled],
        [WishStatus.Submitted] = [WishStatus.UnderReview, WishStatus.Cancelled],
        [WishStatus.UnderReview] = [WishStatus.Published, WishStatus.Returned, WishStatus.Rejected],
        [WishStatus.Returned] = [WishStatus.Submitted, WishStatus.Cancelled],
        [WishStatus.Rejected] = [],
        [WishStatus.Published] = [WishStatus.OpenToOrganisations, WishStatus.Claimed, WishStatus.Cancelled, WishStatus.Expired, WishStatus.Closed],
        [WishStatus.OpenToOrganisations] = [WishStatus.Claimed, WishStatus.Cancelled, WishStatus.Expired, WishStatus.Closed],
        [WishStatus.Claimed] = [WishStatus.Scheduled, WishStatus.Published, WishStatus.OpenToOrganisations, WishStatus.Cancelled, WishStatus.Closed],
        [WishStatus.Scheduled] = [WishStatus.Fulfilled, WishStatus.Published, WishStatus.OpenToOrganisations, WishStatus.Cancelled, WishStatus.Closed],
        [WishStatus.Fulfilled] = [WishStatus.Verified, WishStatus.Scheduled, WishStatus.Closed],
        [WishStatus.Verified] = [WishStatus.StoryDrafted],
        [WishStatus.StoryDrafted] = [WishStatus.StoryPublished, WishStatus.Verified],
        [WishStatus.StoryPublished] = [],
        [WishStatus.Cancelled] = [],
        [WishStatus.Expired] = [],
        [WishStatus.Closed] = [],
    };

    /// <summary>Moves that only claiming and releasing may make (they change slot counts).</summary>
    private static readonly HashSet<(WishStatus, WishStatus)> ClaimMoves =
    [
        (WishStatus.Published, WishStatus.Claimed),
        (WishStatus.OpenToOrganisations, WishStatus.Claimed),
        (WishStatus.Claimed, WishStatus.Published),
        (WishStatus.Claimed, WishStatus.OpenToOrganisations),
        (WishStatus.Scheduled, WishStatus.Published),
        (WishStatus.Scheduled, WishStatus.OpenToOrganisations),
    ];

    public static IReadOnlyList<WishStatus> NextOf(WishStatus from) => Moves[from];

    public static bool CanMove(WishStatus from, WishStatus to) => Moves[from].Contains(to);

    /// <summary>True for moves a person asks for directly (review, schedule, fulfil, close ...).</summary>
    public static bool IsDirectMove(WishStatus from, WishStatus to) => CanMove(from, to) && !ClaimMoves.Contains((from, to));

    /// <summary>The states in which a wish can be claimed, and is on the public wish wall (and in search).</summary>
    public static readonly IReadOnlyList<WishStatus> OpenForClaims = [WishStatus.Published, WishStatus.OpenToOrganisations];

    public static bool IsOpenForClaims(WishStatus status) => OpenForClaims.Contains(status);

    public static bool IsFinal(WishStatus status) => Moves[status].Length == 0;

    /// <summary>Moves that must say why (DOMAIN.md: rejections, returns, closing and cancelling carry a reason).</summary>
    public static bool NeedsReason(WishStatus to) =>
        to is WishStatus.Rejected or WishStatus.Returned or WishStatus.Closed or WishStatus.Cancelled;
}
