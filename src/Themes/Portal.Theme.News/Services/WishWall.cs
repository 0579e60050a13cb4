using Microsoft.EntityFrameworkCore;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Wishes.Models;

namespace Portal.Theme.News.Services;

/// <summary>A wish card on the wall: what the public may see of an open wish.</summary>
public sealed record WishCard(string Id, string Title, string Item, string Alias, string Community, string Category, DateTime? DeadlineUtc, int SlotsLeft);

public sealed record WishFilter(string? Community = null, string? Category = null, string? Campaign = null);

public sealed record CampaignProgress(ContentItem Campaign, int Goal, int Fulfilled, int Open)
{
    public int Percent => Goal <= 0 ? 0 : Math.Min(100, Fulfilled * 100 / Goal);
}

/// <summary>The wish side of the public site: open wishes from the wish index (the lifecycle's truth), progress, counters.</summary>
public sealed class WishWall(PortalDbContext db, ContentManager content, PublicContent site, TimeProvider clock)
{
    private static readonly IReadOnlyList<WishStatus> Open = WishLifecycleRules.OpenForClaims;
    private static readonly WishStatus[] Fulfilled = [WishStatus.Fulfilled, WishStatus.Verified, WishStatus.StoryDrafted, WishStatus.StoryPublished];

    public async Task<(IReadOnlyList<WishCard> Cards, int Total)> OpenWishesAsync(WishFilter filter, int skip, int take)
    {
        var query = db.Set<WishIndexRecord>().AsNoTracking().Where(w => Open.Contains(w.Status));
        if (filter.Community is { Length: > 0 } community) query = query.Where(w => w.CommunityId == community);
        if (filter.Category is { Length: > 0 } category) query = query.Where(w => w.Category == category);
        if (filter.Campaign is { Length: > 0 } campaign) query = query.Where(w => w.CampaignId == campaign);
        var total = await query.CountAsync();
        var rows = await query.OrderBy(w => w.DeadlineUtc == null).ThenBy(w => w.DeadlineUtc).ThenBy(w => w.WishId).Skip(skip).Take(take).ToListAsync();
        var items = (await content.GetManyAsync(rows.Select(r => r.WishId))).ToDictionary(i => i.ContentItemId);
        var shown = rows.Where(r => items.ContainsKey(r.WishId)).Select(r => items[r.WishId]).ToList();
        var people = (await site.PublicWishesAsync(shown)).ToDictionary(w => w.Id);
        var categories = await CategoriesAsync();
        var cards = rows.Where(r => items.ContainsKey(r.WishId)).Select(r =>
        {
            var item = items[r.WishId];
            var person = people[r.WishId];
            return new WishCard(r.WishId, item.DisplayText, item.Text("Wish", "ItemText"), person.Alias, person.Community,
                categories.GetValueOrDefault(r.Category ?? "", r.Category ?? ""), r.DeadlineUtc, Math.Max(0, r.SlotsTotal - r.SlotsClaimed));
        }).ToList();
        return (cards, total);
    }

    /// <summary>Wishes in <paramref name="status"/>, most recently moved first (for the desk: verified wishes await their story).</summary>
    public async Task<IReadOnlyList<ContentItem>> WishesInStatusAsync(WishStatus status, int take)
    {
        var ids = await db.Set<WishIndexRecord>().AsNoTracking().Where(w => w.Status == status)
            .OrderByDescending(w => w.StatusChangedUtc).Select(w => w.WishId).Take(take).ToListAsync();
        return await content.GetManyAsync(ids);
    }

    public async Task<IReadOnlyList<string>> WishIdsInCommunityAsync(string communityId) =>
        await db.Set<WishIndexRecord>().AsNoTracking().Where(w => w.CommunityId == communityId).Select(w => w.WishId).ToListAsync();

    /// <summary>The category options of the Wish type's Category field: value → text.</summary>
    public async Task<IReadOnlyDictionary<string, string>> CategoriesAsync()
    {
        var part = await site.PartAsync("Wish");
        var field = part?.Fields.FirstOrDefault(f => f.Name == "Category");
        return field?.KindSettings.Options.ToDictionary(o => o.Value, o => o.Text) ?? new Dictionary<string, string>();
    }

    public async Task<IReadOnlyList<CampaignProgress>> ProgressAsync(IReadOnlyList<ContentItem> campaigns)
    {
        var ids = campaigns.Select(c => c.ContentItemId).ToList();
        var counts = await db.Set<WishIndexRecord>().AsNoTracking()
            .Where(w => w.CampaignId != null && ids.Contains(w.CampaignId))
            .GroupBy(w => w.CampaignId!)
            .Select(g => new { Id = g.Key, Fulfilled = g.Count(w => Fulfilled.Contains(w.Status)), Open = g.Count(w => Open.Contains(w.Status)) })
            .ToDictionaryAsync(g => g.Id);
        return campaigns.Select(c => new CampaignProgress(c, (int)(c.Number("Campaign", "Goal") ?? 0),
            counts.GetValueOrDefault(c.ContentItemId)?.Fulfilled ?? 0, counts.GetValueOrDefault(c.ContentItemId)?.Open ?? 0)).ToList();
    }

    /// <summary>Campaigns running today (start ≤ today ≤ end), soonest ending first.</summary>
    public async Task<IReadOnlyList<ContentItem>> ActiveCampaignsAsync()
    {
        var today = clock.GetUtcNow().UtcDateTime.Date;
        var campaigns = await content.QueryAsync(new ContentQuery { Types = ["Campaign"], Take = 100, CountTotal = false });
        return campaigns.Items
            .Where(c => (c.Date("Campaign", "StartDate") ?? DateTime.MinValue) <= today && (c.Date("Campaign", "EndDate") ?? DateTime.MaxValue) >= today)
            .OrderBy(c => c.Date("Campaign", "EndDate") ?? DateTime.MaxValue).ToList();
    }

    public sealed record Counters(int FulfilledThisYear, int OpenNow, int ClaimedThisYear);

    public async Task<Counters> CountersAsync()
    {
        var yearStart = new DateTime(clock.GetUtcNow().Year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var wishes = db.Set<WishIndexRecord>().AsNoTracking();
        return new Counters(
            await wishes.CountAsync(w => Fulfilled.Contains(w.Status) && w.StatusChangedUtc >= yearStart),
            await wishes.CountAsync(w => Open.Contains(w.Status)),
            await db.Set<WishClaimRecord>().AsNoTracking().CountAsync(c => c.ClaimedUtc >= yearStart));
    }
}
