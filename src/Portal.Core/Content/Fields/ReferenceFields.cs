using System.Text.Json.Nodes;

namespace Portal.Core.Content.Fields;

/// <summary>Base for fields holding a list of ids or paths; Multiple=false allows one.</summary>
public abstract class ListField(string key) : ContentFieldKind
{
    public override IReadOnlyList<string> SettingKeys => ["Hint", "Required", "Multiple"];

    public override void Validate(FieldValidationContext context)
    {
        var values = ReadStrings(context, key);
        if (context.Settings.Required && values.Count == 0)
            context.Error(context.T["{0} is required.", context.Label]);
        if (!context.Settings.Multiple && values.Count > 1)
            context.Error(context.T["{0} takes only one value.", context.Label]);
    }

    public override IEnumerable<FieldIndexValue> IndexValues(JsonObject value) =>
        StringsOf(value, key).Select(v => new FieldIndexValue(Text: Truncate(v)));
}

public sealed class ContentPickerField() : ListField("ContentItemIds")
{
    public override string DisplayName => "Content picker";
    public override IReadOnlyList<string> SettingKeys => ["Hint", "Required", "Multiple", "DisplayedContentTypes"];
}

public sealed class UserPickerField() : ListField("UserIds")
{
    public override string DisplayName => "User picker";
}

public sealed class MediaField() : ListField("Paths")
{
    public override string DisplayName => "Media";

    /// <summary>Alternative texts and captions, like the library's own alt text.</summary>
    public const int MaxTextLength = 300;

    public override void Validate(FieldValidationContext context)
    {
        base.Validate(context);
        var paths = StringsOf(context.Value, "Paths").ToList();
        if (paths.Any(p => p.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(p) || p.Contains('\\')))
            context.Error(context.T["{0} contains a path outside the media library.", context.Label]);
        var texts = StringsOf(context.Value, "MediaTexts").ToList();
        var captions = StringsOf(context.Value, "Captions").ToList();
        if (texts.Count > paths.Count || captions.Count > paths.Count)
            context.Error(context.T["{0} has more captions than files.", context.Label]);
        if (texts.Concat(captions).Any(t => t.Length > MaxTextLength))
            context.Error(context.T["{0}: an alternative text or caption is longer than {1} characters.", context.Label, MaxTextLength]);
    }
}
