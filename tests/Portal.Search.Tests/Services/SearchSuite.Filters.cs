using Portal.Search.Services;

namespace Portal.Search.Tests.Services;

public abstract partial class SearchSuite
{
    [Fact]
    public async Task Filters_by_type_category_campaign_and_community()
    {
        var m = Marker();
        var campaign = await ItemAsync("Campaign", $"助学行动 {m}");
        var community = await ItemAsync("Community", "临江社区");
        var study = await StoryAsync($"书包 {m}", category: "study", campaign: campaign);
        var repair = await StoryAsync($"路灯 {m}", category: "repair", community: community);

        Assert.Equal(new[] { study, repair }.Order(), (await Filtered(new SearchRequest(m, Types: ["Story"]))).Order());
        Assert.Equal([campaign], await Filtered(new SearchRequest(m, Types: ["Campaign"])));
        Assert.Equal([study], await Filtered(new SearchRequest(m, Category: "study")));
        Assert.Equal(new[] { campaign, study }.Order(), (await Filtered(new SearchRequest(m, Campaign: campaign))).Order());
        Assert.Equal([repair], await Filtered(new SearchRequest(m, Community: community)));
        Assert.Empty(await Filtered(new SearchRequest(m, Category: "study", Community: community)));
    }

    [Fact]
    public async Task Filters_by_publish_date()
    {
        var m = Marker();
        var id = await StoryAsync($"今日 {m}");
        var today = DateTime.UtcNow.Date;

        Assert.Equal([id], await Filtered(new SearchRequest(m, FromUtc: today, ToUtc: today.AddDays(1))));
        Assert.Empty(await Filtered(new SearchRequest(m, ToUtc: today.AddDays(-1))));
        Assert.Empty(await Filtered(new SearchRequest(m, FromUtc: today.AddDays(1))));
    }

    [Fact]
    public async Task Results_come_in_pages_with_the_total()
    {
        var m = Marker();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add(await StoryAsync($"第{i}篇 {m}"));

        var first = await SearchAsync(new SearchRequest(m, Page: 1, PageSize: 2));
        var last = await SearchAsync(new SearchRequest(m, Page: 3, PageSize: 2));
        Assert.Equal((5, 3), (first.Total, first.PageCount));
        Assert.Equal(2, first.Hits.Count);
        Assert.Single(last.Hits);
        var all = first.Hits.Concat((await SearchAsync(new SearchRequest(m, Page: 2, PageSize: 2))).Hits).Concat(last.Hits);
        Assert.Equal(ids.Order(), all.Select(h => h.ContentItemId).Order());
    }

    private async Task<List<string>> Filtered(SearchRequest request) =>
        (await SearchAsync(request with { PageSize = 50 })).Hits.Select(h => h.ContentItemId).ToList();
}
