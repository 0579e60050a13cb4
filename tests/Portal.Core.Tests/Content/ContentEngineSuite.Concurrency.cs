using Portal.Core.Content;

namespace Portal.Core.Tests.Content;

public abstract partial class ContentEngineSuite
{
    [Fact]
    public async Task A_stale_update_is_refused_and_the_newer_edit_is_kept()
    {
        var type = await StoryTypeAsync();
        var item = Ok(await CreateAsync(type, "Original"));
        var editorA = (await Scope((cm, _) => cm.GetAsync(item.ContentItemId, VersionOptions.Latest)))!;
        var editorB = (await Scope((cm, _) => cm.GetAsync(item.ContentItemId, VersionOptions.Latest)))!;

        editorA.Part("TitlePart")["Title"] = "Edit by A";
        Ok(await Scope((cm, _) => cm.UpdateAsync(editorA)));
        editorB.Part("TitlePart")["Title"] = "Edit by B";
        var stale = await Scope((cm, _) => cm.UpdateAsync(editorB));

        Assert.True(stale.IsConflict);
        Assert.Contains("reload", stale.Errors[0].Message);
        Assert.Equal("Edit by A", (await Scope((cm, _) => cm.GetAsync(item.ContentItemId, VersionOptions.Latest)))!.DisplayText);
    }

    [Fact]
    public async Task Concurrent_edits_of_a_published_item_leave_exactly_one_latest_version()
    {
        var type = await StoryTypeAsync();
        var item = Ok(await CreateAsync(type, "Race", publish: true));
        var copies = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Scope((cm, _) => cm.GetAsync(item.ContentItemId, VersionOptions.Latest))));

        var results = await Task.WhenAll(copies.Select((copy, n) =>
        {
            copy!.Part("TitlePart")["Title"] = $"Edit {n}";
            return Scope((cm, _) => cm.UpdateAsync(copy)).ContinueWith(t => t.IsFaulted ? null : t.Result);
        }));

        Assert.True(results.Count(r => r is { Succeeded: true }) >= 1);
        var versions = await Scope((cm, _) => cm.GetVersionsAsync(item.ContentItemId));
        Assert.Single(versions, v => v.Latest);
        Assert.Single(versions, v => v.Published);
    }
}
