using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Wishes.Models;

namespace Portal.Wishes.Services;

/// <summary>
/// Claiming and releasing. A claim takes a slot with one conditional UPDATE on the wish row (status open,
/// a slot free); the database lets exactly one of many simultaneous claimers take the last slot, and the
/// rest are told it is already claimed. The checks that follow (one claim per claimant, the volunteer's cap)
/// run after that row lock, so they see every claim committed before.
/// </summary>
public sealed class WishClaims(
    PortalDbContext db,
    WishLifecycle lifecycle,
    TimeProvider clock,
    IOptions<WishOptions> options,
    IStringLocalizer<WishClaims> T)
{
    internal static readonly ClaimStatus[] OpenStatuses = [ClaimStatus.Active, ClaimStatus.Confirmed, ClaimStatus.Scheduled];

    /// <summary>A claim still being worked (not fulfilled, not released).</summary>
    public static bool IsOpen(ClaimStatus status) => OpenStatuses.Contains(status);

    /// <summary>More than this for one wish is a typing mistake, not a service.</summary>
    public const double MaxServiceHours = 200;

    public Task<WishResult> ClaimAsync(string wishId, string claimantId, ClaimantKind kind, string? claimantName = null) =>
        db.InTransactionAsync(async () =>
        {
            var wish = await db.Set<WishIndexRecord>().AsNoTracking().FirstOrDefaultAsync(w => w.WishId == wishId);
            if (wish is null) return lifecycle.NotFound(wishId);
            if (kind == ClaimantKind.Organisation && wish.Status == WishStatus.Published)
                return WishResult.Fail(WishErrorKind.Invalid, T["Organisations can claim a wish once it is open to organisations."], wish.Status);

            var now = clock.GetUtcNow().UtcDateTime;
            var taken = await db.Set<WishIndexRecord>()
                .Where(w => w.WishId == wishId
                    && (w.Status == WishStatus.Published || w.Status == WishStatus.OpenToOrganisations)
                    && w.SlotsClaimed < w.SlotsTotal)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(w => w.SlotsClaimed, w => w.SlotsClaimed + 1)
                    .SetProperty(w => w.Status, w => w.SlotsClaimed + 1 >= w.SlotsTotal ? WishStatus.Claimed : w.Status)
                    .SetProperty(w => w.StatusChangedUtc, w => w.SlotsClaimed + 1 >= w.SlotsTotal ? now : w.StatusChangedUtc));
            if (taken == 0)
                return await NotTakenAsync(wishId);

            if (await db.Set<WishClaimRecord>().AnyAsync(c => c.WishId == wishId && c.ClaimantId == claimantId && OpenStatuses.Contains(c.Status)))
                return Rollback(T["You have already claimed this wish."]);
            if (kind == ClaimantKind.Volunteer)
            {
                var open = await db.Set<WishClaimRecord>().CountAsync(c => c.ClaimantId == claimantId && OpenStatuses.Contains(c.Status));
                if (open >= options.Value.MaxOpenClaimsPerVolunteer)
                    return Rollback(T["You already hold {0} open claims, the most allowed. Fulfil or release one first.", open]);
            }

            var claim = new WishClaimRecord
            {
                WishId = wishId, ClaimantId = claimantId, ClaimantName = claimantName, ClaimantKind = kind, Status = ClaimStatus.Active, ClaimedUtc = now,
            };
            db.Add(claim);
            await db.SaveChangesAsync();
            var after = await StatusOfAsync(wishId);
            await lifecycle.RecordAsync(wishId, WishEvents.Claimed, wish.Status, after, null, claim.Id);
            return WishResult.Ok(after, claim.Id);
        }, r => r.Succeeded);

    /// <summary>Gives a claim back with a reason; the slot opens again and a fully claimed wish reopens.</summary>
    public Task<WishResult> ReleaseAsync(long claimId, string reason) =>
        db.InTransactionAsync(async () =>
        {
            if (string.IsNullOrWhiteSpace(reason))
                return WishResult.Fail(WishErrorKind.Invalid, T["Say why the claim is released."]);
            var claim = await db.Set<WishClaimRecord>().FirstOrDefaultAsync(c => c.Id == claimId);
            if (claim is null || !OpenStatuses.Contains(claim.Status))
                return WishResult.Fail(WishErrorKind.NotFound, T["There is no open claim with the id {0}.", claimId]);

            var before = await StatusOfAsync(claim.WishId);
            var reopenAs = await db.Set<WishAuditRecord>().AnyAsync(a => a.WishId == claim.WishId && a.To == WishStatus.OpenToOrganisations)
                ? WishStatus.OpenToOrganisations
                : WishStatus.Published;
            var now = clock.GetUtcNow().UtcDateTime;
            claim.Status = ClaimStatus.Released;
            claim.ReleasedUtc = now;
            claim.ReleaseReason = reason.Trim();
            await db.SaveChangesAsync();
            await db.Set<WishIndexRecord>()
                .Where(w => w.WishId == claim.WishId)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(w => w.SlotsClaimed, w => w.SlotsClaimed - 1)
                    .SetProperty(w => w.Status, w => w.Status == WishStatus.Claimed || w.Status == WishStatus.Scheduled ? reopenAs : w.Status)
                    .SetProperty(w => w.StatusChangedUtc, now));
            var after = await StatusOfAsync(claim.WishId);
            await lifecycle.RecordAsync(claim.WishId, WishEvents.Released, before, after, reason, claim.Id);
            return WishResult.Ok(after, claim.Id);
        }, r => r.Succeeded);

    /// <summary>Staff confirm a claim; from now on the claimant may see the wisher's contact details.</summary>
    public Task<WishResult> ConfirmAsync(long claimId) =>
        db.InTransactionAsync(async () =>
        {
            var claim = await db.Set<WishClaimRecord>().FirstOrDefaultAsync(c => c.Id == claimId);
            if (claim is null || claim.Status != ClaimStatus.Active)
                return WishResult.Fail(WishErrorKind.NotFound, T["There is no unconfirmed claim with the id {0}.", claimId]);
            claim.Status = ClaimStatus.Confirmed;
            claim.ConfirmedUtc = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync();
            var status = await StatusOfAsync(claim.WishId);
            await lifecycle.RecordAsync(claim.WishId, WishEvents.ClaimConfirmed, status, status, null, claim.Id);
            return WishResult.Ok(status, claim.Id);
        }, r => r.Succeeded);

    /// <summary>The claimant and the wisher agreed a time; the first scheduled claim of a fully claimed wish schedules the wish.</summary>
    public Task<WishResult> ScheduleAsync(long claimId, DateTime scheduledForUtc) =>
        db.InTransactionAsync(async () =>
        {
            var claim = await db.Set<WishClaimRecord>().FirstOrDefaultAsync(c => c.Id == claimId);
            if (claim is null || claim.Status is not (ClaimStatus.Active or ClaimStatus.Confirmed or ClaimStatus.Scheduled))
                return WishResult.Fail(WishErrorKind.NotFound, T["There is no open claim with the id {0}.", claimId]);
            if (scheduledForUtc < clock.GetUtcNow().UtcDateTime.AddDays(-1))
                return WishResult.Fail(WishErrorKind.Invalid, T["The service time must not be in the past."]);
            claim.Status = ClaimStatus.Scheduled;
            claim.ScheduledForUtc = DateTime.SpecifyKind(scheduledForUtc, DateTimeKind.Utc);
            await db.SaveChangesAsync();
            var before = await StatusOfAsync(claim.WishId);
            if (before == WishStatus.Claimed)
                await MoveWishAsync(claim.WishId, WishStatus.Claimed, WishStatus.Scheduled);
            var after = await StatusOfAsync(claim.WishId);
            await lifecycle.RecordAsync(claim.WishId, WishEvents.Scheduled, before, after, null, claim.Id);
            return WishResult.Ok(after, claim.Id);
        }, r => r.Succeeded);

    /// <summary>
    /// The claimant fulfilled their part, with a note or photos as evidence, and the hours it took. When every slot's claim is fulfilled
    /// the wish is fulfilled and waits for verification; until then it stays as it is (partial fulfilment).
    /// </summary>
    public Task<WishResult> FulfilAsync(long claimId, string? note, IReadOnlyList<string>? evidencePaths, double? serviceHours = null) =>
        db.InTransactionAsync(async () =>
        {
            if (string.IsNullOrWhiteSpace(note) && (evidencePaths is null || evidencePaths.Count == 0))
                return WishResult.Fail(WishErrorKind.Invalid, T["Add a note or a photo as evidence of the fulfilment."]);
            if (serviceHours is < 0 or > MaxServiceHours)
                return WishResult.Fail(WishErrorKind.Invalid, T["Service hours must be between 0 and {0}.", MaxServiceHours]);
            var claim = await db.Set<WishClaimRecord>().FirstOrDefaultAsync(c => c.Id == claimId);
            if (claim is null || !OpenStatuses.Contains(claim.Status))
                return WishResult.Fail(WishErrorKind.NotFound, T["There is no open claim with the id {0}.", claimId]);
            claim.Status = ClaimStatus.Fulfilled;
            claim.FulfilledUtc = clock.GetUtcNow().UtcDateTime;
            claim.EvidenceNote = note?.Trim();
            claim.EvidencePaths = evidencePaths is { Count: > 0 } ? System.Text.Json.JsonSerializer.Serialize(evidencePaths) : null;
            claim.ServiceHours = serviceHours;
            await db.SaveChangesAsync();

            var wish = await db.Set<WishIndexRecord>().AsNoTracking().FirstAsync(w => w.WishId == claim.WishId);
            var fulfilled = await db.Set<WishClaimRecord>().CountAsync(c => c.WishId == claim.WishId && c.Status == ClaimStatus.Fulfilled);
            if (fulfilled >= wish.SlotsTotal && wish.Status is WishStatus.Claimed or WishStatus.Scheduled)
            {
                if (wish.Status == WishStatus.Claimed) await MoveWishAsync(wish.WishId, WishStatus.Claimed, WishStatus.Scheduled);
                await MoveWishAsync(wish.WishId, WishStatus.Scheduled, WishStatus.Fulfilled);
            }
            var after = await StatusOfAsync(claim.WishId);
            await lifecycle.RecordAsync(claim.WishId, after == WishStatus.Fulfilled ? WishEvents.Fulfilled : WishEvents.ClaimFulfilled, wish.Status, after, note, claim.Id);
            return WishResult.Ok(after, claim.Id);
        }, r => r.Succeeded);

    public async Task<WishClaimRecord?> FindAsync(long claimId) =>
        await db.Set<WishClaimRecord>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == claimId);

    public async Task<IReadOnlyList<WishClaimRecord>> ClaimsOfWishAsync(string wishId) =>
        await db.Set<WishClaimRecord>().AsNoTracking().Where(c => c.WishId == wishId).OrderBy(c => c.Id).ToListAsync();

    private async Task<WishResult> NotTakenAsync(string wishId)
    {
        var wish = await db.Set<WishIndexRecord>().AsNoTracking().FirstAsync(w => w.WishId == wishId);
        return WishLifecycleRules.IsOpenForClaims(wish.Status) || wish.Status is WishStatus.Claimed or WishStatus.Scheduled
            ? WishResult.Fail(WishErrorKind.Conflict, T["This wish has already been claimed."], wish.Status)
            : WishResult.Fail(WishErrorKind.Invalid, T["The wish is {0} and cannot be claimed.", lifecycle.Label(wish.Status)], wish.Status);
    }

    /// <summary>A failure after the slot was taken: the caller's transaction rolls back, returning the slot.</summary>
    private static WishResult Rollback(string error) => WishResult.Fail(WishErrorKind.Conflict, error);

    /// <summary>A move the claim flow makes on its own (checked against the rules all the same).</summary>
    private async Task MoveWishAsync(string wishId, WishStatus from, WishStatus to)
    {
        if (!WishLifecycleRules.CanMove(from, to)) throw new InvalidOperationException($"The claim flow tried an illegal move {from} -> {to}.");
        await lifecycle.ApplyAsync(wishId, from, to);
    }

    private Task<WishStatus> StatusOfAsync(string wishId) =>
        db.Set<WishIndexRecord>().AsNoTracking().Where(w => w.WishId == wishId).Select(w => w.Status).FirstAsync();
}
