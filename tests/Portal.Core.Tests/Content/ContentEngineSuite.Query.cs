using Portal.Core.Content;

namespace Portal.Core.Tests.Content;

public abstract partial class ContentEngineSuite
{
    [Fact]
    public async Task Queries_filter_by_type_and_status_and_page_with_a_total()
    {
        var type = await StoryTypeAsync();
        for (var i = 0; i < 7; i++) Ok(await CreateAsync(type, $"Item {i}", publish: i < 5));

        var page = await Scope((cm, _) => cm.QueryAsync(new ContentQuery { Types = [type], Take = 2, Skip = 2, Order = new("DisplayText", Descending: false) }));
        var drafts = await Scope((cm, _) => cm.QueryAsync(new ContentQuery { Types = [type], Status = ContentStatus.Draft }));
        var all = await Scope((cm, _) => cm.QueryAsync(new ContentQuery { Types = [type], Status = ContentStatus.Latest }));

        Assert.Equal(5, page.TotalCount);
        Assert.Equal(["Item 2", "Item 3"], page.Items.Select(i => i.DisplayText));
        Assert.Equal(2, drafts.TotalCount);
        Assert.Equal(7, all.TotalCount);
    }

    [Fact]
    public async Task Any_field_can_filter_and_sort()
    {
        var type = await StoryTypeAsync();
        Ok(await CreateAsync(type, "A", publish: true, fill: i => { i.Field(type, "Rank")["Value"] = 30; i.Field(type, "Category")["Value"] = "study"; }));
        Ok(await CreateAsync(type, "B", publish: true, fill: i => { i.Field(type, "Rank")["Value"] = 10; i.Field(type, "Category")["Value"] = "study"; }));
        Ok(await CreateAsync(type, "C", publish: true, fill: i => { i.Field(type, "Rank")["Value"] = 20; i.Field(type, "Category")["Value"] = "supplies"; }));
        Ok(await CreateAsync(type, "D", publish: true));

        var study = await Scope((cm, _) => cm.QueryAsync(new ContentQuery
        {
            Types = [type],
            Fields = [new(type, "Category", FieldOperator.Equals, "study")],
            Order = new($"{type}.Rank", Descending: false),
        }));
        var ranked = await Scope((cm, _) => cm.QueryAsync(new ContentQuery { Types = [type], Order = new($"{type}.Rank") }));
        var high = await Scope((cm, _) => cm.QueryAsync(new ContentQuery { Types = [type], Fields = [new(type, "Rank", FieldOperator.GreaterOrEqual, 20)] }));

        Assert.Equal(["B", "A"], study.Items.Select(i => i.DisplayText));
        Assert.Equal(["A", "C", "B", "D"], ranked.Items.Select(i => i.DisplayText));
        Assert.Equal(2, high.TotalCount);
    }

    [Fact]
    public async Task The_field_index_follows_the_published_version()
    {
        var type = await StoryTypeAsync();
        var item = Ok(await CreateAsync(type, "Indexed", publish: true, fill: i => i.Field(type, "Category")["Value"] = "study"));
        var latest = (await Scope((cm, _) => cm.GetAsync(item.ContentItemId, VersionOptions.Latest)))!;
        latest.Field(type, "Category")["Value"] = "supplies";
        Ok(await Scope((cm, _) => cm.UpdateAsync(latest)));

        ContentQuery Query(string value, ContentStatus status) => new() { Types = [type], Status = status, Fields = [new(type, "Category", FieldOperator.Equals, value)] };
        Assert.Equal(1, (await Scope((cm, _) => cm.QueryAsync(Query("study", ContentStatus.Published)))).TotalCount);
        Assert.Equal(0, (await Scope((cm, _) => cm.QueryAsync(Query("supplies", ContentStatus.Published)))).TotalCount);
        Assert.Equal(1, (await Scope((cm, _) => cm.QueryAsync(Query("supplies", ContentStatus.Latest)))).TotalCount);

        Ok(await Scope((cm, _) => cm.PublishAsync(item.ContentItemId)));
        Assert.Equal(0, (await Scope((cm, _) => cm.QueryAsync(Query("study", ContentStatus.All)))).TotalCount);
        Assert.Equal(1, (await Scope((cm, _) => cm.QueryAsync(Query("supplies", ContentStatus.Published)))).TotalCount);
    }

