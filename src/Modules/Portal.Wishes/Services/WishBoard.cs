using System.Linq.Expressions;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Core.Security;
using Portal.Wishes.Models;

namespace Portal.Wishes.Services;

/// <summary>A wish as lists show it: the index row with the item's title. No wisher's details: those are the privacy module's.</summary>
public sealed record WishRow(
    string WishId, string Title, WishStatus Status, string? Category, string? CommunityId, string? CampaignId,
    DateTime? DeadlineUtc, int SlotsTotal, int SlotsClaimed, DateTime StatusChangedUtc);

public sealed record ClaimRow(WishClaimRecord Claim, WishRow Wish);

public sealed record Paged<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>What a volunteer filters open wishes by; ids of Community and Campaign items.</summary>
public sealed record WishFilter(string? Category = null, string? CommunityId = null, string? CampaignId = null);

/// <summary>
/// The staff work queue's tabs (清单制 + 责任制 + 限时制); <see cref="Decisions"/> holds the decisions processes wait for
/// on anything but wishes (<see cref="IStaffDecisions"/>), so staff have one queue.
/// </summary>
public enum WorkQueue { Review, Confirm, Overdue, Verify, Decisions }

/// <summary>
/// The read side of the people's pages: open wishes for claimants, a claimant's own claims, the staff work queue.
/// Every list reads the wish index (one indexed query per page) and joins only the page's titles.
/// </summary>
public sealed class WishBoard(PortalDbContext db, WishCounts counts, TimeProvider clock)
{
    public const int PageSize = 20;

    /// <summary>States that wait for staff before publication.</summary>
    public static readonly WishStatus[] ToReview = [WishStatus.Draft, WishStatus.Submitted, WishStatus.UnderReview];

    /// <summary>States in which a wish past its deadline is overdue: not yet fulfilled and not closed.</summary>
    public static readonly WishStatus[] Active =
    [
        WishStatus.Draft, WishStatus.Submitted, WishStatus.UnderReview, WishStatus.Returned,
        WishStatus.Published, WishStatus.OpenToOrganisations, WishStatus.Claimed, WishStatus.Scheduled,
    ];

    /// <summary>Volunteers claim wishes that are published or opened to organisations; organisations only the latter.</summary>
    public static WishStatus[] ClaimableBy(ClaimantKind kind) => kind == ClaimantKind.Organisation
        ? [WishStatus.OpenToOrganisations]
        : [WishStatus.Published, WishStatus.OpenToOrganisations];

    /// <summary>A user who may claim as an organisation claims for it (认领 as a unit); everyone else as a volunteer.</summary>
    public static async Task<ClaimantKind> ClaimantKindOfAsync(ClaimsPrincipal user, IAuthorizationService authorization) =>
        (await authorization.AuthorizeAsync(user, PermissionPolicy.For(WishesModule.ClaimAsOrganisation))).Succeeded
            ? ClaimantKind.Organisation
            : ClaimantKind.Volunteer;

    /// <summary>Wishes with a free slot the claimant may take, nearest deadline first (no deadline last).</summary>
    public async Task<Paged<WishRow>> OpenAsync(ClaimantKind kind, WishFilter filter, int page)
    {
        var statuses = ClaimableBy(kind);
        var query = db.Set<WishIndexRecord>().AsNoTracking().Where(w => statuses.Contains(w.Status) && w.SlotsClaimed < w.SlotsTotal);
        if (filter.Category is { Length: > 0 } category) query = query.Where(w => w.Category == category);
        if (filter.CommunityId is { Length: > 0 } community) query = query.Where(w => w.CommunityId == community);
        if (filter.CampaignId is { Length: > 0 } campaign) query = query.Where(w => w.CampaignId == campaign);
        return await PageAsync(query.OrderBy(w => w.DeadlineUtc == null).ThenBy(w => w.DeadlineUtc).ThenBy(w => w.WishId), page);
    }

    /// <summary>The claimant's claims: open ones first, soonest service time first; then the rest, newest first.</summary>
    public async Task<IReadOnlyList<ClaimRow>> ClaimsOfAsync(string claimantId, int take = 100)
    {
        var open = WishClaims.OpenStatuses;
        var claims = await db.Set<WishClaimRecord>().AsNoTracking()
            .Where(c => c.ClaimantId == claimantId)
            .OrderBy(c => open.Contains(c.Status) ? 0 : 1).ThenByDescending(c => c.Id)
            .Take(take)
            .ToListAsync();
        return await WithWishesAsync(claims);
    }

    /// <summary>Counts of every tab, for the queue's tab labels, from the wish counts (overdue: by deadline day).</summary>
    public async Task<IReadOnlyDictionary<WorkQueue, int>> QueueCountsAsync()
    {
        var snapshot = await counts.ReadAsync(WishDimensions.All);
        return new Dictionary<WorkQueue, int>
        {
            [WorkQueue.Review] = snapshot.Sum(ToReview),
            [WorkQueue.Confirm] = await db.Set<WishClaimRecord>().CountAsync(c => c.Status == ClaimStatus.Active),
            [WorkQueue.Overdue] = await counts.PastDeadlineAsync(Active, Now),
            [WorkQueue.Verify] = snapshot.Sum([WishStatus.Fulfilled]),
        };
    }

