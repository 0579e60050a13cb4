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
