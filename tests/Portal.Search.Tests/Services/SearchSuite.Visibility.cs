using Portal.Search.Services;

namespace Portal.Search.Tests.Services;

public abstract partial class SearchSuite
{
    [Fact]
    public async Task Drafts_are_not_found_until_published_and_unpublished_items_disappear()
    {
        var m = Marker();
        var id = await StoryAsync($"草稿路灯 {m}", publish: false);
        Assert.Empty(await IdsAsync(m));

        Assert.True((await ContentAsync(cm => cm.PublishAsync(id))).Succeeded);
        Assert.Equal([id], await IdsAsync(m));

        Assert.True((await ContentAsync(cm => cm.UnpublishAsync(id))).Succeeded);
        Assert.Empty(await IdsAsync(m));
    }

    [Fact]
    public async Task A_new_draft_leaves_the_published_text_searchable_until_it_is_published()
    {
        var m = Marker();
        var id = await StoryAsync($"旧标题 {m}");
        Assert.True((await ContentAsync(async cm =>
        {
            var item = (await cm.GetAsync(id, Portal.Core.Content.VersionOptions.Latest))!;
            item.Part("TitlePart")["Title"] = $"新标题 {m}";
            return await cm.UpdateAsync(item);
        })).Succeeded);
        Assert.Equal([id], await IdsAsync($"旧标题 {m}"));
        Assert.Empty(await IdsAsync($"新标题 {m}"));

        Assert.True((await ContentAsync(cm => cm.PublishAsync(id))).Succeeded);
        Assert.Empty(await IdsAsync($"旧标题 {m}"));
        Assert.Equal([id], await IdsAsync($"新标题 {m}"));
    }

    [Fact]
    public async Task Deleted_items_are_not_found()
    {
        var m = Marker();
        var id = await StoryAsync($"将删除 {m}");
        Assert.True((await ContentAsync(cm => cm.RemoveAsync(id))).Succeeded);

        Assert.Empty(await IdsAsync(m));
    }

    [Fact]
    public async Task A_sensitive_value_is_never_found_nor_returned()
    {
        var m = Marker();
        await StoryAsync($"帮扶报道 {m}", "<p>马奶奶的心愿实现了。</p>", phone: "13800138000 马秀英");

        Assert.Empty(await IdsAsync("13800138000"));
        Assert.Empty(await IdsAsync($"马秀英 {m}"));
        var results = await SearchAsync(new SearchRequest($"马奶奶 {m}"));
        var hit = Assert.Single(results.Hits);
        Assert.DoesNotContain("13800138000", hit.SnippetHtml + hit.TitleHtml);
        Assert.DoesNotContain("秀英", hit.SnippetHtml + hit.TitleHtml);
    }

    [Fact]
    public async Task Snippets_mark_matches_and_encode_everything_else()
    {
        var m = Marker();
        await StoryAsync($"路灯 & 安全 {m}", "<p>居民说：路灯修好后晚上&lt;script&gt;alert(1)&lt;/script&gt;也敢出门。</p>");

        var hit = Assert.Single((await SearchAsync(new SearchRequest($"路灯 {m}"))).Hits);
        Assert.StartsWith("<mark>路灯</mark> &amp; 安全", hit.TitleHtml);
        Assert.Contains("居民说：<mark>路灯</mark>修好后", hit.SnippetHtml);
        Assert.Contains("&lt;script&gt;", hit.SnippetHtml);
        Assert.DoesNotContain("<script", hit.SnippetHtml);
    }

    [Fact]
    public async Task A_search_without_words_or_with_dates_reversed_is_refused()
    {
        var empty = await SearchAsync(new SearchRequest("  ，。 "));
        Assert.False(empty.Succeeded);
        Assert.Equal("q", empty.Problems[0].Path);

        var reversed = await SearchAsync(new SearchRequest("路灯", FromUtc: new DateTime(2026, 2, 1), ToUtc: new DateTime(2026, 1, 1)));
        Assert.Equal("to", Assert.Single(reversed.Problems).Path);
    }
}