    /// <summary>
    /// A page of wishes in a queue tab, oldest waiting first (overdue: longest overdue first). Each state's wishes are
    /// read in the order of an index (state, then how long it has waited or its deadline) and merged, so a page costs its
    /// own rows; the total comes from the counts.
    /// </summary>
    public async Task<Paged<WishRow>> QueueAsync(WorkQueue queue, int page)
    {
        var wishes = db.Set<WishIndexRecord>().AsNoTracking();
        if (queue == WorkQueue.Overdue)
        {
            var now = Now;
            return await MergedPageAsync(Active.Select(s => wishes.Where(w => w.Status == s && w.DeadlineUtc < now)), w => w.DeadlineUtc,
                await counts.PastDeadlineAsync(Active, now), page);
        }
        WishStatus[] statuses = queue switch
        {
            WorkQueue.Review => ToReview,
            WorkQueue.Verify => [WishStatus.Fulfilled],
            _ => throw new ArgumentOutOfRangeException(nameof(queue), queue, "Only the wish tabs list wishes (claims: ClaimsToConfirmAsync)."),
        };
        return await MergedPageAsync(statuses.Select(s => wishes.Where(w => w.Status == s)), w => w.StatusChangedUtc,
            (await counts.ReadAsync(WishDimensions.All)).Sum(statuses), page);
    }

    /// <summary>A page of the union of <paramref name="perState"/> in <paramref name="order"/>: the first rows of each, then merged.</summary>
    private async Task<Paged<WishRow>> MergedPageAsync<TKey>(
        IEnumerable<IQueryable<WishIndexRecord>> perState, Expression<Func<WishIndexRecord, TKey>> order, int total, int page)
    {
        page = ClampPage(page, total);
        var wanted = page * PageSize;
        var merged = perState.Select(q => q.OrderBy(order).ThenBy(w => w.WishId).Take(wanted)).Aggregate((a, b) => a.Concat(b));
        var rows = await merged.OrderBy(order).ThenBy(w => w.WishId).Skip(wanted - PageSize).Take(PageSize).ToListAsync();
        return new Paged<WishRow>(await RowsAsync(rows), total, page, PageSize);
    }

    /// <summary>Claims that wait for staff to confirm them, oldest first.</summary>
    public async Task<Paged<ClaimRow>> ClaimsToConfirmAsync(int page)
    {
        var query = db.Set<WishClaimRecord>().AsNoTracking().Where(c => c.Status == ClaimStatus.Active);
        var total = await query.CountAsync();
        page = ClampPage(page, total);
        var claims = await query.OrderBy(c => c.ClaimedUtc).ThenBy(c => c.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync();
        return new Paged<ClaimRow>(await WithWishesAsync(claims), total, page, PageSize);
    }

    /// <summary>The claims of these wishes, for showing claimants and evidence beside them.</summary>
    public async Task<ILookup<string, WishClaimRecord>> ClaimsOfWishesAsync(IEnumerable<string> wishIds)
    {
        var ids = wishIds.Distinct().ToList();
        var claims = await db.Set<WishClaimRecord>().AsNoTracking().Where(c => ids.Contains(c.WishId)).OrderBy(c => c.Id).ToListAsync();
        return claims.ToLookup(c => c.WishId);
    }

    /// <summary>Display names of content items (communities, campaigns, volunteers), by id.</summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IEnumerable<string?> ids)
    {
        var wanted = ids.OfType<string>().Distinct().ToList();
        if (wanted.Count == 0) return new Dictionary<string, string>();
        return await db.Set<ContentItemRecord>().AsNoTracking()
            .Where(r => r.Latest && wanted.Contains(r.ContentItemId))
            .ToDictionaryAsync(r => r.ContentItemId, r => r.DisplayText);
    }

    /// <summary>Published items of a type as (id, name) choices for a filter, by name.</summary>
    public async Task<IReadOnlyList<(string Id, string Name)>> ChoicesAsync(string contentType, int take = 500)
    {
        var rows = await db.Set<ContentItemRecord>().AsNoTracking()
            .Where(r => r.Published && r.ContentType == contentType)
            .OrderBy(r => r.DisplayText).Take(take)
            .Select(r => new { r.ContentItemId, r.DisplayText })
            .ToListAsync();
        return rows.Select(r => (r.ContentItemId, r.DisplayText)).ToList();
    }

    public async Task<WishRow?> FindAsync(string wishId) =>
        (await RowsAsync(await db.Set<WishIndexRecord>().AsNoTracking().Where(w => w.WishId == wishId).ToListAsync())).FirstOrDefault();

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<Paged<WishRow>> PageAsync(IQueryable<WishIndexRecord> ordered, int page)
    {
        var total = await ordered.CountAsync();
        page = ClampPage(page, total);
        var rows = await ordered.Skip((page - 1) * PageSize).Take(PageSize).ToListAsync();
        return new Paged<WishRow>(await RowsAsync(rows), total, page, PageSize);
    }

    private static int ClampPage(int page, int total) => Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));

    private async Task<IReadOnlyList<WishRow>> RowsAsync(IReadOnlyList<WishIndexRecord> rows)
    {
        var titles = await NamesAsync(rows.Select(r => r.WishId));
        return rows.Select(w => new WishRow(w.WishId, titles.GetValueOrDefault(w.WishId) ?? "", w.Status, w.Category, w.CommunityId, w.CampaignId,
            w.DeadlineUtc, w.SlotsTotal, w.SlotsClaimed, w.StatusChangedUtc)).ToList();
    }

    private async Task<IReadOnlyList<ClaimRow>> WithWishesAsync(IReadOnlyList<WishClaimRecord> claims)
    {
        var ids = claims.Select(c => c.WishId).Distinct().ToList();
        var wishes = (await RowsAsync(await db.Set<WishIndexRecord>().AsNoTracking().Where(w => ids.Contains(w.WishId)).ToListAsync()))
            .ToDictionary(w => w.WishId);
        return claims.Where(c => wishes.ContainsKey(c.WishId)).Select(c => new ClaimRow(c, wishes[c.WishId])).ToList();
    }
}
