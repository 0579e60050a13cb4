using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Core.Settings;
using Portal.Wishes.Models;
using Portal.Wishes.Services;

namespace Portal.Wishes.Handlers;

/// <summary>
/// Keeps the index (and the wish counts) in step with Wish items: a new wish starts as a draft; edits update what lists
/// filter on; only the review publishes a wish; a removed wish leaves the index and the counts.
/// </summary>
public sealed class WishIndexHandler(
    PortalDbContext db, WishCounts counts, SiteSettingsStore settings, TimeProvider clock, IStringLocalizer<WishIndexHandler> T) : ContentHandler
{
    public override async Task ValidatingAsync(ContentContext context)
    {
        if (context.Item.ContentType != WishFields.Type) return;
        var slots = Slots(context.Item);
        if (slots < 1)
        {
            context.Errors.Add($"{WishFields.Type}.{WishFields.Slots}", T["A wish needs at least one slot."]);
            return;
        }
        var claimed = await db.Set<WishIndexRecord>().AsNoTracking()
            .Where(w => w.WishId == context.Item.ContentItemId).Select(w => (int?)w.SlotsClaimed).FirstOrDefaultAsync();
        if (claimed > slots)
            context.Errors.Add($"{WishFields.Type}.{WishFields.Slots}", T["{0} slots are already claimed; the wish cannot have fewer.", claimed]);
    }

    public override async Task CreatedAsync(ContentContext context)
    {
        if (context.Item.ContentType != WishFields.Type) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var row = new WishIndexRecord
        {
            WishId = context.Item.ContentItemId,
            Status = WishStatus.Draft,
            CreatedUtc = now,
            StatusChangedUtc = now,
            OwnerId = context.Item.Owner,
        };
        await DescribeAsync(context.Item, row);
        db.Add(row);
        await db.SaveChangesAsync();
        await counts.ChangeAsync(row, (row.Status, +1));
    }

    public override async Task UpdatedAsync(ContentContext context)
    {
        if (context.Item.ContentType != WishFields.Type) return;
        if (await LockedRowAsync(context.Item.ContentItemId) is not { } row) return;
        var before = new WishIndexRecord { Category = row.Category, CommunityId = row.CommunityId, CampaignId = row.CampaignId, DeadlineUtc = row.DeadlineUtc };
        await DescribeAsync(context.Item, row);
        await db.SaveChangesAsync();
        if ((before.Category, before.CommunityId, before.CampaignId, before.DeadlineUtc) != (row.Category, row.CommunityId, row.CampaignId, row.DeadlineUtc))
            await counts.ChangeAsync([(before, row.Status, -1), (row, row.Status, +1)]);
    }

    /// <summary>
    /// A wish is published by its review: the lifecycle moves it to Published, then publishes its item. Publishing one the
    /// review has not published (from the content admin, a recipe's content step) is refused with the way to do it, so
    /// the site never shows a wish its state says is a draft or under review. Edits of a published wish publish as usual.
    /// </summary>
    public override async Task PublishingAsync(ContentContext context)
    {
        if (context.Item.ContentType != WishFields.Type) return;
        var reviewed = await db.Set<WishIndexRecord>().AsNoTracking()
            .Where(w => w.WishId == context.Item.ContentItemId).Select(w => w.PublishedUtc != null).FirstOrDefaultAsync();
        if (!reviewed)
            context.Errors.Add("", T["A wish is published by its review: save it, submit it for review, and approve it in the work queue (/admin/wishes/queue)."]);
    }

    public override async Task RemovedAsync(ContentContext context)
    {
        if (context.Item.ContentType != WishFields.Type) return;
        var removed = await db.Set<WishIndexRecord>()
            .FromSql($"DELETE FROM \"WishIndex\" WHERE \"WishId\" = {context.Item.ContentItemId} RETURNING *").AsNoTracking().ToListAsync();
        foreach (var row in removed) await counts.ChangeAsync(row, (row.Status, -1));
    }

    /// <summary>The wish's row, locked until the transaction ends (PostgreSQL; SQLite has one writer at a time), so its state cannot move under an edit.</summary>
    private async Task<WishIndexRecord?> LockedRowAsync(string wishId) =>
        db.Provider == DatabaseProvider.Postgres
            ? (await db.Set<WishIndexRecord>().FromSql($"SELECT * FROM \"WishIndex\" WHERE \"WishId\" = {wishId} FOR UPDATE").ToListAsync()).SingleOrDefault()
            : await db.Set<WishIndexRecord>().FirstOrDefaultAsync(w => w.WishId == wishId);

    private async Task DescribeAsync(ContentItem item, WishIndexRecord row)
    {
        var part = item.Content[WishFields.Type] as JsonObject;
        row.Category = JsonValues.Text(part?[WishFields.Category]?["Value"]);
        row.CommunityId = FirstId(part?[WishFields.Community]);
        row.CampaignId = FirstId(part?[WishFields.Campaign]);
        row.SlotsTotal = Slots(item);
        row.Points = JsonValues.NumberOrNumericText(part?[WishFields.Points]?["Value"]) is { } points ? (int)points : null;
        row.DeadlineUtc = await DeadlineAsync(JsonValues.Text(part?[WishFields.Deadline]?["Value"]));
    }

    /// <summary>
    /// A deadline with a time is that moment; a date alone is the end of that day in the site's time zone, so a wish due
    /// on 1 December is overdue from midnight that night, local time, not from 08:00 (midnight UTC) that morning.
    /// </summary>
    private async Task<DateTime?> DeadlineAsync(string? text)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return TimeZoneInfo.ConvertTimeToUtc(date.AddDays(1).ToDateTime(TimeOnly.MinValue), await settings.TimeZoneAsync()).AddSeconds(-1);
        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var moment)
            ? moment
            : null;
    }

    private static int Slots(ContentItem item) =>
        JsonValues.NumberOrNumericText(item.Content[WishFields.Type]?[WishFields.Slots]?["Value"]) is { } n ? (int)n : 1;

    private static string? FirstId(JsonNode? picker) =>
        picker?["ContentItemIds"] is JsonArray ids && ids.Count > 0 ? JsonValues.Text(ids[0]) : null;
}

/// <summary>The names of the Wish type and the fields the domain reads; the recipe defines them.</summary>
public static class WishFields
{
    public const string Type = "Wish";

    /// <summary>The type the <see cref="Community"/> picker picks.</summary>
    public const string CommunityType = "Community";
    public const string Category = "Category";
    public const string Community = "Community";
    public const string Campaign = "Campaign";
    public const string Slots = "Slots";
    public const string Deadline = "Deadline";
    public const string Points = "Points";
    public const string Alias = "Alias";
    public const string ItemText = "ItemText";
    public const string IntakeChannel = "IntakeChannel";

    // Personal data: marked Sensitive in the definition, so kept apart from the wish's document.
    public const string WisherName = "WisherName";
    public const string Phone = "Phone";
    public const string Address = "Address";

    /// <summary>What a confirmed claimer may see to get in touch (not the ID, health or income notes).</summary>
    public static readonly IReadOnlyList<string> Contact = [WisherName, Phone, Address];

    // Consent, recorded per purpose (DOMAIN.md, "Privacy").
    public const string PublishConsent = "PublishConsent";
    public const string StoryConsent = "StoryConsent";
    public const string PhotoConsent = "PhotoConsent";
    public const string Minor = "Minor";
    public const string GuardianConsent = "GuardianConsent";
}
