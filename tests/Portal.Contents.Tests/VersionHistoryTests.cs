using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Testing;

namespace Portal.Contents.Tests;

/// <summary>Version history in the admin: the list, a comparison of two versions and restoring one as the draft.</summary>
public class VersionHistoryTests(PortalServer server) : IClassFixture<PortalServer>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await using var scope = server.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<Portal.Core.Content.Definitions.ContentDefinitionStore>();
        if (await store.GetTypeAsync("Bulletin") is not null) return;
        await new DefinitionBuilder("Bulletin").Parts("TitlePart", "HtmlBodyPart")
            .Field("Subtitle", "TextField", displayName: "副标题")
            .SaveAsync(store);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Version 1 published; version 2, a draft saved through the editor, with a new title and second paragraph.</summary>
    private async Task<(HttpClient Client, string Id)> TwoVersionsAsync()
    {
        string id;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
            var item = (await content.NewAsync("Bulletin"))!;
            item.Part("TitlePart")["Title"] = "读书角开放";
            item.Part("HtmlBodyPart")["Html"] = "<p>第一段不变。</p><p>每周六下午开放。</p>";
            item.Field("Bulletin", "Subtitle")["Text"] = "梧桐社区";
            Assert.True((await content.CreateAsync(item, publish: true)).Succeeded);
            id = item.ContentItemId;
        }
        var client = await AdminUsers.ContentAdminAsync(server);
        var edit = await Browser.GetPageAsync(client, $"/admin/content/{id}/edit");
        var saved = await edit.Form($"/admin/content/{id}/edit").Set("TitlePart.Title", "读书角正式开放")
            .Set("HtmlBodyPart.Html", "<p>第一段不变。</p><p>每周六、日下午开放。</p>").SubmitAsync(client, "submit", "save");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        return (client, id);
    }

    private async Task<IReadOnlyList<ContentItem>> VersionsAsync(string id)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ContentManager>().GetVersionsAsync(id);
    }

    [Fact]
    public async Task The_history_lists_each_version_with_who_saved_it_and_whether_it_is_published_or_the_draft()
    {
        var (client, id) = await TwoVersionsAsync();

        var page = await Browser.GetPageAsync(client, $"/admin/content/{id}/versions");

        var rows = page.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(("2", "当前草稿"), (rows[0][0], rows[0][3]));
        Assert.StartsWith("contentadmin", rows[0][2]);
        Assert.Equal(("1", "已发布"), (rows[1][0], rows[1][3]));
        Assert.Equal("恢复第 1 版", rows[1][5]);
        Assert.Equal("", rows[0][5]); // the draft is what a restore would replace
        // The two newest are chosen for comparison by default.
        Assert.Equal(["from", "to"], page.QuerySelectorAll("input[type=radio][checked]").Select(r => r.GetAttribute("name")!).Order());
    }

    [Fact]
    public async Task Comparing_two_versions_shows_the_changed_title_and_body_lines_and_leaves_out_what_did_not_change()
    {
        var (client, id) = await TwoVersionsAsync();
        var versions = await VersionsAsync(id);

        // Chosen newest first: the comparison still reads from the older to the newer.
        var page = await Browser.GetPageAsync(client, $"/admin/content/{id}/versions/compare?from={versions[0].ContentItemVersionId}&to={versions[1].ContentItemVersionId}");

        var changes = page.QuerySelectorAll(".version-change").ToDictionary(s => s.QuerySelector("h2")!.TextContent.Trim(),
            s => s.QuerySelectorAll("li").Select(li => (li.ClassName!, li.TextContent.Replace("删除：", "").Replace("新增：", "").Trim())).ToList());
        Assert.Equal(["标题", "正文"], changes.Keys);
        Assert.Equal([("removed", "读书角开放"), ("added", "读书角正式开放")], changes["标题"]);
        Assert.Equal([("same", "第一段不变。"), ("removed", "每周六下午开放。"), ("added", "每周六、日下午开放。")], changes["正文"]);
        Assert.DoesNotContain("副标题", changes.Keys);
    }

    [Fact]
    public async Task Comparing_with_a_version_of_another_item_is_refused_with_a_message()
    {
        var (client, id) = await TwoVersionsAsync();
        var (_, other) = await TwoVersionsAsync();
        var mine = (await VersionsAsync(id))[0].ContentItemVersionId;
        var theirs = (await VersionsAsync(other))[0].ContentItemVersionId;

        var response = await client.GetAsync($"/admin/content/{id}/versions/compare?from={mine}&to={theirs}");
        var history = await Browser.FollowAsync(client, response);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("请选择本条内容的两个版本进行比较。", await history.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/admin/content/{id}/versions/{theirs}/restore")).StatusCode);
    }

    [Fact]
    public async Task Restoring_asks_first_then_makes_the_old_version_the_draft_and_leaves_the_published_version_on_the_site()
    {
        var (client, id) = await TwoVersionsAsync();
        var first = (await VersionsAsync(id))[1];
        await using (var scope = server.Services.CreateAsyncScope())
            Assert.True((await scope.ServiceProvider.GetRequiredService<ContentManager>().PublishAsync(id)).Succeeded);

        var confirm = await Browser.GetPageAsync(client, $"/admin/content/{id}/versions/{first.ContentItemVersionId}/restore");
        Assert.Contains("将成为新的草稿。在草稿发布之前，网站上仍显示已发布的版本", confirm.QuerySelector("form.card p")!.TextContent);
        Assert.Equal(2, (await VersionsAsync(id)).Count); // asking changed nothing

        var restored = await confirm.Form($"/admin/content/{id}/versions/{first.ContentItemVersionId}/restore").SubmitAsync(client);

        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        var versions = await VersionsAsync(id);
        Assert.Equal(3, versions.Count);
        Assert.Equal(("读书角开放", false, true), (versions[0].DisplayText, versions[0].Published, versions[0].Latest));
        Assert.Equal("<p>第一段不变。</p><p>每周六下午开放。</p>", JsonValues.Text(versions[0].Content["HtmlBodyPart"]!["Html"]));
        Assert.Equal(("读书角正式开放", true), (versions[1].DisplayText, versions[1].Published));
    }

    [Fact]
    public async Task A_restore_from_a_page_opened_before_another_save_is_refused_and_changes_nothing()
    {
        var (client, id) = await TwoVersionsAsync();
        var first = (await VersionsAsync(id))[1];
        var confirm = await Browser.GetPageAsync(client, $"/admin/content/{id}/versions/{first.ContentItemVersionId}/restore");
        var edit = await Browser.GetPageAsync(client, $"/admin/content/{id}/edit");
        await edit.Form($"/admin/content/{id}/edit").Set("TitlePart.Title", "读书角今天开放").SubmitAsync(client, "submit", "save");

        var refused = await confirm.Form($"/admin/content/{id}/versions/{first.ContentItemVersionId}/restore").SubmitAsync(client);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.NotEmpty((await Browser.ReadPageAsync(refused)).Summary());
        Assert.Equal("读书角今天开放", (await VersionsAsync(id))[0].DisplayText);
    }

    [Fact]
    public async Task Restoring_without_the_antiforgery_token_is_refused()
    {
        var (client, id) = await TwoVersionsAsync();
        var first = (await VersionsAsync(id))[1];

        var response = await client.PostAsync($"/admin/content/{id}/versions/{first.ContentItemVersionId}/restore", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("读书角正式开放", (await VersionsAsync(id))[0].DisplayText);
    }
}
