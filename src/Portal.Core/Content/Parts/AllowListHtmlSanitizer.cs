using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Portal.Core.Content.Parts;

/// <summary>
/// An allow-list sanitizer on AngleSharp: unknown elements are unwrapped (their text kept), dangerous ones
/// dropped with their content, attributes kept only when listed, URLs only with safe schemes, no inline style.
/// </summary>
public sealed class AllowListHtmlSanitizer : IHtmlSanitizer
{
    private static readonly HashSet<string> Elements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s", "sub", "sup",
        "blockquote", "q", "cite", "code", "pre", "ul", "ol", "li", "dl", "dt", "dd", "a", "img", "figure",
        "figcaption", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "span", "div", "small", "mark",
    };

    private static readonly HashSet<string> DroppedWithContent = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "iframe", "object", "embed", "form", "input", "button", "textarea", "select",
        "template", "noscript", "svg", "math", "link", "meta", "base", "frame", "frameset",
    };

    private static readonly Dictionary<string, string[]> Attributes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["a"] = ["href", "title", "target", "rel"],
        ["img"] = ["src", "alt", "title", "width", "height"],
        ["td"] = ["colspan", "rowspan"],
        ["th"] = ["colspan", "rowspan", "scope"],
        ["ol"] = ["start"],
    };

    private static readonly HashSet<string> UrlAttributes = new(StringComparer.OrdinalIgnoreCase) { "href", "src" };

    private readonly HtmlParser parser = new();

    public string Sanitize(string html)
    {
        if (string.IsNullOrEmpty(html)) return html;
        var document = parser.ParseDocument("<body></body>");
        var body = document.Body!;
        var nodes = parser.ParseFragment(html, body);
        foreach (var node in nodes.ToList()) body.AppendChild(node);
        Clean(body, depth: 0);
        return body.InnerHtml;
    }

    private static void Clean(INode parent, int depth)
    {
        if (depth > 200)
        {
            // Deeper than any real article; cut rather than recurse without bound.
            while (parent.FirstChild is { } child) parent.RemoveChild(child);
            return;
        }
        foreach (var node in parent.ChildNodes.ToList())
        {
            switch (node)
            {
                case IElement element when DroppedWithContent.Contains(element.LocalName):
                    parent.RemoveChild(element);
                    break;
                case IElement element when !Elements.Contains(element.LocalName):
                    Clean(element, depth + 1);
                    foreach (var child in element.ChildNodes.ToList()) parent.InsertBefore(child, element);
                    parent.RemoveChild(element);
                    break;
                case IElement element:
                    CleanAttributes(element);
                    Clean(element, depth + 1);
                    break;
                case IComment comment:
                    parent.RemoveChild(comment);
                    break;
            }
        }
    }

    private static void CleanAttributes(IElement element)
    {
        var allowed = Attributes.GetValueOrDefault(element.LocalName) ?? [];
        foreach (var attribute in element.Attributes.ToList())
        {
            var keep = allowed.Contains(attribute.Name, StringComparer.OrdinalIgnoreCase)
                && (!UrlAttributes.Contains(attribute.Name) || IsSafeUrl(attribute.Value));
            if (!keep) element.RemoveAttribute(attribute.Name);
        }
        if (element.LocalName == "a" && element.GetAttribute("target") is not null)
            element.SetAttribute("rel", "noopener noreferrer");
    }

    public static bool IsSafeUrl(string url)
    {
        var trimmed = new string(url.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
        var colon = trimmed.IndexOf(':');
        if (colon < 0) return true; // relative
        var slash = trimmed.IndexOfAny(['/', '?', '#']);
        if (slash >= 0 && slash < colon) return true; // the colon is in the path, not a scheme
        var scheme = trimmed[..colon].ToLowerInvariant();
        return scheme is "http" or "https" or "mailto" or "tel";
    }
}
