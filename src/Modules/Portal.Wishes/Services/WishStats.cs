using Microsoft.EntityFrameworkCore;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Wishes.Models;

namespace Portal.Wishes.Services;

public sealed record CountRow(string? Key, int Count);

public sealed record CampaignProgress(string CampaignId, string Name, int? Goal, int Wishes, int Fulfilled)
{
    /// <summary>Share of the goal reached, 0–100 (capped), or null without a goal.</summary>
    public int? Percent => Goal is > 0 ? Math.Min(100, (int)Math.Round(100.0 * Fulfilled / Goal.Value)) : null;
}

public sealed record WishDashboard(
    IReadOnlyList<CountRow> ByStatus, IReadOnlyList<CountRow> ByCategory, IReadOnlyList<CountRow> ByCommunity,
    IReadOnlyList<CampaignProgress> ByCampaign, Paged<WishRow> Overdue)
{
    public int Total => ByStatus.Sum(r => r.Count);
    public int Offered => CountOf(WishStats.Offered);
    public int Claimed => CountOf(WishStats.ClaimedOrLater);
    public int Fulfilled => CountOf(WishStats.FulfilledOrLater);

    /// <summary>Claimed of those offered to claimants.</summary>
    public double? ClaimRate => Offered > 0 ? (double)Claimed / Offered : null;

    /// <summary>Fulfilled of those claimed.</summary>
    public double? FulfilmentRate => Claimed > 0 ? (double)Fulfilled / Claimed : null;

    private int CountOf(WishStatus[] statuses) => ByStatus.Where(r => statuses.Any(s => s.ToString() == r.Key)).Sum(r => r.Count);
}

/// <summary>
/// The staff dashboard's figures and campaign progress, from the wish counts (<see cref="WishCounts"/>: a few hundred
/// rows whatever the number of wishes) and the overdue list's indexed page.
/// </summary>
public sealed class WishStats(PortalDbContext db, WishCounts counts, WishBoard board)
{
    public const string CampaignType = "Campaign";

    /// <summary>Wishes that reached claimants (published or later, not closed).</summary>
    public static readonly WishStatus[] Offered =
    [
        WishStatus.Published, WishStatus.OpenToOrganisations, WishStatus.Claimed, WishStatus.Scheduled,
        WishStatus.Fulfilled, WishStatus.Verified, WishStatus.StoryDrafted, WishStatus.StoryPublished,
    ];

    public static readonly WishStatus[] ClaimedOrLater =
        [WishStatus.Claimed, WishStatus.Scheduled, WishStatus.Fulfilled, WishStatus.Verified, WishStatus.StoryDrafted, WishStatus.StoryPublished];

    /// <summary>A wish counts as fulfilled (圆梦) once its claimants reported it done.</summary>
    public static readonly WishStatus[] FulfilledOrLater =
        [WishStatus.Fulfilled, WishStatus.Verified, WishStatus.StoryDrafted, WishStatus.StoryPublished];

    public async Task<WishDashboard> DashboardAsync()
    {
        var snapshot = await counts.ReadAsync();
        return new WishDashboard(
            snapshot.In(WishDimensions.All).OrderBy(c => c.Status).Select(c => new CountRow(c.Status.ToString(), c.Count)).ToList(),
            snapshot.PerKey(WishDimensions.Category),
            snapshot.PerKey(WishDimensions.Community),
            await CampaignsAsync(null, snapshot),
            await board.QueueAsync(WorkQueue.Overdue, 1));
    }

    /// <summary>Goal against fulfilled wishes, for every campaign or one.</summary>
    public Task<IReadOnlyList<CampaignProgress>> CampaignsAsync(string? campaignId) => CampaignsAsync(campaignId, null);

    private async Task<IReadOnlyList<CampaignProgress>> CampaignsAsync(string? campaignId, WishCountSnapshot? snapshot)
    {
        snapshot ??= await counts.ReadAsync(WishDimensions.Campaign, campaignId);
        var campaigns = await db.Set<ContentItemRecord>().AsNoTracking()
            .Where(r => r.Published && r.ContentType == CampaignType && (campaignId == null || r.ContentItemId == campaignId))
            .Select(r => new { r.ContentItemId, r.DisplayText, r.Data })
            .ToListAsync();
        return campaigns.Select(c =>
            {
                var goal = JsonValues.NumberOrNumericText((System.Text.Json.Nodes.JsonNode.Parse(c.Data) as System.Text.Json.Nodes.JsonObject)?[CampaignType]?["Goal"]?["Value"]);
                return new CampaignProgress(c.ContentItemId, c.DisplayText, goal is { } g ? (int)g : null,
                    snapshot.Sum(null, WishDimensions.Campaign, c.ContentItemId), snapshot.Sum(FulfilledOrLater, WishDimensions.Campaign, c.ContentItemId));
            })
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
    }
}
