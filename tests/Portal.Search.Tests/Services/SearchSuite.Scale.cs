using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Search.Services;

namespace Portal.Search.Tests.Services;

public abstract partial class SearchSuite
{
    /// <summary>Writes documents straight to the live generation, as a rebuild's batches do, oldest first.</summary>
    private Task<List<string>> DocumentsAsync(int count, Func<int, (string Title, string Body)> text) => Host.InScopeAsync(async sp =>
    {
        var store = sp.GetRequiredService<SearchStore>();
        var generation = (await store.StateAsync()).ActiveGeneration;
        var start = DateTime.UtcNow.AddDays(-count);
        var documents = Enumerable.Range(0, count).Select(i =>
        {
            var (title, body) = text(i);
            return new SearchDocument(IdGenerator.NewId(), "Story", title, body, null, start.AddDays(i), []);
        }).ToList();
        await sp.GetRequiredService<PortalDbContext>().InTransactionAsync(async () =>
        {
            await store.WriteAsync(documents, [generation]);
            return 0;
        });
        return documents.Select(d => d.ContentItemId).ToList();
    });

    [Fact]
    public async Task Beyond_the_ranked_candidates_the_newest_are_ranked_and_the_total_is_an_estimate()
    {
        var m = Marker();
        var count = SearchStore.RankedCandidates + 300;
        var ids = await DocumentsAsync(count, i => ($"第{i}号 {m}", i % 2 == 0 ? $"常见词 {m} {m}" : $"常见词 {m}"));

        var results = await SearchAsync(new SearchRequest(m, PageSize: 50));
        Assert.True(results.TotalIsEstimate);
        Assert.InRange(results.Total, SearchStore.RankedCandidates + 1, count * 2);
        Assert.Equal(SearchStore.RankedCandidates / 50, results.PageCount);
        var ranked = ids.Skip(count - SearchStore.RankedCandidates - 1).ToHashSet();
        Assert.All(results.Hits, h => Assert.Contains(h.ContentItemId, ranked));
        Assert.Empty((await SearchAsync(new SearchRequest(m, Page: SearchStore.RankedCandidates / 50 + 2, PageSize: 50))).Hits);

        var exact = await SearchAsync(new SearchRequest($"第7号 {m}"));
        Assert.False(exact.TotalIsEstimate);
        Assert.Equal(1, exact.Total);
    }

    [Fact]
    public async Task Fewer_matches_than_the_ranked_candidates_are_counted_exactly_and_ranked_title_first()
    {
        var m = Marker();
        var ids = await DocumentsAsync(40, i => i == 3 ? ($"路灯 {m}", "别的") : ($"别的 {m}", i % 4 == 0 ? "路灯" : "没有"));

        var results = await SearchAsync(new SearchRequest($"路灯 {m}", PageSize: 50));
        Assert.False(results.TotalIsEstimate);
        Assert.Equal(11, results.Total);
        Assert.Equal(ids[3], results.Hits[0].ContentItemId);
    }
}
