using Portal.Core.Content;
using Portal.Wishes.Models;

namespace Portal.Wishes.Services;

public enum WishErrorKind { None, NotFound, Invalid, Conflict }

/// <summary>The outcome of a lifecycle or claim operation; on failure nothing changed.</summary>
public sealed record WishResult(WishStatus? Status, WishErrorKind ErrorKind = WishErrorKind.None, string? Error = null, long? ClaimId = null)
{
    public bool Succeeded => ErrorKind == WishErrorKind.None;
    public static WishResult Ok(WishStatus status, long? claimId = null) => new(status, ClaimId: claimId);
    public static WishResult Fail(WishErrorKind kind, string error, WishStatus? status = null) => new(status, kind, error);
}

/// <summary>
/// What happened to a wish, for workflows and other listeners: <see cref="Name"/> is one of <see cref="WishEvents"/>,
/// the wish id is the correlation id, and <see cref="Input"/> is what a workflow receives. The wish itself (its latest
/// version, without personal data) is read when a listener asks for it (<see cref="WishAsync"/>): most do not.
/// </summary>
public sealed record WishEvent(string Name, string WishId, WishStatus? From, WishStatus? To, string? ActorId, string? Reason, long? ClaimId = null)
{
    public string CorrelationId => WishId;

    internal Lazy<Task<ContentItem?>>? Wish { get; init; }

    /// <summary>The wish's latest version, read once however many listeners ask; call it while handling the event.</summary>
    public Task<ContentItem?> WishAsync() => Wish?.Value ?? Task.FromResult<ContentItem?>(null);

    /// <summary>The event as a workflow's input: <c>WishId</c>, <c>From</c>, <c>To</c>, <c>ClaimId</c>, <c>Reason</c>, <c>ActorId</c>.</summary>
    public IReadOnlyDictionary<string, object?> Input => new Dictionary<string, object?>
    {
        ["WishId"] = WishId,
        ["From"] = From?.ToString(),
        ["To"] = To?.ToString(),
        ["ClaimId"] = ClaimId,
        ["Reason"] = Reason,
        ["ActorId"] = ActorId,
    };
}

/// <summary>The names of the events a wish raises (the audit trail's actions carry the same names).</summary>
public static class WishEvents
{
    public const string Submitted = "WishSubmitted";
    public const string ReviewStarted = "WishReviewStarted";

    /// <summary>Review ended (published, returned or rejected: see <see cref="WishEvent.To"/>); raised with the outcome's own event.</summary>
    public const string Reviewed = "WishReviewed";
    public const string Returned = "WishReturned";
    public const string Rejected = "WishRejected";
    public const string Published = "WishPublished";
    public const string OpenedToOrganisations = "WishOpenedToOrganisations";
    public const string Claimed = "WishClaimed";
    public const string ClaimConfirmed = "ClaimConfirmed";
    public const string Released = "ClaimReleased";
    public const string Scheduled = "WishScheduled";

    /// <summary>One claimant of a multi-slot wish fulfilled their part; the wish is not fulfilled yet.</summary>
    public const string ClaimFulfilled = "ClaimFulfilled";
    public const string Fulfilled = "WishFulfilled";
    public const string Verified = "WishVerified";
    public const string StoryDrafted = "WishStoryDrafted";
    public const string StoryPublished = "WishStoryPublished";
    public const string Cancelled = "WishCancelled";
    public const string Expired = "WishExpired";
    public const string Closed = "WishClosed";
}

/// <summary>Hears wish events inside the change's transaction (a failure rolls the change back).</summary>
public interface IWishEventHandler
{
    Task HandleAsync(WishEvent wishEvent);
}

public sealed class WishOptions
{
    /// <summary>Open claims one volunteer may hold at once (no hoarding).</summary>
    public int MaxOpenClaimsPerVolunteer { get; set; } = 3;

    /// <summary>Service points granted per fulfilled claim on verification, unless the wish sets its own.</summary>
    public int DefaultPoints { get; set; } = 10;

    /// <summary>Points by category value (<c>Portal:Wishes:PointsByCategory:study-supplies</c>), overriding <see cref="DefaultPoints"/>.</summary>
    public Dictionary<string, int> PointsByCategory { get; set; } = [];

    public int PointsFor(WishIndexRecord wish) =>
        wish.Points ?? (wish.Category is { } c && PointsByCategory.TryGetValue(c, out var p) ? p : DefaultPoints);
}
