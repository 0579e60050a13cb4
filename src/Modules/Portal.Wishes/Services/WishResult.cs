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

/// <summary>What happened to a wish, for workflows and other listeners; the wish id is the correlation id.</summary>
public sealed record WishEvent(string Name, string WishId, WishStatus? From, WishStatus? To, string? ActorId, string? Reason, long? ClaimId = null);

/// <summary>Hears wish events inside the change's transaction (a failure rolls the change back).</summary>
public interface IWishEventHandler
{
    Task HandleAsync(WishEvent wishEvent);
}

public sealed class WishOptions
{
    /// <summary>Open claims one volunteer may hold at once (no hoarding).</summary>
    public int MaxOpenClaimsPerVolunteer { get; set; } = 3;

    /// <summary>Days a published wish waits unclaimed before it is opened to organisations.</summary>
    public int OpenToOrganisationsAfterDays { get; set; } = 7;

    /// <summary>Service points granted per fulfilled claim on verification, unless the wish sets its own.</summary>
    public int DefaultPoints { get; set; } = 10;

    /// <summary>Points by category value (<c>Portal:Wishes:PointsByCategory:study-supplies</c>), overriding <see cref="DefaultPoints"/>.</summary>
    public Dictionary<string, int> PointsByCategory { get; set; } = [];

    public int PointsFor(WishIndexRecord wish) =>
        wish.Points ?? (wish.Category is { } c && PointsByCategory.TryGetValue(c, out var p) ? p : DefaultPoints);
}