    [Fact]
    public async Task Queries_filter_by_owner_text_and_dates()
    {
        var type = await StoryTypeAsync();
        Ok(await CreateAsync(type, "Owned by mei", publish: true, fill: i => i.Owner = "mei"));
        Ok(await CreateAsync(type, "Owned by lei", publish: true, fill: i => i.Owner = "lei"));

        var mei = await Scope((cm, _) => cm.QueryAsync(new ContentQuery { Types = [type], Owner = "mei" }));
        var text = await Scope((cm, _) => cm.QueryAsync(new ContentQuery { Types = [type], DisplayTextContains = "BY LEI" }));
        var future = await Scope((cm, _) => cm.QueryAsync(new ContentQuery { Types = [type], CreatedFrom = DateTime.UtcNow.AddDays(1) }));

        Assert.Equal("Owned by mei", Assert.Single(mei.Items).DisplayText);
        Assert.Equal("Owned by lei", Assert.Single(text.Items).DisplayText);
        Assert.Empty(future.Items);
    }
}

public abstract partial class ContentEngineSuite
{
    [Fact]
    public async Task Totals_by_one_field_agree_with_the_listed_items_through_every_step()
    {
        var type = await StoryTypeAsync();
        var picker = UniqueType("Linked");
        await DefineAsync(new Portal.Testing.DefinitionBuilder(picker).Parts("TitlePart")
            .Field("Related", "ContentPickerField", new System.Text.Json.Nodes.JsonObject { ["Multiple"] = true }));
        var a = Ok(await CreateAsync(type, "A", publish: true, fill: i => i.Field(type, "Category")["Value"] = "study"));
        var b = Ok(await CreateAsync(type, "B", publish: true, fill: i => i.Field(type, "Category")["Value"] = "study"));
        Ok(await CreateAsync(type, "C", fill: i => i.Field(type, "Category")["Value"] = "study"));
        Ok(await CreateAsync(picker, "Two links to one item", publish: true, fill: i => i.Field(picker, "Related")["ContentItemIds"] = new System.Text.Json.Nodes.JsonArray("x1", "x1")));

        async Task AgreeAsync()
        {
            foreach (var status in Enum.GetValues<ContentStatus>())
            {
                var query = new ContentQuery { Types = [type], Status = status, Take = 100, Fields = [new(type, "Category", FieldOperator.Equals, "study")] };
                var page = await Scope((cm, _) => cm.QueryAsync(query));
                Assert.Equal(page.Items.Count, page.TotalCount);
            }
            var links = await Scope((cm, _) => cm.QueryAsync(new ContentQuery { Types = [picker], Fields = [new(picker, "Related", FieldOperator.Equals, "x1")] }));
            Assert.Equal((1, 1), (links.Items.Count, links.TotalCount));
        }

        await AgreeAsync();
        var latest = (await Scope((cm, _) => cm.GetAsync(a.ContentItemId, VersionOptions.Latest)))!;
        latest.Part("TitlePart")["Title"] = "A2";
        Ok(await Scope((cm, _) => cm.UpdateAsync(latest)));
        await AgreeAsync();
        Ok(await Scope((cm, _) => cm.PublishAsync(a.ContentItemId)));
        await AgreeAsync();
        Ok(await Scope((cm, _) => cm.UnpublishAsync(b.ContentItemId)));
        await AgreeAsync();
        Ok(await Scope((cm, _) => cm.RemoveAsync(a.ContentItemId)));
        await AgreeAsync();

        var published = await Scope((cm, _) => cm.QueryAsync(new ContentQuery { Types = [type], Fields = [new(type, "Category", FieldOperator.Equals, "study")] }));
        Assert.Equal(0, published.TotalCount);
        var drafts = await Scope((cm, _) => cm.QueryAsync(new ContentQuery { Types = [type], Status = ContentStatus.Draft, Fields = [new(type, "Category", FieldOperator.Equals, "study")] }));
        Assert.Equal(2, drafts.TotalCount);
    }
}

