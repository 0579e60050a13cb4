using System.Text.Json.Nodes;
using Microsoft.Extensions.Localization;
using Portal.Core.Content.Definitions;

namespace Portal.Core.Content.Fields;

/// <summary>
/// A kind of field (TextField, NumericField, ...): the shape of its JSON value, its validation from the
/// field's settings and the values it puts in the generic field index. One class per kind, so a rule
/// about a field lives in one place.
/// </summary>
public interface IContentFieldKind
{
    string Name { get; }
    string DisplayName { get; }

    /// <summary>The settings keys the type editor offers for this kind (Required, Minimum, Options, ...).</summary>
    IReadOnlyList<string> SettingKeys { get; }

    void Validate(FieldValidationContext context);

    IEnumerable<FieldIndexValue> IndexValues(JsonObject value);
}

public sealed record FieldIndexValue(string? Text = null, double? Number = null, DateTime? Date = null, bool? Boolean = null);

public sealed class FieldValidationContext(
    JsonObject value, ContentPartFieldDefinition definition, string path, ContentErrors errors, IStringLocalizer localizer)
{
    public JsonObject Value => value;
    public ContentPartFieldDefinition Definition => definition;
    public FieldSettings Settings => definition.KindSettings;
    public string Path => path;
    public string Label => definition.DisplayName;
    public IStringLocalizer T => localizer;

    public void Error(LocalizedString message) => errors.Add(path, message.Value);
}

/// <summary>Base for kinds whose value is one property (<c>{"Text": ...}</c>, <c>{"Value": ...}</c>).</summary>
public abstract class ContentFieldKind : IContentFieldKind
{
    public string Name => GetType().Name;
    public abstract string DisplayName { get; }
    public virtual IReadOnlyList<string> SettingKeys => ["Hint", "Required"];

    public abstract void Validate(FieldValidationContext context);

    public abstract IEnumerable<FieldIndexValue> IndexValues(JsonObject value);

    protected static bool IsEmpty(JsonNode? node) =>
        node is null || (JsonValues.Text(node) is { } s && string.IsNullOrWhiteSpace(s)) || node is JsonArray { Count: 0 };

    protected static void RequireWhenSet(FieldValidationContext context, JsonNode? node)
    {
        if (context.Settings.Required && IsEmpty(node))
            context.Error(context.T["{0} is required.", context.Label]);
    }

    protected static string? ReadString(FieldValidationContext context, string key)
    {
        var node = context.Value[key];
        if (node is null) return null;
        if (JsonValues.Text(node) is { } s) return s;
        context.Error(context.T["{0} must be text.", context.Label]);
        return null;
    }

    protected static IReadOnlyList<string> ReadStrings(FieldValidationContext context, string key)
    {
        var node = context.Value[key];
        if (node is null) return [];
        if (node is JsonArray array && array.All(e => JsonValues.Text(e) is not null))
            return array.Select(e => JsonValues.Text(e)!).ToList();
        context.Error(context.T["{0} must be a list of text values.", context.Label]);
        return [];
    }

    protected static string? StringOf(JsonObject value, string key) => JsonValues.Text(value[key]);

    protected static IEnumerable<string> StringsOf(JsonObject value, string key) =>
        value[key] is JsonArray array
            ? array.Select(JsonValues.Text).OfType<string>()
            : [];

    /// <summary>Index rows keep a bounded prefix of long text; filters on longer text use the document.</summary>
    protected static string Truncate(string text) => text.Length <= IndexTextLength ? text : text[..IndexTextLength];

    public const int IndexTextLength = 256;
}
