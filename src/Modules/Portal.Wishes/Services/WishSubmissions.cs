using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Content;
using Portal.Core.Content.Privacy;
using Portal.Core.Data;
using Portal.Wishes.Handlers;
using Portal.Wishes.Models;

namespace Portal.Wishes.Services;

/// <summary>Who enters a wish: staff on a resident's behalf, the resident online, or a partner's system.</summary>
public enum IntakeSource { Staff, Online, Partner }

/// <summary>
/// A partner's idempotency key: the same <see cref="Key"/> from the same <see cref="Client"/> submits once.
/// <see cref="Fingerprint"/> identifies the input, so a key reused for another wish is refused rather than answered with the first.
/// </summary>
public sealed record IdempotencyKey(string Client, string Key, string Fingerprint);

/// <summary>How to submit: where from, a note for the audit trail, whether a likely duplicate may be saved, a partner's key.</summary>
public sealed record SubmissionOptions(IntakeSource Source, string? Note = null, bool AllowDuplicates = false, IdempotencyKey? Key = null);

/// <summary>
/// The outcome: the wish's id, or the errors (by field path, e.g. <c>Wish.Phone</c>) and nothing saved. Staff are shown
/// <see cref="Duplicates"/> before saving; other sources save and flag them. <see cref="Replayed"/>: a key seen before.
/// </summary>
public sealed record SubmissionResult(string? WishId, IReadOnlyList<ContentError> Errors, IReadOnlyList<DuplicateWish> Duplicates, bool Replayed = false)
{
    public bool Succeeded => WishId is not null;
}

/// <summary>
/// The one way a wish comes in, whatever the entry point (the staff form, and for the public form and the partner API; the CSV import batches its rows in WishImport):
/// the channel is recorded, a resident who submits themself must consent, the community must be one of the portal's,
/// the same person wishing for the same item is caught, and the wish lands submitted, where the review workflow picks it up.
/// All of it is one transaction: a refused submission leaves nothing behind.
/// </summary>
public sealed class WishSubmissions(
    PortalDbContext db, ContentManager content, WishLifecycle lifecycle, WishDuplicates duplicateRule, TimeProvider clock, IStringLocalizer<WishSubmissions> T)
{
    /// <summary>The intake channel each source records (the channels of the Wish type); staff say theirs.</summary>
    public static string? ChannelOf(IntakeSource source) => source switch
    {
        IntakeSource.Online => "online",
        IntakeSource.Partner => "partner-api",
        _ => null,
    };

    /// <summary>The wish's reference: the start of its id, which staff can search for and which says nothing about the person.</summary>
    public static string Reference(string wishId) => wishId[..Math.Min(8, wishId.Length)].ToUpperInvariant();

    public Task<SubmissionResult> SubmitAsync(ContentItem wish, SubmissionOptions options) =>
        db.InTransactionAsync(async () =>
        {
            if (options.Key is { } key && await ReplayAsync(key) is { } replayed) return replayed;
            var part = wish.Part(WishFields.Type);
            if (ChannelOf(options.Source) is { } channel) wish.Field(WishFields.Type, WishFields.IntakeChannel)["Value"] = channel;

            var errors = new List<ContentError>();
            if (options.Source is IntakeSource.Online or IntakeSource.Partner)
                errors.AddRange(WishConsentRules.IntakeErrors(part, T).Select(e => new ContentError(e.Path, e.Message)));
            if (await UnknownCommunityAsync(part) is { } community) errors.Add(community);
            // Saved even when refused, so the content's own validation speaks too; a refusal rolls the save back.
            var created = await content.CreateAsync(wish);
            if (!created.Succeeded) errors.AddRange(created.Errors);
            if (errors.Count > 0) return new SubmissionResult(null, errors, []);
            var duplicates = await duplicateRule.OfAsync(created.Item!);
            if (duplicates.Count > 0 && options.Source == IntakeSource.Staff && !options.AllowDuplicates)
                return new SubmissionResult(null, [], duplicates);
            var id = created.Item!.ContentItemId;
            var moved = await lifecycle.MoveAsync(id, WishStatus.Submitted, options.Note);
            if (!moved.Succeeded) return new SubmissionResult(null, [new ContentError("", moved.Error!)], duplicates);
            foreach (var duplicate in duplicates)
                await duplicateRule.FlagAsync(id, duplicate.WishId);
            if (options.Key is { } used)
                await db.Set<WishSubmissionKeyRecord>().Where(k => k.Client == used.Client && k.Key == used.Key)
                    .ExecuteUpdateAsync(s => s.SetProperty(k => k.WishId, id));
            return new SubmissionResult(id, [], duplicates);
        }, r => r.Succeeded);

    /// <summary>
    /// Takes the key for this submission, or answers with the wish it was first used for. The key's row is written first:
    /// a second request with the same key waits on it until the first commits (or rolls back, freeing the key).
    /// </summary>
    private async Task<SubmissionResult?> ReplayAsync(IdempotencyKey key)
    {
        var taken = await db.Database.ExecuteSqlRawAsync(
            """INSERT INTO "WishSubmissionKeys" ("Client", "Key", "Fingerprint", "CreatedUtc") VALUES ({0}, {1}, {2}, {3}) ON CONFLICT DO NOTHING""",
            key.Client, key.Key, key.Fingerprint, clock.GetUtcNow().UtcDateTime);
        if (taken == 1) return null;
        var first = await db.Set<WishSubmissionKeyRecord>().AsNoTracking().SingleAsync(k => k.Client == key.Client && k.Key == key.Key);
        return first.Fingerprint == key.Fingerprint && first.WishId is { } wishId
            ? new SubmissionResult(wishId, [], [], Replayed: true)
            : new SubmissionResult(null, [new ContentError("IdempotencyKey", T["This idempotency key was already used for a different wish; use a new key for each wish."])], []);
    }

    private async Task<ContentError?> UnknownCommunityAsync(JsonObject part)
    {
        var ids = part[WishFields.Community]?["ContentItemIds"] as JsonArray;
        var id = ids is { Count: > 0 } ? JsonValues.Text(ids[0]) : null;
        if (id is null || await content.Records.AnyAsync(r => r.ContentItemId == id && r.ContentType == WishFields.CommunityType && r.Published)) return null;
        return new ContentError($"{WishFields.Type}.{WishFields.Community}", T["Choose one of the communities."]);
    }
}
