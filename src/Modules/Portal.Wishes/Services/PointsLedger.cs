using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Security;
using Portal.Wishes.Models;

namespace Portal.Wishes.Services;

public sealed record PointsTotal(string ClaimantId, string? ClaimantName, ClaimantKind Kind, int Points);

/// <summary>
/// The service points ledger. Verifying a wish grants each fulfilled claim its points (the wish's own, else its
/// category's); staff reverse a grant with a reason by adding its negation. Balances are sums, never stored.
/// </summary>
public sealed class PointsLedger(
    PortalDbContext db, ICurrentUser user, TimeProvider clock, IOptions<WishOptions> options, IStringLocalizer<PointsLedger> T) : IWishEventHandler
{
    /// <summary>Runs inside the verification's transaction: no points without the move, no move without the points.</summary>
    public async Task HandleAsync(WishEvent wishEvent)
    {
        if (wishEvent.To != WishStatus.Verified || wishEvent.Name != WishLifecycle.EventName(WishStatus.Verified)) return;
        var wish = await db.Set<WishIndexRecord>().AsNoTracking().FirstAsync(w => w.WishId == wishEvent.WishId);
        var granted = db.Set<PointsEntryRecord>().Where(p => p.WishId == wish.WishId && p.Kind == PointsEntryKind.Granted).Select(p => p.ClaimId);
        var due = await db.Set<WishClaimRecord>().AsNoTracking()
            .Where(c => c.WishId == wish.WishId && c.Status == ClaimStatus.Fulfilled && !granted.Contains(c.Id))
            .ToListAsync();
        var points = options.Value.PointsFor(wish);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var claim in due)
        {
            db.Add(new PointsEntryRecord
            {
                ClaimantId = claim.ClaimantId, ClaimantName = claim.ClaimantName, ClaimantKind = claim.ClaimantKind,
                WishId = wish.WishId, ClaimId = claim.Id, Kind = PointsEntryKind.Granted, Points = points, AtUtc = now, ByUserId = user.UserId,
            });
        }
        await db.SaveChangesAsync();
    }

    /// <summary>Takes a grant back with a reason; the grant stays in the ledger beside its reversal.</summary>
    public Task<WishResult> ReverseAsync(long entryId, string? reason) =>
        db.InTransactionAsync(async () =>
        {
            if (string.IsNullOrWhiteSpace(reason))
                return WishResult.Fail(WishErrorKind.Invalid, T["Say why the points are taken back."]);
            var grant = await db.Set<PointsEntryRecord>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == entryId && p.Kind == PointsEntryKind.Granted);
            if (grant is null)
                return WishResult.Fail(WishErrorKind.NotFound, T["There is no grant of points with the id {0}.", entryId]);
            if (await db.Set<PointsEntryRecord>().AnyAsync(p => p.ReversesId == entryId))
                return WishResult.Fail(WishErrorKind.Conflict, T["These points were already taken back."]);
            var reversal = db.Add(new PointsEntryRecord
            {
                ClaimantId = grant.ClaimantId, ClaimantName = grant.ClaimantName, ClaimantKind = grant.ClaimantKind,
                WishId = grant.WishId, ClaimId = grant.ClaimId, Kind = PointsEntryKind.Reversed, Points = -grant.Points,
                ReversesId = grant.Id, Reason = reason.Trim(), AtUtc = clock.GetUtcNow().UtcDateTime, ByUserId = user.UserId,
            });
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException)
            {
                // Another reversal of the same grant won the race (the unique index on ReversesId).
                reversal.State = EntityState.Detached;
                return WishResult.Fail(WishErrorKind.Conflict, T["These points were already taken back."]);
            }
            return WishResult.Ok(WishStatus.Verified);
        }, r => r.Succeeded);

    public async Task<int> BalanceAsync(string claimantId) =>
        await db.Set<PointsEntryRecord>().Where(p => p.ClaimantId == claimantId).SumAsync(p => (int?)p.Points) ?? 0;

    /// <summary>Balances of everyone with ledger rows in [from, to), highest first.</summary>
    public async Task<IReadOnlyList<PointsTotal>> TotalsAsync(DateTime? fromUtc = null, DateTime? toUtc = null)
    {
        var rows = Between(fromUtc, toUtc);
        var totals = await rows.GroupBy(p => new { p.ClaimantId, p.ClaimantKind })
            .Select(g => new { g.Key.ClaimantId, g.Key.ClaimantKind, Points = g.Sum(p => p.Points), Name = g.Max(p => p.ClaimantName) })
            .ToListAsync();
        return totals.Select(t => new PointsTotal(t.ClaimantId, t.Name, t.ClaimantKind, t.Points))
            .OrderByDescending(t => t.Points).ThenBy(t => t.ClaimantName, StringComparer.Ordinal).ToList();
    }

    /// <summary>Ledger rows, newest first, optionally of one claimant.</summary>
    public async Task<IReadOnlyList<PointsEntryRecord>> EntriesAsync(string? claimantId = null, int take = 200) =>
        await db.Set<PointsEntryRecord>().AsNoTracking()
            .Where(p => claimantId == null || p.ClaimantId == claimantId)
            .OrderByDescending(p => p.Id).Take(take).ToListAsync();

    /// <summary>Ids of grants that have been reversed, among these.</summary>
    public async Task<IReadOnlySet<long>> ReversedAsync(IEnumerable<long> grantIds)
    {
        var ids = grantIds.ToList();
        var reversed = await db.Set<PointsEntryRecord>().Where(p => p.ReversesId != null && ids.Contains(p.ReversesId.Value)).Select(p => p.ReversesId!.Value).ToListAsync();
        return reversed.ToHashSet();
    }

    internal IQueryable<PointsEntryRecord> Between(DateTime? fromUtc, DateTime? toUtc) =>
        db.Set<PointsEntryRecord>().AsNoTracking()
            .Where(p => (fromUtc == null || p.AtUtc >= fromUtc) && (toUtc == null || p.AtUtc < toUtc));
}
