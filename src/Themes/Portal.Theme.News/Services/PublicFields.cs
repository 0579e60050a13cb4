using System.Globalization;
using System.Text.Json.Nodes;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;
using Portal.Core.Content.Parts;

namespace Portal.Theme.News.Services;

/// <summary>A field as the default template shows it: plain text, sanitized HTML, or images.</summary>
public sealed record PublicField(string Label, string? Text, string? Html, IReadOnlyList<MediaImage> Images);

/// <summary>
/// The fields of any type shown by the default template. Only kinds that hold no reference to a person are shown:
/// pickers (users, other items) are left out, and so is any field whose settings mark it sensitive.
/// </summary>
public sealed class PublicFields(ContentDefinitionStore definitions, IHtmlSanitizer sanitizer)
{
    public async Task<IReadOnlyList<PublicField>> OfAsync(ContentItem item)
    {
        var document = await definitions.GetAsync();
        var type = document.ContentTypes.FirstOrDefault(t => t.Name == item.ContentType);
        if (type is null) return [];
        var shown = new List<PublicField>();
        foreach (var typePart in type.OrderedParts())
        {
            var part = document.ContentParts.FirstOrDefault(p => p.Name == typePart.PartName);
            if (part is null) continue;
            foreach (var field in part.OrderedFields().Where(f => !IsSensitive(f)))
            {
                if (item.Content[typePart.Name]?[field.Name] is JsonObject value && Show(field, value, typePart.Name, item) is { } display)
                    shown.Add(display);
            }
        }
        return shown;
    }

    public static bool IsSensitive(ContentPartFieldDefinition field) =>
        field.KindSettings.Bool("Sensitive") || new FieldSettings(field.SettingsGroup("ContentPartFieldSettings")).Bool("Sensitive");

    private PublicField? Show(ContentPartFieldDefinition field, JsonObject value, string partName, ContentItem item)
    {
        var label = field.DisplayName;
        string? Plain(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
        return field.FieldName switch
        {
            "TextField" or "MarkdownField" => Plain(JsonValues.Text(value["Text"] ?? value["Markdown"])) is { } t ? new(label, t, null, []) : null,
            "HtmlField" => Plain(JsonValues.Text(value["Html"])) is { } h ? new(label, null, sanitizer.Sanitize(h), []) : null,
            "NumericField" => JsonValues.NumberOrNumericText(value["Value"]) is { } n ? new(label, n.ToString("N0", CultureInfo.CurrentCulture), null, []) : null,
            "BooleanField" => JsonValues.Boolean(value["Value"]) is { } b ? new(label, b ? "✓" : "✗", null, []) : null,
            "DateField" or "DateTimeField" => Plain(JsonValues.Text(value["Value"])) is { } d ? new(label, d.Replace('T', ' ').TrimEnd('Z'), null, []) : null,
            "EnumerationField" => Plain(JsonValues.Text(value["Value"])) is { } e
                ? new(label, field.KindSettings.Options.FirstOrDefault(o => o.Value == e).Text ?? e, null, []) : null,
            "MediaField" => item.Images(partName, field.Name) is { Count: > 0 } images ? new(label, null, null, images) : null,
            _ => null,
        };
    }
}
