namespace Portal.Search.Services;

/// <summary>What the index holds for one published item: public text only, and the values filters use.</summary>
public sealed record SearchDocument(
    string ContentItemId,
    string ContentType,
    string Title,
    string Body,
    string? Path,
    DateTime PublishedUtc,
    IReadOnlyList<SearchFacet> Facets);

/// <summary>A filterable value of an item: <c>("Category", "study-supplies")</c>, <c>("Community", id)</c>.</summary>
public sealed record SearchFacet(string Name, string Value);

/// <summary>The facet names the search filters use.</summary>
public static class Facets
{
    public const string Category = "Category";
    public const string Community = "Community";
    public const string Campaign = "Campaign";

    /// <summary>The content type, a filter every document carries.</summary>
    public const string Type = "Type";
}
