using Microsoft.Extensions.Localization;

namespace Portal.Core.Content.Parts;

/// <summary>TitlePart: <c>{"Title": "..."}</c>; its title is the item's display text.</summary>
public sealed class TitlePartHandler(IStringLocalizer<TitlePartHandler> T) : ContentHandler
{
    public const string PartName = "TitlePart";

    public override Task PreparingAsync(ContentContext context)
    {
        if (Title(context.Item) is { } title)
            context.Item.DisplayText = title.Trim();
        return Task.CompletedTask;
    }

    public override Task ValidatingAsync(ContentContext context)
    {
        var part = context.Type.Parts.FirstOrDefault(p => p.PartName == PartName);
        if (part is null) return Task.CompletedTask;
        var title = Title(context.Item);
        if (context.Item.Content[PartName]?["Title"] is { } node && title is null)
            context.Errors.Add($"{PartName}.Title", T["The title must be text."]);
        else if (string.IsNullOrWhiteSpace(title) && part.Settings["TitlePartSettings"]?["Required"]?.ToString() is "true" or "True")
            context.Errors.Add($"{PartName}.Title", T["A title is required."]);
        else if (title?.Length > 500)
            context.Errors.Add($"{PartName}.Title", T["The title must be at most 500 characters."]);
        return Task.CompletedTask;
    }

    public static string? Title(ContentItem item) =>
        item.Content[PartName]?["Title"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
