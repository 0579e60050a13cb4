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

    /// <summary>More than this for one wish is a typing mistake, not a service.</summary>
    public const double MaxServiceHours = 200;

    public Task<WishResult> ClaimAsync(string wishId, string claimantId, ClaimantKind kind, string? claimantName = null) =>
        db.InTransactionAsync(async () =>
        {
            if (await TakeSlotAsync(wishId, kind) is not { } wish)
                return await NotTakenAsync(wishId, kind);

            var open = await db.Set<WishClaimRecord>().AsNoTracking()
                .Where(c => c.ClaimantId == claimantId && OpenStatuses.Contains(c.Status)).Select(c => c.WishId).ToListAsync();
            if (open.Contains(wishId))
                return Rollback(T["You have already claimed this wish."]);
            if (kind == ClaimantKind.Volunteer && open.Count >= options.Value.MaxOpenClaimsPerVolunteer)
                return Rollback(T["You already hold {0} open claims, the most allowed. Fulfil or release one first.", open.Count]);

            var from = wish.Status;
            var after = wish.SlotsClaimed >= wish.SlotsTotal ? await MoveWishAsync(wishId, from, WishStatus.Claimed) : from;
            var claim = new WishClaimRecord
            {
                WishId = wishId, ClaimantId = claimantId, ClaimantName = claimantName, ClaimantKind = kind, Status = ClaimStatus.Active,
                ClaimedUtc = clock.GetUtcNow().UtcDateTime,
            };
            db.Add(claim);
            await lifecycle.RecordAsync(wishId, WishEvents.Claimed, from, after, null, claim);
            return WishResult.Ok(after, claim.Id);
        }, r => r.Succeeded);

    /// <summary>
    /// Takes a slot if the wish is open to this kind of claimant and has one free: one conditional UPDATE, so the
    /// database lets one of many simultaneous claimers have the last slot. Returns the row as it is now (state
    /// unchanged), or null when no slot was taken.
    /// </summary>
    private async Task<WishIndexRecord?> TakeSlotAsync(string wishId, ClaimantKind kind)
    {
        var organisation = kind == ClaimantKind.Organisation;
        return (await db.Set<WishIndexRecord>().FromSql($"""
            UPDATE "WishIndex" SET "SlotsClaimed" = "SlotsClaimed" + 1
            WHERE "WishId" = {wishId} AND "SlotsClaimed" < "SlotsTotal"
                AND ("Status" = {nameof(WishStatus.OpenToOrganisations)} OR ("Status" = {nameof(WishStatus.Published)} AND NOT {organisation}))
            RETURNING *
            """).AsNoTracking().ToListAsync()).SingleOrDefault();
    }

    /// <summary>Gives a claim back with a reason; the slot opens again and a fully claimed wish reopens.</summary>
    public Task<WishResult> ReleaseAsync(long claimId, string reason) =>
        db.InTransactionAsync(async () =>
        {
            if (string.IsNullOrWhiteSpace(reason))
                return WishResult.Fail(WishErrorKind.Invalid, T["Say why the claim is released."]);
            var claim = await db.Set<WishClaimRecord>().FirstOrDefaultAsync(c => c.Id == claimId);
            if (claim is null || !OpenStatuses.Contains(claim.Status))
                return WishResult.Fail(WishErrorKind.NotFound, T["There is no open claim with the id {0}.", claimId]);

            claim.Status = ClaimStatus.Released;
            claim.ReleasedUtc = clock.GetUtcNow().UtcDateTime;
            claim.ReleaseReason = reason.Trim();
            await db.SaveChangesAsync();
            // Giving the slot back locks the wish row first, so the state read next is the one the move starts from.
            await db.Set<WishIndexRecord>().Where(w => w.WishId == claim.WishId)
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.SlotsClaimed, w => w.SlotsClaimed - 1));
            var before = await StatusOfAsync(claim.WishId);
            var reopenAs = await db.Set<WishAuditRecord>().AnyAsync(a => a.WishId == claim.WishId && a.To == WishStatus.OpenToOrganisations)
                ? WishStatus.OpenToOrganisations
                : WishStatus.Published;
            var after = before is WishStatus.Claimed or WishStatus.Scheduled ? await MoveWishAsync(claim.WishId, before, reopenAs) : before;
            await lifecycle.RecordAsync(claim.WishId, WishEvents.Released, before, after, reason, claim);
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
            await lifecycle.RecordAsync(claim.WishId, WishEvents.ClaimConfirmed, status, status, null, claim);
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
            var after = before == WishStatus.Claimed ? await MoveWishAsync(claim.WishId, WishStatus.Claimed, WishStatus.Scheduled) : before;
            await lifecycle.RecordAsync(claim.WishId, WishEvents.Scheduled, before, after, null, claim);
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
            await lifecycle.RecordAsync(claim.WishId, after == WishStatus.Fulfilled ? WishEvents.Fulfilled : WishEvents.ClaimFulfilled, wish.Status, after, note, claim);
            return WishResult.Ok(after, claim.Id);
        }, r => r.Succeeded);

    public async Task<WishClaimRecord?> FindAsync(long claimId) =>
        await db.Set<WishClaimRecord>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == claimId);

    public async Task<IReadOnlyList<WishClaimRecord>> ClaimsOfWishAsync(string wishId) =>
        await db.Set<WishClaimRecord>().AsNoTracking().Where(c => c.WishId == wishId).OrderBy(c => c.Id).ToListAsync();

    private async Task<WishResult> NotTakenAsync(string wishId, ClaimantKind kind)
    {
        var wish = await db.Set<WishIndexRecord>().AsNoTracking().FirstOrDefaultAsync(w => w.WishId == wishId);
        if (wish is null) return lifecycle.NotFound(wishId);
        if (kind == ClaimantKind.Organisation && wish.Status == WishStatus.Published)
            return WishResult.Fail(WishErrorKind.Invalid, T["Organisations can claim a wish once it is open to organisations."], wish.Status);
        return WishLifecycleRules.IsOpenForClaims(wish.Status) || wish.Status is WishStatus.Claimed or WishStatus.Scheduled
            ? WishResult.Fail(WishErrorKind.Conflict, T["This wish has already been claimed."], wish.Status)
            : WishResult.Fail(WishErrorKind.Invalid, T["The wish is {0} and cannot be claimed.", lifecycle.Label(wish.Status)], wish.Status);
    }

    /// <summary>A failure after the slot was taken: the caller's transaction rolls back, returning the slot.</summary>
    private static WishResult Rollback(string error) => WishResult.Fail(WishErrorKind.Conflict, error);

    /// <summary>A move the claim flow makes on its own (checked against the rules all the same); the state after it.</summary>
    private async Task<WishStatus> MoveWishAsync(string wishId, WishStatus from, WishStatus to)
    {
        if (!WishLifecycleRules.CanMove(from, to)) throw new InvalidOperationException($"The claim flow tried an illegal move {from} -> {to}.");
        return (await lifecycle.ApplyAsync(wishId, from, to))?.Status
            ?? throw new InvalidOperationException($"The wish {wishId} left {from} inside the claim's own transaction.");
    }

    private Task<WishStatus> StatusOfAsync(string wishId) =>
        db.Set<WishIndexRecord>().AsNoTracking().Where(w => w.WishId == wishId).Select(w => w.Status).FirstAsync();
}
