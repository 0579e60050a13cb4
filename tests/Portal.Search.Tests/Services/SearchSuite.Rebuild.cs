using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Commands;
using Portal.Core.Content.Definitions;
using Portal.Search.Services;

namespace Portal.Search.Tests.Services;

public abstract partial class SearchSuite
{
    [Fact]
    public async Task A_rebuild_keeps_search_online_and_picks_up_changed_settings_and_new_publishes()
    {
        var m = Marker();
        var tagged = await StoryAsync($"旧闻 {m}", tags: $"暖冬{m}");
        Assert.Empty(await IdsAsync($"暖冬{m}"));
        await SetTagsIndexedAsync(true);
        try
        {
            var generation = await Host.InScopeAsync(sp => sp.GetRequiredService<SearchRebuilder>().BeginAsync());
            Assert.NotNull(generation);
            Assert.Null(await Host.InScopeAsync(sp => sp.GetRequiredService<SearchRebuilder>().BeginAsync()));
            await Host.InScopeAsync(sp => sp.GetRequiredService<SearchRebuilder>().IndexBatchAsync(generation!.Value, 0));

            Assert.Equal([tagged], await IdsAsync($"旧闻 {m}"));
            Assert.Empty(await IdsAsync($"暖冬{m}"));
            var during = await StoryAsync($"重建期间发布 {m}");
            Assert.Equal([during], await IdsAsync($"重建期间发布 {m}"));

            await Host.InScopeAsync(sp => sp.GetRequiredService<SearchRebuilder>().ContinueAsync(generation!.Value));
            Assert.Equal([tagged], await IdsAsync($"暖冬{m}"));
            Assert.Equal([during], await IdsAsync($"重建期间发布 {m}"));
            var state = await Host.InScopeAsync(sp => sp.GetRequiredService<SearchStore>().StateAsync());
            Assert.Equal((generation, (int?)null), (state.ActiveGeneration, state.BuildingGeneration));
            var stale = await Host.InScopeAsync(sp => sp.GetRequiredService<SearchStore>()
                .ScalarAsync<long>("""SELECT COUNT(*) FROM "SearchDocuments" WHERE "Generation" <> @p0""", [state.ActiveGeneration]));
            Assert.Equal(0, stale);
        }
        finally
        {
            await SetTagsIndexedAsync(false);
        }
    }

    [Fact]
    public async Task The_rebuild_command_reports_progress_and_finishes()
    {
        var m = Marker();
        var id = await StoryAsync($"命令重建 {m}");
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await CommandRunner.RunAsync(["search", "rebuild"], Host.Services, output, error);

        Assert.Equal(0, code);
        Assert.Matches(@"Indexed \d+/\d+ \(100%\)", output.ToString());
        Assert.Contains("Rebuilt the search index:", output.ToString());
        Assert.Equal([id], await IdsAsync(m));
        Assert.Equal(2, await CommandRunner.RunAsync(["search", "rebuild", "now"], Host.Services, output, error));
    }

    private Task SetTagsIndexedAsync(bool indexed) => Host.InScopeAsync(async sp =>
    {
        var errors = await sp.GetRequiredService<ContentDefinitionStore>().AlterAsync(d =>
            SearchIndexSettings.SetIncluded(d.ContentParts.First(p => p.Name == "Story").Fields.First(f => f.Name == "Tags").Settings, indexed));
        Assert.Empty(errors);
    });
}
