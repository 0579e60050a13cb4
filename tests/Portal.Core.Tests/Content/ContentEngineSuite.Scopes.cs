using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;
using Portal.Core.Data;
using Portal.Testing;

namespace Portal.Core.Tests.Content;

// What one scope (a request, a recipe run) does several times: definitions read once per scope, saves in a row.
public abstract partial class ContentEngineSuite
{
    [Fact]
    public async Task A_scope_sees_the_definitions_it_saves_and_forgets_those_a_rollback_undid()
    {
        var kept = UniqueType("Kept");
        var undone = UniqueType("Undone");

        var (seenInside, seenAfter, keptAfter) = await Host.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            var definitions = sp.GetRequiredService<ContentDefinitionStore>();
            Assert.Null(await definitions.GetTypeAsync(kept)); // read once, before the changes
            await new DefinitionBuilder(kept).Parts("TitlePart").SaveAsync(definitions);
            var inside = false;
            await db.InTransactionAsync(async () =>
            {
                await new DefinitionBuilder(undone).Parts("TitlePart").SaveAsync(definitions);
                inside = await definitions.GetTypeAsync(undone) is not null;
                return false;
            }, commit => commit);
            return (inside, await definitions.GetTypeAsync(undone) is not null, await definitions.GetTypeAsync(kept) is not null);
        });

        Assert.True(seenInside);
        Assert.False(seenAfter);
        Assert.True(keptAfter);
        Assert.Null(await Scope((_, defs) => defs.GetTypeAsync(undone)));
    }

    [Fact]
    public async Task Items_created_one_after_another_in_one_scope_get_their_own_permalinks_and_index_rows()
    {
        var type = await StoryTypeAsync();
        var title = "同一个标题 " + Guid.NewGuid().ToString("N")[..6];

        var items = await Scope(async (cm, _) =>
        {
            var created = new List<ContentItem>();
            for (var i = 0; i < 3; i++)
            {
                var item = (await cm.NewAsync(type))!;
                item.Part("TitlePart")["Title"] = title;
                item.Field(type, "Rank")["Value"] = i;
                created.Add(Ok(await cm.CreateAsync(item, publish: true)));
            }
            return created;
        });

        var paths = items.Select(i => i.Content["AutoroutePart"]!["Path"]!.GetValue<string>()).ToList();
        Assert.Equal(3, paths.Distinct().Count());
        Assert.Equal(paths[0] + "-2", paths[1]);
        var ranked = await Scope((cm, _) => cm.QueryAsync(new ContentQuery { Types = [type], Fields = [new(type, "Rank", FieldOperator.GreaterOrEqual, 1)] }));
        Assert.Equal(2, ranked.TotalCount);
    }

    [Fact]
    public async Task A_query_that_takes_nothing_returns_only_the_total()
    {
        var type = await StoryTypeAsync();
        for (var i = 0; i < 3; i++) Ok(await CreateAsync(type, $"Counted {i}", publish: true));

        var page = await Scope((cm, _) => cm.QueryAsync(new ContentQuery { Types = [type], Take = 0 }));

        Assert.Equal(3, page.TotalCount);
        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task Each_version_is_read_by_id_after_the_other_database_has_been_queried()
    {
        // Reads by id are compiled per model; the suite's other database runs in the same process.
        var type = await StoryTypeAsync();
        var item = Ok(await CreateAsync(type, "Versions", publish: true));
        var latest = (await Scope((cm, _) => cm.GetAsync(item.ContentItemId, VersionOptions.Latest)))!;
        latest.Part("TitlePart")["Title"] = "Versions, edited";
        Ok(await Scope((cm, _) => cm.UpdateAsync(latest)));

        Assert.Equal("Versions", (await Scope((cm, _) => cm.GetAsync(item.ContentItemId)))!.DisplayText);
        Assert.Equal("Versions, edited", (await Scope((cm, _) => cm.GetAsync(item.ContentItemId, VersionOptions.Draft)))!.DisplayText);
        Assert.Equal("Versions, edited", (await Scope((cm, _) => cm.GetAsync(item.ContentItemId, VersionOptions.Latest)))!.DisplayText);
        Assert.Null(await Scope((cm, _) => cm.GetAsync(IdGenerator.NewId())));
    }

    [Fact]
    public async Task A_filtered_page_and_its_total_agree_for_equal_and_not_equal_filters()
    {
        var type = await StoryTypeAsync();
        for (var i = 0; i < 7; i++)
            Ok(await CreateAsync(type, $"Item {i}", publish: true, fill: item => item.Field(type, "Category")["Value"] = i % 2 == 0 ? "study" : "supplies"));

        ContentQuery Query(FieldOperator op) => new()
        {
            Types = [type],
            Fields = [new(type, "Category", op, "study")],
            Order = new("DisplayText", Descending: false),
            Skip = 1,
            Take = 2,
        };
        var study = await Scope((cm, _) => cm.QueryAsync(Query(FieldOperator.Equals)));
        var other = await Scope((cm, _) => cm.QueryAsync(Query(FieldOperator.NotEquals)));

        Assert.Equal(4, study.TotalCount);
        Assert.Equal(["Item 2", "Item 4"], study.Items.Select(i => i.DisplayText));
        Assert.Equal(3, other.TotalCount);
        Assert.Equal(["Item 3", "Item 5"], other.Items.Select(i => i.DisplayText));
    }
}
