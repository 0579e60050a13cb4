using Portal.Contents.Services;
using Portal.Search.Analysis;

namespace Portal.Search.Services;

/// <summary>The admin content list's full-text matches: the same index and analyzer as public search.</summary>
public sealed class AdminTextSearch(SearchStore store) : IContentTextSearch
{
    public async Task<IReadOnlyList<string>> FindIdsAsync(string text, IReadOnlyList<string> types, int max = 200)
    {
        var query = SearchQueryParser.Parse(text);
        if (query.IsEmpty) return [];
        var state = await store.StateAsync();
        var page = await store.QueryAsync(query, new SearchFilters(types, [], null, null), state.ActiveGeneration, 0, max);
        return page.Hits.Select(h => h.ContentItemId).ToList();
    }
}
