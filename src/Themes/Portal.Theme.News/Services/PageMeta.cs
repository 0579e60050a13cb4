using Microsoft.AspNetCore.Http;

namespace Portal.Theme.News.Services;

/// <summary>
/// What a public page says about itself to browsers, search engines and share cards: the layout turns it into
/// the title, the canonical link and the OpenGraph / Twitter tags. Pages set it with <c>ViewData.Meta(...)</c>.
/// </summary>
public sealed record PageMeta(string Title, string? Description = null, string? Path = null, string? ImagePath = null, string Type = "website")
{
    public const string Key = "PageMeta";

    /// <summary>An absolute URL for <paramref name="path"/> on the host the request came to.</summary>
    public static string Absolute(HttpRequest request, string path) => $"{request.Scheme}://{request.Host}{request.PathBase}{path}";

    /// <summary>Up to <paramref name="length"/> characters of plain text, cut at a character, with an ellipsis.</summary>
    public static string Excerpt(string text, int length = 110)
    {
        text = System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();
        return text.Length <= length ? text : text[..length].TrimEnd() + "…";
    }
}
