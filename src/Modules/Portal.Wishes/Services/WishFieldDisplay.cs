using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Localization;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;
using Portal.Wishes.Handlers;

namespace Portal.Wishes.Services;

/// <summary>A field of a wish as the admin shows it: its label and its value as text.</summary>
public sealed record ShownField(string Name, string Label, string Text);

/// <summary>
/// The fields of the Wish type's own part, in their order, as text for staff: choices by their shown text, pickers by the
/// picked items' names, yes/no in the reader's language. Fields an administrator adds appear as well.
/// </summary>
public sealed class WishFieldDisplay(ContentDefinitionStore definitions, WishBoard board, IStringLocalizer<WishFieldDisplay> T)
{
    /// <summary>The fields that are not personal data, from <paramref name="item"/>, which holds none.</summary>
    public Task<IReadOnlyList<ShownField>> PublicAsync(ContentItem item) =>
        ShowAsync(item.Content[WishFields.Type] as JsonObject, sensitive: false);

    /// <summary>The personal data fields, from values revealed by <c>PersonalData.RevealAsync</c> (shape <c>{"Wish": {...}}</c>).</summary>
    public Task<IReadOnlyList<ShownField>> PersonalAsync(JsonObject revealed) =>
        ShowAsync(revealed[WishFields.Type] as JsonObject, sensitive: true);

    private async Task<IReadOnlyList<ShownField>> ShowAsync(JsonObject? values, bool sensitive)
    {
        var part = await definitions.GetPartAsync(WishFields.Type);
        var fields = part?.OrderedFields().Where(f => f.Sensitive == sensitive).ToList() ?? [];
        var pickedIds = fields.Where(f => f.FieldName == "ContentPickerField")
            .SelectMany(f => Strings(values?[f.Name]?["ContentItemIds"]));
        var names = await board.NamesAsync(pickedIds);
        return fields.Select(f => new ShownField(f.Name, f.DisplayName, Text(f, values?[f.Name] as JsonObject, names))).ToList();
    }

    private string Text(ContentPartFieldDefinition field, JsonObject? value, IReadOnlyDictionary<string, string> names)
    {
        if (value is null) return "";
        return field.FieldName switch
        {
            "BooleanField" => JsonValues.Boolean(value["Value"]) switch { true => T["Yes"], false => T["No"], _ => "" },
            "NumericField" => JsonValues.NumberOrNumericText(value["Value"])?.ToString(CultureInfo.CurrentCulture) ?? "",
            "EnumerationField" => string.Join(T[", "], (JsonValues.Text(value["Value"]) is { Length: > 0 } one ? [one] : Strings(value["Values"]))
                .Select(v => field.KindSettings.Options.FirstOrDefault(o => o.Value == v).Text ?? v)),
            "ContentPickerField" => string.Join(T[", "], Strings(value["ContentItemIds"]).Select(id => names.GetValueOrDefault(id) ?? id)),
            "MediaField" => string.Join(T[", "], Strings(value["Paths"])),
            "UserPickerField" => string.Join(T[", "], Strings(value["UserIds"])),
            _ => JsonValues.Text(value["Text"] ?? value["Markdown"] ?? value["Html"] ?? value["Value"]) ?? "",
        };
    }

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(JsonValues.Text).OfType<string>().ToList() : [];
}
