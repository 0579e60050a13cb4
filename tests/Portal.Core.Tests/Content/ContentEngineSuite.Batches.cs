using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;

namespace Portal.Core.Tests.Content;

public abstract partial class ContentEngineSuite
{
    private Task<ContentBatchResult> CreateManyAsync(string type, IEnumerable<string> titles, bool publish) =>
        Scope(async (cm, _) =>
        {
            var items = new List<ContentItem>();
            foreach (var title in titles)
            {
                var item = (await cm.NewAsync(type))!;
                item.Part("TitlePart")["Title"] = title;
                items.Add(item);
            }
            return await cm.CreateManyAsync(items, publish);
        });

    [Fact]
    public async Task A_batch_creates_and_publishes_every_item_in_order()
    {
        var type = await StoryTypeAsync();

        var batch = await CreateManyAsync(type, ["一", "二", "三"], publish: true);

        Assert.True(batch.Succeeded);
        Assert.All(batch.Results, r => Assert.True(r.Item!.Published));
        var page = await Scope((cm, _) => cm.QueryAsync(new ContentQuery { Types = [type], Order = new("CreatedUtc", Descending: false) }));
        Assert.Equal(3, page.TotalCount);
        // Permalinks are made unique within the batch too: a title repeated in it gets a number.
        var title = "灯" + Guid.NewGuid().ToString("N")[..8];
        var again = await CreateManyAsync(type, [title, title], publish: true);
        Assert.Equal([title, title + "-2"], again.Results.Select(r => r.Item!.Content["AutoroutePart"]!["Path"]!.ToString()));
    }

    [Fact]
    public async Task A_batch_with_a_refused_item_keeps_nothing_and_names_the_item_and_why()
    {
        var type = await StoryTypeAsync();

        var first = "好" + Guid.NewGuid().ToString("N")[..8];
        var batch = await CreateManyAsync(type, [first, "", first + "也"], publish: true);

        Assert.False(batch.Succeeded);
        Assert.True(batch.Results[0].Succeeded);
        Assert.Contains(batch.Results[1].Errors, e => e.Path == "TitlePart.Title");
        Assert.True(batch.Results[2].Succeeded); // still checked after the refused one
        Assert.Equal(0, await CountRowsAsync(type));
        var routes = await Host.InScopeAsync(sp => Task.FromResult(sp.GetRequiredService<Portal.Core.Data.PortalDbContext>()
            .Set<AutorouteRecord>().Count(r => r.Path.StartsWith(first))));
        Assert.Equal(0, routes);
    }
}
