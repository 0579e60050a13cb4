using System.Text.Json;
using Portal.Core.Content;

namespace Portal.Core.Tests.Content;

public abstract partial class ContentEngineSuite
{
    [Fact]
    public async Task A_created_item_is_a_draft_until_published()
    {
        var type = await StoryTypeAsync();
        var draft = Ok(await CreateAsync(type, "路灯亮了"));

        Assert.True(draft.Latest);
        Assert.False(draft.Published);
        Assert.Equal("路灯亮了", draft.DisplayText);
        Assert.Null(await Scope((cm, _) => cm.GetAsync(draft.ContentItemId)));

        var published = Ok(await Scope((cm, _) => cm.PublishAsync(draft.ContentItemId)));
        Assert.True(published.Published);
        Assert.NotNull(published.PublishedUtc);
        var read = await Scope((cm, _) => cm.GetAsync(draft.ContentItemId));
        Assert.Equal("路灯亮了", read!.DisplayText);
        Assert.Equal(draft.ContentItemVersionId, read.ContentItemVersionId);
    }

    [Fact]
    public async Task Editing_a_published_item_makes_a_draft_and_leaves_the_published_version_alone()
    {
        var type = await StoryTypeAsync();
        var item = Ok(await CreateAsync(type, "First title", publish: true));

        var latest = (await Scope((cm, _) => cm.GetAsync(item.ContentItemId, VersionOptions.Latest)))!;
        latest.Part("TitlePart")["Title"] = "Second title";
        var draft = Ok(await Scope((cm, _) => cm.UpdateAsync(latest)));

        Assert.NotEqual(item.ContentItemVersionId, draft.ContentItemVersionId);
        Assert.Equal("First title", (await Scope((cm, _) => cm.GetAsync(item.ContentItemId)))!.DisplayText);
        Assert.Equal("Second title", (await Scope((cm, _) => cm.GetAsync(item.ContentItemId, VersionOptions.Draft)))!.DisplayText);

        Ok(await Scope((cm, _) => cm.PublishAsync(item.ContentItemId)));
        Assert.Equal("Second title", (await Scope((cm, _) => cm.GetAsync(item.ContentItemId)))!.DisplayText);
        Assert.Equal(2, (await Scope((cm, _) => cm.GetVersionsAsync(item.ContentItemId))).Count);
    }

    [Fact]
    public async Task Unpublish_hides_the_item_and_keeps_it_as_a_draft()
    {
        var type = await StoryTypeAsync();
        var item = Ok(await CreateAsync(type, "Unpublish me", publish: true));

        Ok(await Scope((cm, _) => cm.UnpublishAsync(item.ContentItemId)));

        Assert.Null(await Scope((cm, _) => cm.GetAsync(item.ContentItemId)));
        Assert.NotNull(await Scope((cm, _) => cm.GetAsync(item.ContentItemId, VersionOptions.Draft)));
        var again = await Scope((cm, _) => cm.UnpublishAsync(item.ContentItemId));
        Assert.False(again.Succeeded);
        Assert.Contains("not published", again.Errors[0].Message);
    }

    [Fact]
    public async Task Removed_items_are_gone_from_every_status_but_their_versions_remain_as_history()
    {
        var type = await StoryTypeAsync();
        var item = Ok(await CreateAsync(type, "Remove me", publish: true));

        Ok(await Scope((cm, _) => cm.RemoveAsync(item.ContentItemId)));

        Assert.Null(await Scope((cm, _) => cm.GetAsync(item.ContentItemId, VersionOptions.Latest)));
        Assert.Null(await Scope((cm, _) => cm.GetAsync(item.ContentItemId)));
        Assert.Single(await Scope((cm, _) => cm.GetVersionsAsync(item.ContentItemId)));
        var again = await Scope((cm, _) => cm.RemoveAsync(item.ContentItemId));
        Assert.True(again.IsNotFound);
    }

    [Fact]
    public async Task Types_that_are_not_draftable_publish_on_every_save()
    {
        var type = UniqueType("Note");
        await DefineAsync(new Portal.Testing.DefinitionBuilder(type).Parts("TitlePart").Draftable(false));

        var item = Ok(await CreateAsync(type, "Straight out"));

        Assert.True(item.Published);
    }

