namespace Portal.Wishes.Models;

public enum PointsEntryKind { Granted, Reversed }

/// <summary>
/// One line of the service points ledger (志愿服务积分): rows are only ever added. A grant is undone by a
/// reversal row that points at it, so every balance can be explained line by line.
/// </summary>
public sealed class PointsEntryRecord
{
    public long Id { get; set; }
    public string ClaimantId { get; set; } = "";
    public string? ClaimantName { get; set; }
    public ClaimantKind ClaimantKind { get; set; }
    public string WishId { get; set; } = "";
    public long? ClaimId { get; set; }
    public PointsEntryKind Kind { get; set; }

    /// <summary>Positive for a grant, the grant's negation for its reversal.</summary>
    public int Points { get; set; }

    /// <summary>The grant this row reverses; unique, so a grant is reversed at most once.</summary>
    public long? ReversesId { get; set; }
    public string? Reason { get; set; }
    public DateTime AtUtc { get; set; }
    public string? ByUserId { get; set; }
}
