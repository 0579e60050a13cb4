using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Content;
using Portal.Core.Content.Privacy;
using Portal.Core.Data;
using Portal.Wishes.Handlers;
using Portal.Wishes.Models;

namespace Portal.Wishes.Services;

/// <summary>A stored wish of the same person for the same item.</summary>
public sealed record DuplicateWish(string WishId, string Title, WishStatus Status);

/// <summary>
/// The one duplicate rule, for every way a wish comes in (staff intake, the online form, the partner API, CSV import):
/// another live wish of the same person (the same name, and the same phone when both have one) for the same item
/// (its item text, or its title when it names none). It reads the wish as stored, so it runs after the save.
/// </summary>
public sealed class WishDuplicates(PortalDbContext db, ContentManager content, WishLifecycle lifecycle)
{
    /// <summary>The audit trail's action when a wish looks like another of the same person; the reason names the other wish.</summary>
    public const string Flagged = "WishFlaggedDuplicate";

    private static readonly WishStatus[] NotLive = [WishStatus.Rejected, WishStatus.Cancelled, WishStatus.Expired, WishStatus.Closed];

    /// <summary>The live wishes <paramref name="wish"/> duplicates, leaving out <paramref name="ignore"/> (say, later rows of the same file).</summary>
    public async Task<IReadOnlyList<DuplicateWish>> OfAsync(ContentItem wish, IReadOnlySet<string>? ignore = null)
    {
        var wishId = wish.ContentItemId;
        var own = await db.Set<SensitiveValueRecord>().AsNoTracking()
            .Where(v => v.ContentItemId == wishId && v.PartName == WishFields.Type && (v.FieldName == WishFields.WisherName || v.FieldName == WishFields.Phone))
            .ToListAsync();
        var name = own.FirstOrDefault(v => v.FieldName == WishFields.WisherName)?.Value;
        if (name is null || Text(name) is not { Length: > 0 }) return [];
        var phone = Text(own.FirstOrDefault(v => v.FieldName == WishFields.Phone)?.Value);
        var sameName = (await db.Set<SensitiveValueRecord>().AsNoTracking()
            .Where(v => v.PartName == WishFields.Type && v.FieldName == WishFields.WisherName && v.Value == name && v.ContentItemId != wishId)
            .Select(v => v.ContentItemId).ToListAsync()).Where(id => ignore?.Contains(id) != true).ToList();
        if (sameName.Count == 0) return [];
        var phones = await db.Set<SensitiveValueRecord>().AsNoTracking()
            .Where(v => sameName.Contains(v.ContentItemId) && v.PartName == WishFields.Type && v.FieldName == WishFields.Phone)
            .ToDictionaryAsync(v => v.ContentItemId, v => Text(v.Value));
        var live = await db.Set<WishIndexRecord>().AsNoTracking()
            .Where(w => sameName.Contains(w.WishId) && !NotLive.Contains(w.Status)).ToDictionaryAsync(w => w.WishId, w => w.Status);
        var what = WhatOf(wish);
        return (await content.GetManyAsync(live.Keys.ToList(), VersionOptions.Latest))
            .Where(other => WhatOf(other) == what && (phone is null || phones.GetValueOrDefault(other.ContentItemId) is not { } p || p == phone))
            .Select(other => new DuplicateWish(other.ContentItemId, other.DisplayText, live[other.ContentItemId]))
            .ToList();
    }

    /// <summary>Marks the wish in its audit trail as a likely duplicate of <paramref name="other"/> (a wish id, or where it was seen).</summary>
    public Task FlagAsync(string wishId, string other) => lifecycle.RecordAsync(wishId, Flagged, null, null, other);

    private static string? Text(string? storedJson) => storedJson is null ? null : JsonValues.Text(JsonNode.Parse(storedJson)?["Text"]);

    /// <summary>What the wish asks for: its item, or its title when it names none.</summary>
    private static string WhatOf(ContentItem wish) =>
        (JsonValues.Text(wish.Content[WishFields.Type]?[WishFields.ItemText]?["Text"]) ?? JsonValues.Text(wish.Content["TitlePart"]?["Title"]) ?? "").Trim();
}
