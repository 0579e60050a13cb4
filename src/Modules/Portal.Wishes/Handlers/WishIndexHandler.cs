using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Wishes.Models;

namespace Portal.Wishes.Handlers;

/// <summary>Keeps the wish index in step with Wish items: a new wish starts as a draft; edits update what lists filter on.</summary>
public sealed class WishIndexHandler(PortalDbContext db, TimeProvider clock, IStringLocalizer<WishIndexHandler> T) : ContentHandler
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
        Describe(context.Item, row);
        db.Add(row);
        await db.SaveChangesAsync();
    }

    public override async Task UpdatedAsync(ContentContext context)
    {
        if (context.Item.ContentType != WishFields.Type) return;
        var row = await db.Set<WishIndexRecord>().FirstOrDefaultAsync(w => w.WishId == context.Item.ContentItemId);
        if (row is null) return;
        Describe(context.Item, row);
        await db.SaveChangesAsync();
    }

    public override async Task RemovedAsync(ContentContext context)
    {
        if (context.Item.ContentType != WishFields.Type) return;
        await db.Set<WishIndexRecord>().Where(w => w.WishId == context.Item.ContentItemId).ExecuteDeleteAsync();
    }

    private static void Describe(ContentItem item, WishIndexRecord row)
    {
        var part = item.Content[WishFields.Type] as JsonObject;
        row.Category = JsonValues.Text(part?[WishFields.Category]?["Value"]);
        row.CommunityId = FirstId(part?[WishFields.Community]);
        row.CampaignId = FirstId(part?[WishFields.Campaign]);
        row.SlotsTotal = Slots(item);
        row.Points = JsonValues.NumberOrNumericText(part?[WishFields.Points]?["Value"]) is { } points ? (int)points : null;
        row.DeadlineUtc = JsonValues.Text(part?[WishFields.Deadline]?["Value"]) is { } text && DateTime.TryParse(text, null,
            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var d) ? d : null;
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
