using System.Text.Json.Nodes;
using Portal.Core.Content;
using Portal.Wishes.Handlers;

namespace Portal.Wishes.Services;

/// <summary>
/// What a resident (the public form) or a partner (GraphQL <c>submitWish</c>) gives for a wish; the names are the Wish
/// fields they become. Checking is <see cref="WishSubmissions"/>' job, so both entry points refuse alike.
/// </summary>
public sealed class WishRequest
{
    public string? ItemText { get; set; }
    public string? Kind { get; set; } = "material";
    public string? Category { get; set; }
    public string? Community { get; set; }
    public string? Description { get; set; }
    public string? WisherName { get; set; }
    public string? Phone { get; set; }
    public bool Minor { get; set; }
    public bool GuardianConsent { get; set; }
    public bool PublishConsent { get; set; }

    /// <summary>Writes the request onto a new wish: one slot, the item as its title.</summary>
    public void ApplyTo(ContentItem wish)
    {
        var item = ItemText?.Trim() ?? "";
        wish.Part("TitlePart")["Title"] = item;
        Text(wish, WishFields.ItemText, item);
        Text(wish, "Description", Description);
        Text(wish, WishFields.WisherName, WisherName);
        Text(wish, WishFields.Phone, Phone);
        if (!string.IsNullOrWhiteSpace(Category)) wish.Field(WishFields.Type, WishFields.Category)["Value"] = Category;
        if (!string.IsNullOrWhiteSpace(Kind)) wish.Field(WishFields.Type, "Kind")["Value"] = Kind;
        if (!string.IsNullOrWhiteSpace(Community)) wish.Field(WishFields.Type, WishFields.Community)["ContentItemIds"] = new JsonArray(Community);
        wish.Field(WishFields.Type, WishFields.Slots)["Value"] = 1;
        wish.Field(WishFields.Type, WishFields.PublishConsent)["Value"] = PublishConsent;
        wish.Field(WishFields.Type, WishFields.Minor)["Value"] = Minor;
        wish.Field(WishFields.Type, WishFields.GuardianConsent)["Value"] = GuardianConsent;
    }

    private static void Text(ContentItem wish, string field, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value)) wish.Field(WishFields.Type, field)["Text"] = value.Trim();
    }
}
