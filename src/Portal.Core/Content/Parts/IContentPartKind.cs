namespace Portal.Core.Content.Parts;

/// <summary>A part whose behaviour is code (title, permalink, body). Parts without a kind only hold fields.</summary>
public interface IContentPartKind
{
    string Name { get; }
    string DisplayName { get; }
    string Description { get; }

    /// <summary>Settings keys the type editor offers, stored under <c>{Name}Settings</c> on the type's part.</summary>
    IReadOnlyList<string> SettingKeys { get; }
}

public sealed record ContentPartKind(string Name, string DisplayName, string Description, IReadOnlyList<string> SettingKeys) : IContentPartKind;

public static class BuiltInParts
{
    public static readonly ContentPartKind Title = new("TitlePart", "Title", "A title that becomes the item's display text.", ["Required"]);
    public static readonly ContentPartKind Autoroute = new("AutoroutePart", "Permalink", "A unique, readable URL path.", ["Pattern"]);
    public static readonly ContentPartKind HtmlBody = new("HtmlBodyPart", "HTML body", "Rich text, sanitized on save.", []);
    public static readonly ContentPartKind MarkdownBody = new("MarkdownBodyPart", "Markdown body", "Text written in Markdown.", []);

    public static IEnumerable<IContentPartKind> All => [Title, Autoroute, HtmlBody, MarkdownBody];
}
