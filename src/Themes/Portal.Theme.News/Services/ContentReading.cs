using System.Text.Json.Nodes;
using Portal.Core.Content;

namespace Portal.Theme.News.Services;

/// <summary>An image of a media field: its library path, alternative text and caption.</summary>
public sealed record MediaImage(string Path, string Alt, string Caption)
{
    public string Url => "/media/" + string.Join('/', Path.Split('/').Select(Uri.EscapeDataString));

    /// <summary>The smaller copies the media endpoint makes, for <c>srcset</c> (the template gives <c>sizes</c>).</summary>
    public string SrcSet => ResponsiveImages.SrcSet(Url);
}

/// <summary>Reads fields from an item's JSON in the Orchard shape, for templates.</summary>
public static class ContentReading
{
    public static string Text(this ContentItem item, string part, string field) =>
        JsonValues.Text(item.Content[part]?[field]?["Text"])?.Trim() ?? "";

    public static double? Number(this ContentItem item, string part, string field) =>
        JsonValues.NumberOrNumericText(item.Content[part]?[field]?["Value"]);

    public static DateTime? Date(this ContentItem item, string part, string field) =>
        JsonValues.Text(item.Content[part]?[field]?["Value"]) is { } s && DateTime.TryParse(s, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var d) ? d : null;

    /// <summary>The sanitized body (the content manager cleans it on every save).</summary>
    public static string BodyHtml(this ContentItem item) => JsonValues.Text(item.Content["HtmlBodyPart"]?["Html"]) ?? "";

    /// <summary>The body as plain text, for excerpts and descriptions.</summary>
    public static string BodyText(this ContentItem item) =>
        System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(item.BodyHtml(), "<[^>]+>", " "));

    public static IReadOnlyList<string> Ids(this ContentItem item, string part, string field) =>
        item.Content[part]?[field]?["ContentItemIds"] is JsonArray ids ? ids.Select(JsonValues.Text).OfType<string>().ToList() : [];

    public static IReadOnlyList<MediaImage> Images(this ContentItem item, string part, string field)
    {
        var value = item.Content[part]?[field];
        if (value?["Paths"] is not JsonArray paths) return [];
        string At(string key, int i) => value[key] is JsonArray a && i < a.Count ? JsonValues.Text(a[i]) ?? "" : "";
        return paths.Select((p, i) => new MediaImage(JsonValues.Text(p) ?? "", At("MediaTexts", i), At("Captions", i)))
            .Where(m => m.Path.Length > 0).ToList();
    }

    /// <summary>Comma-separated tags (full-width and ideographic commas too), trimmed and distinct.</summary>
    public static IReadOnlyList<string> Tags(this ContentItem item, string part = "Story", string field = "Tags") =>
        item.Text(part, field).Split([',', '，', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct().ToList();

    /// <summary>The item's public URL path ("/stories/lamp"), or null when it has no permalink.</summary>
    public static string? PublicPath(this ContentItem item) =>
        JsonValues.Text(item.Content["AutoroutePart"]?["Path"]) is { Length: > 0 } path ? "/" + path : null;
}
