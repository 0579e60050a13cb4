using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Portal.Core.Content;

namespace Portal.Contents.Models;

/// <summary>Errors shown next to the input whose name is the error's path; ids are the names with '.' as '_'.</summary>
public static class FormErrors
{
    public static string IdFor(string name) => name.Replace('.', '_');

    public static string? MessageFor(this IReadOnlyList<ContentError> errors, string name)
    {
        var messages = errors.Where(e => e.Path == name).Select(e => e.Message).ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }

    public static bool Has(this IReadOnlyList<ContentError> errors, string name) => errors.Any(e => e.Path == name);

    /// <summary>aria-invalid for the input: "true" or null (Razor then leaves the attribute out).</summary>
    public static string? Invalid(this IReadOnlyList<ContentError> errors, string name) => errors.Has(name) ? "true" : null;

    /// <summary>aria-describedby for the input: its hint and error when present.</summary>
    public static string? DescribedBy(this IReadOnlyList<ContentError> errors, string name, bool hasHint = false)
    {
        var ids = new List<string>();
        if (hasHint) ids.Add(IdFor(name) + "-hint");
        if (errors.Has(name)) ids.Add(IdFor(name) + "-error");
        return ids.Count == 0 ? null : string.Join(' ', ids);
    }

    public static IHtmlContent ErrorFor(this IReadOnlyList<ContentError> errors, string name)
    {
        if (errors.MessageFor(name) is not { } message) return HtmlString.Empty;
        var span = new TagBuilder("span");
        span.AddCssClass("field-error");
        span.Attributes["id"] = IdFor(name) + "-error";
        span.InnerHtml.Append(message);
        return span;
    }
}