public abstract partial class ContentEngineSuite
{
    [Fact]
    public async Task A_rare_and_a_common_field_value_page_the_same_way_newest_first()
    {
        // A value held by few items is paged from the field index, a common one by walking the type's list:
        // both must give the order, totals and statuses the unfiltered list gives.
        var type = await StoryTypeAsync();
        var batch = await Scope(async (cm, _) =>
        {
            var items = new List<ContentItem>();
            for (var n = 0; n < ContentQueryTranslator.FewMatches + 4; n++)
            {
                var rare = n % 400 == 7; // 3 rare ones spread among the 1,001 common ones
                var item = (await cm.NewAsync(type))!;
                item.Part("TitlePart")["Title"] = $"{(rare ? "rare" : "common")} {n}";
                item.Field(type, "Category")["Value"] = rare ? "supplies" : "study";
                items.Add(item);
            }
            return await cm.CreateManyAsync(items, publish: true);
        });
        Assert.True(batch.Succeeded, string.Join("; ", batch.Results.SelectMany(r => r.Errors).Take(3)));

        var listed = new List<ContentItem>();
        for (var skip = 0; skip < ContentQueryTranslator.FewMatches + 4; skip += ContentQuery.MaxTake)
            listed.AddRange((await Scope((cm, _) => cm.QueryAsync(new ContentQuery { Types = [type], Skip = skip, Take = ContentQuery.MaxTake }))).Items);
        string[] Expected(string value, int skip, int take) =>
            [.. listed.Where(i => i.Field(type, "Category")["Value"]?.ToString() == value).Skip(skip).Take(take).Select(i => i.ContentItemId)];
        async Task<ContentPage> PageAsync(string value, int skip, int take, ContentStatus status = ContentStatus.Published) =>
            await Scope((cm, _) => cm.QueryAsync(new ContentQuery
            {
                Types = [type], Status = status, Skip = skip, Take = take, Fields = [new(type, "Category", FieldOperator.Equals, value)],
            }));

        var rareFirst = await PageAsync("supplies", 0, 2);
        var rareRest = await PageAsync("supplies", 2, 2);
        var commonDeep = await PageAsync("study", 999, 2);

        Assert.Equal(ContentQueryTranslator.FewMatches + 4, listed.Count);
        Assert.Equal(3, rareFirst.TotalCount);
        Assert.Equal(Expected("supplies", 0, 2), rareFirst.Items.Select(i => i.ContentItemId).ToArray());
        Assert.Equal(Expected("supplies", 2, 2), rareRest.Items.Select(i => i.ContentItemId).ToArray());
        Assert.Equal(ContentQueryTranslator.FewMatches + 1, commonDeep.TotalCount);
        Assert.Equal(Expected("study", 999, 2), commonDeep.Items.Select(i => i.ContentItemId).ToArray());

        // Status still applies on the rare path: an unpublished one leaves the published page, not the latest.
        Ok(await Scope((cm, _) => cm.UnpublishAsync(rareFirst.Items[0].ContentItemId)));
        Assert.Equal(Expected("supplies", 1, 2), (await PageAsync("supplies", 0, 2)).Items.Select(i => i.ContentItemId).ToArray());
        Assert.Equal(3, (await PageAsync("supplies", 0, 2, ContentStatus.Latest)).TotalCount);
    }
}
