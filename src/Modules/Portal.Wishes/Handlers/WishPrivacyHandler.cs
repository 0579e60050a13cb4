using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Content;
using Portal.Core.Content.Privacy;
using Portal.Core.Data;
using Portal.Wishes.Models;

namespace Portal.Wishes.Handlers;

/// <summary>
/// A wish shows a masked name when no alias is given, and nothing about a resident is published without consent:
/// the wish itself, a story about it, and a story's photos are each refused with the reason.
/// </summary>
public sealed class WishPrivacyHandler(PortalDbContext db, IStringLocalizer<WishPrivacyHandler> T) : ContentHandler
{
    public const string StoryType = "Story", RelatedWishes = "RelatedWishes", StoryPhotos = "Hero";

    public override Task PreparingAsync(ContentContext context)
    {
        if (context.Item.ContentType != WishFields.Type) return Task.CompletedTask;
        var part = context.Item.Part(WishFields.Type);
        if (string.IsNullOrWhiteSpace(JsonValues.Text(part[WishFields.Alias]?["Text"]))
            && JsonValues.Text(part[WishFields.WisherName]?["Text"]) is { Length: > 0 } name)
            context.Item.Field(WishFields.Type, WishFields.Alias)["Text"] = PersonalDataMask.Name(name);
        return Task.CompletedTask;
    }

    public override async Task PublishingAsync(ContentContext context)
    {
        if (context.Item.ContentType == WishFields.Type)
        {
            if (WishConsentRules.Refusal(context.Item.Content[WishFields.Type] as JsonObject, ConsentPurpose.PublishWish, context.Item.DisplayText, T) is { } refusal)
                context.Errors.Add($"{WishFields.Type}.{WishFields.PublishConsent}", refusal);
        }
        else if (context.Item.ContentType == StoryType)
        {
            var story = context.Item.Content[StoryType] as JsonObject;
            var wishIds = Ids(story?[RelatedWishes]?["ContentItemIds"]);
            if (wishIds.Count == 0) return;
            var hasPhotos = story?[StoryPhotos]?["Paths"] is JsonArray { Count: > 0 };
            var wishes = await db.Set<ContentItemRecord>().AsNoTracking()
                .Where(r => wishIds.Contains(r.ContentItemId) && r.Latest)
                .Select(r => new { r.DisplayText, r.Data })
                .ToListAsync();
            foreach (var wish in wishes)
            {
                var part = JsonNode.Parse(wish.Data)?[WishFields.Type] as JsonObject;
                foreach (var purpose in hasPhotos ? [ConsentPurpose.PublishStory, ConsentPurpose.PublishPhotos] : new[] { ConsentPurpose.PublishStory })
                    if (WishConsentRules.Refusal(part, purpose, wish.DisplayText, T) is { } refusal)
                        context.Errors.Add($"{StoryType}.{RelatedWishes}", refusal);
            }
        }
    }

    private static List<string> Ids(JsonNode? ids) =>
        ids is JsonArray array ? array.Select(JsonValues.Text).OfType<string>().ToList() : [];
}
