using System.Text.Json.Nodes;
using Microsoft.Extensions.Localization;

namespace Portal.Core.Content.Parts;

/// <summary>HtmlBodyPart <c>{"Html"}</c> is sanitized before it is stored; MarkdownBodyPart <c>{"Markdown"}</c> is checked for type.</summary>
public sealed class BodyPartHandler(IHtmlSanitizer sanitizer, IStringLocalizer<BodyPartHandler> T) : ContentHandler
{
    public override Task PreparingAsync(ContentContext context)
    {
        if (context.Item.Content["HtmlBodyPart"]?["Html"] is JsonValue v && v.TryGetValue<string>(out var html))
            context.Item.Part("HtmlBodyPart")["Html"] = sanitizer.Sanitize(html);
        return Task.CompletedTask;
    }

    public override Task ValidatingAsync(ContentContext context)
    {
        Check(context, "HtmlBodyPart", "Html");
        Check(context, "MarkdownBodyPart", "Markdown");
        return Task.CompletedTask;
    }

    private void Check(ContentContext context, string part, string key)
    {
        if (context.Item.Content[part]?[key] is { } node && !(node is JsonValue v && v.TryGetValue<string>(out _)))
            context.Errors.Add($"{part}.{key}", T["The body must be text."]);
    }
}

/// <summary>Removes scripts, event handlers and dangerous URLs from HTML that users write.</summary>
public interface IHtmlSanitizer
{
    string Sanitize(string html);
}
