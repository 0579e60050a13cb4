using Portal.Core.Content.Definitions;
using Portal.Core.Settings;
using Portal.Wishes.Handlers;
using Portal.Wishes.Models;

namespace Portal.Wishes.Services;

/// <summary>How pages name things: states in the reader's language, categories as the Wish type defines them, the site's time zone.</summary>
public sealed class WishLabels(ContentDefinitionStore definitions, SiteSettingsStore settings, WishLifecycle lifecycle)
{
    public async Task<WishListLabels> ForAsync(IEnumerable<string?> itemIds, WishBoard board)
    {
        var part = await definitions.GetPartAsync(WishFields.Type);
        var categories = part?.Fields.FirstOrDefault(f => f.Name == WishFields.Category)?.KindSettings.Options ?? [];
        return new WishListLabels(categories, await board.NamesAsync(itemIds), lifecycle.Label, await TimeZoneAsync());
    }

    public Task<TimeZoneInfo> TimeZoneAsync() => settings.TimeZoneAsync();
}

/// <summary>Labels for one page: category texts, names of the communities and campaigns it shows, state names.</summary>
public sealed record WishListLabels(
    IReadOnlyList<(string Value, string Text)> Categories, IReadOnlyDictionary<string, string> Names, Func<WishStatus, string> Status, TimeZoneInfo TimeZone)
{
    public string Category(string? value) => Categories.FirstOrDefault(c => c.Value == value).Text ?? value ?? "";

    public string Name(string? id) => id is null ? "" : Names.GetValueOrDefault(id) ?? "";

    public string Local(DateTime? utc, string format = "yyyy-MM-dd HH:mm") =>
        utc is { } u ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(u, DateTimeKind.Utc), TimeZone).ToString(format) : "";

    public string Date(DateTime? utc) => Local(utc, "yyyy-MM-dd");
}
