namespace Portal.Wishes.Models;

/// <summary>
/// The wish index: one row per wish item with what the lifecycle, claiming, queues and reports need.
/// The lifecycle state lives here (not in the item's JSON) so a claim is one conditional UPDATE.
/// </summary>
public sealed class WishIndexRecord
{
    public string WishId { get; set; } = "";
    public WishStatus Status { get; set; }
    public string? Category { get; set; }
    public string? CommunityId { get; set; }
    public string? CampaignId { get; set; }
    public int SlotsTotal { get; set; } = 1;
    public int SlotsClaimed { get; set; }
    public DateTime? DeadlineUtc { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime StatusChangedUtc { get; set; }
    public DateTime? PublishedUtc { get; set; }
    public string? OwnerId { get; set; }

    /// <summary>Service points the wish is worth when set on the wish; otherwise its category's points.</summary>
    public int? Points { get; set; }
}

public enum ClaimantKind { Volunteer, Organisation }

public enum ClaimStatus { Active, Confirmed, Scheduled, Fulfilled, Released }

/// <summary>One claimant's claim on one slot of a wish.</summary>
public sealed class WishClaimRecord
{
    public long Id { get; set; }
    public string WishId { get; set; } = "";
    public string ClaimantId { get; set; } = "";

    /// <summary>The claimant's name when they claimed (user name, or the volunteer's or organisation's title).</summary>
    public string? ClaimantName { get; set; }
    public ClaimantKind ClaimantKind { get; set; }
    public ClaimStatus Status { get; set; }
    public DateTime ClaimedUtc { get; set; }
    public DateTime? ConfirmedUtc { get; set; }
    public DateTime? ScheduledForUtc { get; set; }
    public DateTime? FulfilledUtc { get; set; }
    public DateTime? ReleasedUtc { get; set; }
    public string? ReleaseReason { get; set; }

    /// <summary>What the claimant reports on fulfilment: a note and media paths of photos.</summary>
    public string? EvidenceNote { get; set; }
    public string? EvidencePaths { get; set; }

    /// <summary>Hours of service the claimant spent, reported on fulfilment (volunteer service hours).</summary>
    public double? ServiceHours { get; set; }
}

/// <summary>The audit trail: who moved a wish from what to what, when and why. Rows are only ever added.</summary>
public sealed class WishAuditRecord
{
    public long Id { get; set; }
    public string WishId { get; set; } = "";
    public DateTime AtUtc { get; set; }
    public string? UserId { get; set; }
    public string? UserName { get; set; }
    public string Action { get; set; } = "";
    public WishStatus? From { get; set; }
    public WishStatus? To { get; set; }
    public string? Reason { get; set; }
}

/// <summary>A partner's idempotency key and the wish it submitted (see <see cref="Services.IdempotencyKey"/>).</summary>
public sealed class WishSubmissionKeyRecord
{
    public string Client { get; set; } = "";
    public string Key { get; set; } = "";
    public string Fingerprint { get; set; } = "";
    public string? WishId { get; set; }
    public DateTime CreatedUtc { get; set; }
}

/// <summary>
/// A change to the number of wishes in a state, within one dimension (every wish, or those of one category, community
/// or campaign). Each move adds a row of −1 for the old state and one of +1 for the new, in the move's transaction, so
/// simultaneous moves never wait on a shared counter row; the background fold adds rows up into one per count. The
/// dashboard reads the sums of a few hundred rows instead of grouping the whole wish index.
/// </summary>
public sealed class WishCountRecord
{
    public long Id { get; set; }
    public string Dimension { get; set; } = "";

    /// <summary>The category value, or the id of the community or campaign; null for <see cref="WishDimensions.All"/> and wishes without one.</summary>
    public string? Key { get; set; }
    public WishStatus Status { get; set; }
    public int Count { get; set; }
}

/// <summary>What the wish counts are counted by; <see cref="Deadline"/>'s key is the deadline's day (UTC, yyyy-MM-dd), wishes without one are not in it.</summary>
public static class WishDimensions
{
    public const string All = "All", Category = "Category", Community = "Community", Campaign = "Campaign", Deadline = "Deadline";
}

/// <summary>
/// A CSV import of one staff member, from preview to summary. The file's text is kept between preview and confirm (on any
/// node, so it lives in the database) and cleared once imported or refused; <see cref="Imported"/> is written in each batch's
/// transaction, so it is always the number of rows actually stored. Rows older than an hour go at the next upload.
/// </summary>
public sealed class WishImportJobRecord
{
    public string Token { get; set; } = "";
    public string UserId { get; set; } = "";
    public string FileName { get; set; } = "";
    public string Channel { get; set; } = "";
    public string? Csv { get; set; }
    public WishImportState State { get; set; }

    /// <summary>Rows the preview found importable: the N of "n of N rows imported".</summary>
    public int Total { get; set; }
    public int Imported { get; set; }

    /// <summary>The preview's report, then the import's (an <see cref="Services.ImportReport"/> as JSON).</summary>
    public string Report { get; set; } = "";
    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
}

public enum WishImportState { Refused, Previewed, Running, Done, Failed }
