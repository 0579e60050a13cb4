using Microsoft.Extensions.Localization;
using Portal.Search.Analysis;

namespace Portal.Search.Services;

/// <summary>
/// A search as a visitor, an editor or the GraphQL <c>search</c> field asks for it. Without words, a type, category,
/// community or campaign filter lists its newest items.
/// </summary>
public sealed record SearchRequest(
    string? Query,
    IReadOnlyList<string>? Types = null,
    string? Category = null,
    string? Community = null,
    string? Campaign = null,
    DateTime? FromUtc = null,
    DateTime? ToUtc = null,
    int Page = 1,
    int PageSize = SearchRequest.DefaultPageSize)
{
    public const int DefaultPageSize = 10;
    public const int MaxPageSize = 50;
}

/// <summary>One result: its title and snippet are HTML with only the matches marked (&lt;mark&gt;); everything else is encoded.</summary>
public sealed record SearchHit(string ContentItemId, string ContentType, string TitleHtml, string SnippetHtml, string? Path, DateTime PublishedUtc, double Score);

/// <summary>
/// A page of results. When very many documents match, <see cref="Total"/> is an estimate (<see cref="TotalIsEstimate"/>,
/// shown as "about N") and only the newest <see cref="SearchStore.RankedCandidates"/> are ranked, so the pages end there.
/// </summary>
public sealed record SearchResults(IReadOnlyList<SearchHit> Hits, int Total, int Page, int PageSize, IReadOnlyList<(string Path, string Message)> Problems,
    bool TotalIsEstimate = false)
{
    public int PageCount => Total == 0 ? 0 : (Math.Min(Total, TotalIsEstimate ? SearchStore.RankedCandidates : Total) + PageSize - 1) / PageSize;
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>Full-text search over published content, ranked by the database's engine. Public by design: the index holds only public text.</summary>
public interface ISearchService
{
    Task<SearchResults> SearchAsync(SearchRequest request);
}

public sealed class SearchService(SearchStore store, IStringLocalizer<SearchService> T) : ISearchService
{
    public async Task<SearchResults> SearchAsync(SearchRequest request)
    {
        var query = SearchQueryParser.Parse(request.Query);
        var pageSize = Math.Clamp(request.PageSize, 1, SearchRequest.MaxPageSize);
        var page = Math.Max(1, request.Page);
        var problems = new List<(string, string)>();
        var facets = new List<(string, string)>();
        if (request.Category is { Length: > 0 } category) facets.Add((Facets.Category, category));
        if (request.Community is { Length: > 0 } community) facets.Add((Facets.Community, community));
        if (request.Campaign is { Length: > 0 } campaign) facets.Add((Facets.Campaign, campaign));
        var types = request.Types?.Where(t => t.Length > 0).ToList();
        if (query.IsEmpty && facets.Count == 0 && types is not { Count: > 0 }) problems.Add(("q", T["Enter a word or a few characters to search for."]));
        if (request.Query?.Length > SearchQueryParser.MaxLength) problems.Add(("q", T["Search for at most {0} characters.", SearchQueryParser.MaxLength]));
        if (request.FromUtc > request.ToUtc) problems.Add(("to", T["The end date must not be before the start date."]));
        if (problems.Count > 0) return new SearchResults([], 0, page, pageSize, problems);

        var filters = new SearchFilters(types, facets, request.FromUtc, request.ToUtc);
        var state = await store.StateAsync();
        var found = await store.QueryAsync(query, filters, state.ActiveGeneration, (page - 1) * pageSize, pageSize);
        var hits = found.Hits.Select(h => new SearchHit(h.ContentItemId, h.ContentType, Highlighter.Mark(h.Title, query),
            Highlighter.Snippet(h.Body, query), h.Path, h.PublishedUtc, h.Score)).ToList();
        return new SearchResults(hits, found.Total, page, pageSize, [], found.TotalIsEstimate);
    }
}
