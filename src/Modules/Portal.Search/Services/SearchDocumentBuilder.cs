using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;

namespace Portal.Search.Services;

/// <summary>
/// Reads the public, indexed text of a published item: the title and body parts and the fields marked
/// <see cref="SearchIndexSettings.Included"/>, never a sensitive field. Types with nothing indexed are not searchable.
/// </summary>
public static partial class SearchDocumentBuilder
{
    public static SearchDocument? Build(ContentItem item, ContentTypeDefinition type, ContentDefinitionDocument definitions)
    {
        var title = "";
        var body = new StringBuilder();
        var facets = new List<SearchFacet>();
        var searchable = false;
        foreach (var typePart in type.OrderedParts())
        {
            var part = item.Content[typePart.Name] as JsonObject;
            if (SearchIndexSettings.IsIncluded(typePart.Settings))
            {
                searchable = true;
                switch (typePart.PartName)
                {
                    case "TitlePart": title = item.DisplayText; break;
                    case "HtmlBodyPart": Append(body, HtmlText(JsonValues.Text(part?["Html"]))); break;
                    case "MarkdownBodyPart": Append(body, JsonValues.Text(part?["Markdown"])); break;
                }
            }
            var partDefinition = definitions.ContentParts.FirstOrDefault(p => p.Name == typePart.PartName);
            foreach (var field in partDefinition?.OrderedFields() ?? [])
            {
                if (SearchIndexSettings.IsSensitive(field)) continue;
                var value = part?[field.Name] as JsonObject;
                if (SearchIndexSettings.IsIncluded(field.Settings))
                {
                    searchable = true;
                    if (value is not null) Append(body, FieldText(field, value));
                }
                if (value is not null) facets.AddRange(FieldFacets(field, value));
            }
        }
        if (!searchable) return null;
        if (type.Name is Facets.Campaign or Facets.Community) facets.Add(new SearchFacet(type.Name, item.ContentItemId));
        return new SearchDocument(item.ContentItemId, item.ContentType, title, body.ToString(),
            JsonValues.Text(item.Content["AutoroutePart"]?["Path"]),
            item.PublishedUtc ?? item.ModifiedUtc ?? DateTime.UtcNow,
            facets.Distinct().ToList());
    }

    /// <summary>The text a visitor reads in the field: enumeration labels rather than stored values.</summary>
    private static string? FieldText(ContentPartFieldDefinition field, JsonObject value) => field.FieldName switch
    {
        "HtmlField" => HtmlText(JsonValues.Text(value["Html"])),
        "MarkdownField" => JsonValues.Text(value["Markdown"]),
        "EnumerationField" => string.Join(" ", Values(value).Select(v =>
            field.KindSettings.Options.FirstOrDefault(o => o.Value == v) is { Text.Length: > 0 } o ? o.Text : v)),
        "MediaField" => value["MediaTexts"] is JsonArray texts ? string.Join(" ", texts.Select(JsonValues.Text)) : null,
        _ => JsonValues.Text(value["Text"]),
    };

    /// <summary>Pickers filter by what they point to (one facet per type they offer); a field named Category by its value.</summary>
    private static IEnumerable<SearchFacet> FieldFacets(ContentPartFieldDefinition field, JsonObject value)
    {
        if (field.FieldName == "ContentPickerField" && value["ContentItemIds"] is JsonArray ids
            && field.KindSettings.Json["DisplayedContentTypes"] is JsonArray types)
        {
            foreach (var type in types.Select(JsonValues.Text).OfType<string>())
                foreach (var id in ids.Select(JsonValues.Text).OfType<string>())
                    yield return new SearchFacet(type, id);
        }
        else if (field.Name == Facets.Category)
        {
            foreach (var v in Values(value)) yield return new SearchFacet(Facets.Category, v);
        }
    }

    private static IEnumerable<string> Values(JsonObject value) => value["Value"] switch
    {
        JsonArray array => array.Select(JsonValues.Text).OfType<string>(),
        var single when JsonValues.Text(single) is { Length: > 0 } text => [text],
        _ => value["Values"] is JsonArray values ? values.Select(JsonValues.Text).OfType<string>() : [],
    };

    private static void Append(StringBuilder body, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return;
        if (body.Length > 0) body.Append(' ');
        body.Append(text.Trim());
    }

    /// <summary>The text of sanitized HTML: tags become spaces so words in adjacent blocks stay apart.</summary>
    public static string HtmlText(string? html) =>
        string.IsNullOrEmpty(html) ? "" : Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ").Trim();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
