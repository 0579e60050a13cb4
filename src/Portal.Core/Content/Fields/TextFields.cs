using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Portal.Core.Content.Fields;

public sealed class TextField : ContentFieldKind
{
    public override string DisplayName => "Text";
    public override IReadOnlyList<string> SettingKeys => ["Hint", "Required", "MaxLength", "Pattern"];

    public override void Validate(FieldValidationContext context)
    {
        var text = ReadString(context, "Text");
        RequireWhenSet(context, context.Value["Text"]);
        if (string.IsNullOrEmpty(text)) return;
        if (context.Settings.MaxLength is { } max && text.Length > max)
            context.Error(context.T["{0} must be at most {1} characters.", context.Label, max]);
        if (context.Settings.Pattern is { } pattern && !Matches(pattern, text))
            context.Error(context.T["{0} does not have the expected format.", context.Label]);
    }

    private static bool Matches(string pattern, string text)
    {
        try
        {
            return Regex.IsMatch(text, $"^(?:{pattern})$", RegexOptions.None, TimeSpan.FromMilliseconds(100));
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    public override IEnumerable<FieldIndexValue> IndexValues(JsonObject value) =>
        StringOf(value, "Text") is { } text ? [new(Text: Truncate(text))] : [];
}

public sealed class HtmlField : ContentFieldKind
{
    public override string DisplayName => "HTML";

    public override void Validate(FieldValidationContext context)
    {
        ReadString(context, "Html");
        RequireWhenSet(context, context.Value["Html"]);
    }

    public override IEnumerable<FieldIndexValue> IndexValues(JsonObject value) => [];
}

public sealed class MarkdownField : ContentFieldKind
{
    public override string DisplayName => "Markdown";

    public override void Validate(FieldValidationContext context)
    {
        ReadString(context, "Markdown");
        RequireWhenSet(context, context.Value["Markdown"]);
    }

    public override IEnumerable<FieldIndexValue> IndexValues(JsonObject value) => [];
}

/// <summary>A choice from a configured list (categories, statuses); <c>{"Value": "x"}</c> or, when Multiple, <c>{"Values": [..]}</c>.</summary>
public sealed class EnumerationField : ContentFieldKind
{
    public override string DisplayName => "Enumeration";
    public override IReadOnlyList<string> SettingKeys => ["Hint", "Required", "Options", "Multiple"];

    public override void Validate(FieldValidationContext context)
    {
        var values = context.Settings.Multiple
            ? ReadStrings(context, "Values")
            : ReadString(context, "Value") is { Length: > 0 } one ? [one] : [];
        if (context.Settings.Required && values.Count == 0)
            context.Error(context.T["{0} is required.", context.Label]);
        var options = context.Settings.Options.Select(o => o.Value).ToHashSet();
        // The choices are named, so whoever sent the value (a partner's API call, a CSV row) can correct it.
        var choices = string.Join(", ", context.Settings.Options.Select(o => o.Text == o.Value || o.Text.Length == 0 ? o.Value : $"{o.Value} ({o.Text})"));
        foreach (var value in values.Where(v => !options.Contains(v)))
            context.Error(context.T["'{0}' is not one of the choices of {1}: {2}.", value, context.Label, choices]);
    }

    public override IEnumerable<FieldIndexValue> IndexValues(JsonObject value) =>
        StringsOf(value, "Values").Concat(StringOf(value, "Value") is { Length: > 0 } v ? [v] : [])
            .Select(v => new FieldIndexValue(Text: Truncate(v)));
}
