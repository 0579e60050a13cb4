using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Core.Security;
using Portal.Wishes.Models;

namespace Portal.Wishes.Services;

/// <summary>
/// Moves wishes between states by the rules of <see cref="WishLifecycleRules"/>. Every entry point (admin,
/// public form, API, workflow activity, recipe) comes through here, so the rules hold everywhere. Each move
/// is a conditional update on the state the wish was read in: two moves at once never both apply.
/// </summary>
public sealed class WishLifecycle(
    PortalDbContext db,
    ContentManager content,
    WishCounts counts,
    ICurrentUser user,
    TimeProvider clock,
    IEnumerable<IWishEventHandler> listeners,
    IEnumerable<IPublicListingListener> listings,
    IStringLocalizer<WishLifecycle> T)
{
    private readonly IReadOnlyList<IWishEventHandler> listeners = listeners.ToList();

    public Task<WishResult> MoveAsync(string wishId, WishStatus to, string? reason = null) =>
        db.InTransactionAsync(async () =>
        {
            var wish = await db.Set<WishIndexRecord>().AsNoTracking().FirstOrDefaultAsync(w => w.WishId == wishId);
            if (wish is null) return NotFound(wishId);
            if (!WishLifecycleRules.IsDirectMove(wish.Status, to))
                return WishResult.Fail(WishErrorKind.Invalid, IllegalMove(wish.Status, to), wish.Status);
            if (WishLifecycleRules.NeedsReason(to) && string.IsNullOrWhiteSpace(reason))
                return WishResult.Fail(WishErrorKind.Invalid, T["Say why the wish becomes {0}.", Label(to)], wish.Status);

            var from = wish.Status;
            if (await ApplyAsync(wishId, from, to) is null) return await ChangedMeanwhileAsync(wishId);
            // Publishing the wish publishes its item, where the consent it needs is checked (WishPrivacyHandler).
            if (to == WishStatus.Published && await content.PublishAsync(wishId) is { Succeeded: false } refused)
                return WishResult.Fail(WishErrorKind.Invalid, string.Join(" ", refused.Errors.Select(e => e.Message)), from);

            await RecordAsync(wishId, EventName(to), from, to, reason);
            if (from == WishStatus.UnderReview) await NotifyAsync(new WishEvent(WishEvents.Reviewed, wishId, from, to, user.UserId, reason));
            return WishResult.Ok(to);
        }, r => r.Succeeded);

    /// <summary>
    /// Moves the wish from <paramref name="from"/> to <paramref name="to"/> if it is still in <paramref name="from"/>:
    /// the conditional update that keeps two simultaneous moves from both applying, and the one place a wish's state
    /// changes, so its counts change with it. Returns the moved row (read under the update's lock), or null when the
    /// wish was no longer in <paramref name="from"/>.
    /// </summary>
    internal async Task<WishIndexRecord?> ApplyAsync(string wishId, WishStatus from, WishStatus to)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var published = to == WishStatus.Published;
        var moved = (await db.Set<WishIndexRecord>().FromSql($"""
            UPDATE "WishIndex" SET "Status" = {to.ToString()}, "StatusChangedUtc" = {now},
                "PublishedUtc" = CASE WHEN "PublishedUtc" IS NULL AND {published} THEN {now} ELSE "PublishedUtc" END
            WHERE "WishId" = {wishId} AND "Status" = {from.ToString()}
            RETURNING *
            """).AsNoTracking().ToListAsync()).SingleOrDefault();
        if (moved is not null) await counts.ChangeAsync(moved, (from, -1), (to, +1));
        return moved;
    }

    /// <summary>
    /// Appends to the audit trail and tells the listeners, and public listings (search) when the wish came onto the wall
    /// or left it; call inside the change's transaction. A new <paramref name="claim"/> added to the context is saved
    /// with the audit row (one command).
    /// </summary>
    internal async Task RecordAsync(string wishId, string action, WishStatus? from, WishStatus? to, string? reason, WishClaimRecord? claim = null)
    {
        if (from is { } f && to is { } t && WishLifecycleRules.IsOpenForClaims(f) != WishLifecycleRules.IsOpenForClaims(t))
            foreach (var listing in listings) await listing.ListingChangedAsync(wishId, WishLifecycleRules.IsOpenForClaims(t));
        db.Add(new WishAuditRecord
        {
            WishId = wishId,
            AtUtc = clock.GetUtcNow().UtcDateTime,
            UserId = user.UserId,
            UserName = user.UserName,
            Action = action,
            From = from,
            To = to,
            Reason = reason?.Trim(),
        });
        await db.SaveChangesAsync();
        await NotifyAsync(new WishEvent(action, wishId, from, to, user.UserId, reason, claim?.Id));
    }

    /// <summary>Tells the listeners; the wish's latest version is read only for a listener that asks for it.</summary>
    private async Task NotifyAsync(WishEvent wishEvent)
    {
        var wishId = wishEvent.WishId;
        wishEvent = wishEvent with { Wish = new(() => content.GetAsync(wishId, VersionOptions.Latest)) };
        foreach (var listener in listeners) await listener.HandleAsync(wishEvent);
    }

    public async Task<IReadOnlyList<WishAuditRecord>> AuditTrailAsync(string wishId) =>
        await db.Set<WishAuditRecord>().AsNoTracking().Where(a => a.WishId == wishId).OrderBy(a => a.Id).ToListAsync();

    internal string IllegalMove(WishStatus from, WishStatus to) =>
        WishLifecycleRules.NextOf(from).Count == 0
            ? T["The wish is {0}, which is final; it cannot become {1}.", Label(from), Label(to)]
            : T["The wish is {0}; it cannot become {1}. From {0} it can become: {2}.", Label(from), Label(to),
                string.Join(T[", "], WishLifecycleRules.NextOf(from).Where(n => WishLifecycleRules.IsDirectMove(from, n)).Select(Label))];

    internal WishResult NotFound(string wishId) => WishResult.Fail(WishErrorKind.NotFound, T["No wish has the id '{0}'.", wishId]);

    internal async Task<WishResult> ChangedMeanwhileAsync(string wishId)
    {
        var now = await db.Set<WishIndexRecord>().AsNoTracking().Where(w => w.WishId == wishId).Select(w => (WishStatus?)w.Status).FirstOrDefaultAsync();
        return WishResult.Fail(WishErrorKind.Conflict, T["Someone else changed the wish at the same moment; it is now {0}.", now is { } s ? Label(s) : "-"], now);
    }

    public string Label(WishStatus status) => status switch
    {
        WishStatus.Draft => T["draft"],
        WishStatus.Submitted => T["submitted"],
        WishStatus.UnderReview => T["under review"],
        WishStatus.Returned => T["returned for changes"],
        WishStatus.Rejected => T["rejected"],
        WishStatus.Published => T["published"],
        WishStatus.OpenToOrganisations => T["open to organisations"],
        WishStatus.Claimed => T["claimed"],
        WishStatus.Scheduled => T["scheduled"],
        WishStatus.Fulfilled => T["fulfilled"],
        WishStatus.Verified => T["verified"],
        WishStatus.StoryDrafted => T["story drafted"],
        WishStatus.StoryPublished => T["story published"],
        WishStatus.Cancelled => T["cancelled"],
        WishStatus.Expired => T["expired"],
        WishStatus.Closed => T["closed"],
        _ => status.ToString(),
    };

    /// <summary>The event a move raises (names that workflows listen for).</summary>
    public static string EventName(WishStatus to) => to switch
    {
        WishStatus.Submitted => WishEvents.Submitted,
        WishStatus.UnderReview => WishEvents.ReviewStarted,
        WishStatus.Returned => WishEvents.Returned,
        WishStatus.Rejected => WishEvents.Rejected,
        WishStatus.Published => WishEvents.Published,
        WishStatus.OpenToOrganisations => WishEvents.OpenedToOrganisations,
        WishStatus.Claimed => WishEvents.Claimed,
        WishStatus.Scheduled => WishEvents.Scheduled,
        WishStatus.Fulfilled => WishEvents.Fulfilled,
        WishStatus.Verified => WishEvents.Verified,
        WishStatus.StoryDrafted => WishEvents.StoryDrafted,
        WishStatus.StoryPublished => WishEvents.StoryPublished,
        WishStatus.Cancelled => WishEvents.Cancelled,
        WishStatus.Expired => WishEvents.Expired,
        WishStatus.Closed => WishEvents.Closed,
        _ => "Wish" + to,
    };

}
