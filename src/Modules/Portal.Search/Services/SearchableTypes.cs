using Portal.Core.Content.Definitions;

namespace Portal.Search.Services;

/// <summary>What the definitions say about search: which types can be found, and the categories to suggest.</summary>
public static class SearchableTypes
{
    public static IReadOnlyList<ContentTypeDefinition> Of(ContentDefinitionDocument document) =>
        document.ContentTypes.Where(t => t.Parts.Any(p => SearchIndexSettings.IsIncluded(p.Settings)
                || document.ContentParts.FirstOrDefault(d => d.Name == p.PartName)?.Fields
                    .Any(f => SearchIndexSettings.IsIncluded(f.Settings) && !SearchIndexSettings.IsSensitive(f)) == true))
            .OrderBy(t => t.DisplayName, StringComparer.CurrentCulture)
            .ToList();

    /// <summary>The options of the Category fields of searchable types.</summary>
    public static IReadOnlyList<(string Value, string Text)> Categories(ContentDefinitionDocument document) =>
        Of(document)
            .SelectMany(t => t.Parts)
            .SelectMany(p => document.ContentParts.FirstOrDefault(d => d.Name == p.PartName)?.Fields ?? [])
            .Where(f => f.Name == Facets.Category && !SearchIndexSettings.IsSensitive(f))
            .SelectMany(f => f.KindSettings.Options)
            .DistinctBy(o => o.Value)
            .ToList();
}
