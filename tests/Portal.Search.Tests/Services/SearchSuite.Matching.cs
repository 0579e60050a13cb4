namespace Portal.Search.Tests.Services;

public abstract partial class SearchSuite
{
    [Fact]
    public async Task One_and_two_character_chinese_queries_find_what_they_should()
    {
        var m = Marker();
        var lamp = await StoryAsync("老街路灯修好了", $"<p>社区志愿者连夜更换灯泡。{m}</p>");
        var bag = await StoryAsync("新书包送到孩子手中", $"<p>一只书包，一盒文具。{m}</p>");

        Assert.Equal([lamp], await IdsAsync($"灯 {m}"));
        Assert.Equal([lamp], await IdsAsync($"路灯 {m}"));
        Assert.Equal([bag], await IdsAsync($"书包 {m}"));
        Assert.Empty(await IdsAsync($"书灯 {m}"));
        Assert.Equal([lamp], await IdsAsync($"志愿者 {m}"));
    }

    [Fact]
    public async Task Traditional_chinese_and_full_width_text_are_found()
    {
        var m = Marker();
        var id = await StoryAsync("臺灣的路燈", $"<p>ＴＡＩＰＥＩ　２０２６ 書包 {m}</p>");

        Assert.Equal([id], await IdsAsync($"路燈 {m}"));
        Assert.Equal([id], await IdsAsync($"taipei 2026 {m}"));
        Assert.Equal([id], await IdsAsync($"書 {m}"));
    }

    [Fact]
    public async Task A_traditional_query_finds_simplified_text_and_the_other_way_round_with_the_match_marked()
    {
        var m = Marker();
        var simplified = await StoryAsync($"老街的路灯亮了 {m}", "<p>孩子们收到了新书包。</p>");
        var traditional = await StoryAsync($"舊街的電風扇 {m}", "<p>誌願者送來了書包。</p>");

        Assert.Equal([simplified], await IdsAsync($"路燈 {m}"));
        Assert.Equal([traditional], await IdsAsync($"电风扇 {m}"));
        Assert.Equal(new[] { simplified, traditional }.Order(), (await IdsAsync($"書包 {m}")).Order());
        Assert.Equal(new[] { simplified, traditional }.Order(), (await IdsAsync($"书包 {m}")).Order());

        var hit = (await SearchAsync(new Portal.Search.Services.SearchRequest($"路燈 {m}"))).Hits.Single();
        Assert.Contains("<mark>路灯</mark>", hit.TitleHtml);
        var other = (await SearchAsync(new Portal.Search.Services.SearchRequest($"书包 电风扇 {m}"))).Hits.Single();
        Assert.Contains("<mark>電風扇</mark>", other.TitleHtml);
        Assert.Contains("<mark>書包</mark>", other.SnippetHtml);
    }

    [Fact]
    public async Task Mixed_query_needs_every_word()
    {
        var m = Marker();
        var both = await StoryAsync($"Taizhou 路灯 {m}", "<p>Street lamps in the old town.</p>");
        await StoryAsync($"Taizhou 书包 {m}");

        Assert.Equal([both], await IdsAsync($"Taizhou 路灯 {m}"));
        Assert.Equal(2, (await IdsAsync($"TAIZHOU {m}")).Count);
        Assert.Equal([both], await IdsAsync($"street LAMPS {m}"));
    }

    [Fact]
    public async Task Quoted_phrase_needs_the_words_together_and_in_order()
    {
        var m = Marker();
        var together = await StoryAsync($"{m} report", "<p>The street lamp was fixed.</p>");
        await StoryAsync($"{m} other", "<p>A lamp on the street.</p>");

        Assert.Equal([together], await IdsAsync($"\"street lamp\" {m}"));
        Assert.Equal(2, (await IdsAsync($"street lamp {m}")).Count);
    }

    [Fact]
    public async Task A_title_match_ranks_above_a_body_match()
    {
        var m = Marker();
        var inBody = await StoryAsync($"社区新闻 {m}", "<p>今天更换了三盏路灯，居民很满意。</p>");
        var inTitle = await StoryAsync($"路灯亮了 {m}", "<p>居民很满意。</p>");

        Assert.Equal([inTitle, inBody], await IdsAsync($"路灯 {m}"));
    }

    [Fact]
    public async Task Indexed_fields_are_searchable_and_others_are_not()
    {
        var m = Marker();
        var id = await StoryAsync($"报道 {m}", subtitle: "爱心书包", tags: "秘密标签");

        Assert.Equal([id], await IdsAsync($"爱心 {m}"));
        Assert.Empty(await IdsAsync($"秘密标签 {m}"));
    }

    [Fact]
    public async Task Types_with_nothing_indexed_are_not_searchable()
    {
        var m = Marker();
        await ItemAsync("Memo", $"内部备忘 {m}");

        Assert.Empty(await IdsAsync(m));
    }
}