    [Fact]
    public async Task Saving_an_item_of_a_type_without_drafts_publishes_the_new_version_and_retires_the_old_one()
    {
        var type = UniqueType("Note");
        await DefineAsync(new Portal.Testing.DefinitionBuilder(type).Parts("TitlePart").Draftable(false).Field("Rank", "NumericField"));
        var item = Ok(await CreateAsync(type, "First", fill: i => i.Field(type, "Rank")["Value"] = 1));
        var loaded = (await Scope((cm, _) => cm.GetAsync(item.ContentItemId, VersionOptions.Latest)))!;

        loaded.Part("TitlePart")["Title"] = "Second";
        loaded.Field(type, "Rank")["Value"] = 2;
        var saved = Ok(await Scope((cm, _) => cm.UpdateAsync(loaded)));

        Assert.True(saved.Published && saved.Latest);
        Assert.Equal("Second", (await Scope((cm, _) => cm.GetAsync(item.ContentItemId)))!.DisplayText);
        var versions = await Scope((cm, _) => cm.GetVersionsAsync(item.ContentItemId));
        Assert.Equal(2, versions.Count);
        Assert.Equal("Second", Assert.Single(versions, v => v.Published && v.Latest).DisplayText);
        Assert.Single(versions, v => !v.Published && !v.Latest);
        // The retired version is out of the field index: a filter finds the item by its new value only.
        foreach (var (rank, found) in new[] { (1, 0), (2, 1) })
        {
            var page = await Scope((cm, _) => cm.QueryAsync(new ContentQuery { Types = [type], Status = ContentStatus.All, Fields = [new(type, "Rank", FieldOperator.Equals, rank)] }));
            Assert.Equal(found, page.TotalCount);
            Assert.Equal(found, page.Items.Count);
        }
    }

    [Fact]
    public async Task An_item_serializes_in_the_Orchard_shape_and_reads_back_unchanged()
    {
        var type = await StoryTypeAsync();
        var item = Ok(await CreateAsync(type, "Shape", publish: true, fill: i => i.Field(type, "Subtitle")["Text"] = "副标题"));

        var json = JsonSerializer.Serialize(item, ContentJson.Options);
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        Assert.Equal(item.ContentItemId, node["ContentItemId"]!.GetValue<string>());
        Assert.Equal(type, node["ContentType"]!.GetValue<string>());
        Assert.Equal("Shape", node["TitlePart"]!["Title"]!.GetValue<string>());
        Assert.Equal("副标题", node[type]!["Subtitle"]!["Text"]!.GetValue<string>());
        Assert.True(node["Published"]!.GetValue<bool>());
        Assert.Contains("副标题", json); // not escaped as \uXXXX

        var back = JsonSerializer.Deserialize<ContentItem>(json, ContentJson.Options)!;
        Assert.Equal(json, JsonSerializer.Serialize(back, ContentJson.Options));
    }

    [Fact]
    public async Task A_handler_that_fails_rolls_the_whole_save_back()
    {
        var type = await StoryTypeAsync();
        var before = await CountRowsAsync(type);

        await Assert.ThrowsAnyAsync<Exception>(() => Host.InScopeAsync(async sp =>
        {
            var db = (Portal.Core.Data.PortalDbContext)sp.GetService(typeof(Portal.Core.Data.PortalDbContext))!;
            var cm = (ContentManager)sp.GetService(typeof(ContentManager))!;
            await db.InTransactionAsync<int>(async () =>
            {
                var item = (await cm.NewAsync(type))!;
                item.Part("TitlePart")["Title"] = "Half saved";
                Ok(await cm.CreateAsync(item, publish: true));
                throw new InvalidOperationException("a later step failed");
            });
        }));

        Assert.Equal(before, await CountRowsAsync(type));
    }

    [Fact]
    public async Task Creating_an_item_with_the_id_of_an_existing_or_removed_item_is_refused_and_changes_nothing()
    {
        var type = await StoryTypeAsync();
        var kept = Ok(await CreateAsync(type, "Kept", publish: true));
        var removed = Ok(await CreateAsync(type, "Removed", publish: true));
        Ok(await Scope((cm, _) => cm.RemoveAsync(removed.ContentItemId)));
        var before = await CountRowsAsync(type);

        foreach (var id in new[] { kept.ContentItemId, removed.ContentItemId })
        {
            var result = await CreateAsync(type, "Impostor", publish: true, fill: i =>
            {
                i.ContentItemId = id;
                i.Field(type, "Rank")["Value"] = 7;
            });
            Assert.True(result.IsConflict, result.ToString());
            Assert.Contains(id, result.Errors[0].Message);
        }

        Assert.Equal(before, await CountRowsAsync(type));
        Assert.Equal("Kept", (await Scope((cm, _) => cm.GetAsync(kept.ContentItemId)))!.DisplayText);
        var query = await Scope((cm, _) => cm.QueryAsync(new ContentQuery { Types = [type], Fields = [new(type, "Rank", FieldOperator.Equals, 7.0)] }));
        Assert.Empty(query.Items);
    }
}
