using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;
using Portal.Search.Services;
using Portal.Testing;

namespace Portal.Search.Tests.Pages;

/// <summary>The public search page and the admin's search settings, over HTTP on a site set up with the micro-wish recipe.</summary>
public sealed class SearchPageTests(MicroWishPortalServer server) : IClassFixture<MicroWishPortalServer>
{
    [Fact]
    public async Task Anyone_can_search_the_demo_stories_and_sees_marked_snippets()
    {
        using var client = server.NewClient();
        var html = await client.GetStringAsync("/search?q=" + Uri.EscapeDataString("书包"));

        Assert.Contains("<a href=\"/stories/school-bags\">五个新<mark>书包</mark>", html);
        Assert.Contains("找到", html);
        Assert.Contains("<title>搜索：书包", html); // the page title names the query, not a "{0}"
    }

    [Fact]
    public async Task Nothing_found_offers_types_and_recent_stories()
    {
        using var client = server.NewClient();
        var html = await client.GetStringAsync("/search?q=" + Uri.EscapeDataString("没有这种东西xyzzy"));

        Assert.Contains("没有找到与“没有这种东西xyzzy”相关的内容", html);
        Assert.Contains("href=\"/search?type=Story\"", html);
        Assert.Contains("最新报道", html);
        Assert.Contains("href=\"/stories/school-bags\"", html);
    }

    [Fact]
    public async Task Bad_dates_are_refused_with_a_message()
    {
        using var client = server.NewClient();
        var response = await client.GetAsync("/search?q=abc&from=2026-13-40");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("请按 年-月-日 填写日期。", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_search_with_no_words_shows_the_form_and_recent_stories()
    {
        using var client = server.NewClient();
        var html = await client.GetStringAsync("/search");

        Assert.Contains("name=\"q\"", html);
        Assert.Contains("最新报道", html);
    }

    [Fact]
    public async Task The_admin_content_list_search_finds_body_text()
    {
        using var admin = await server.AdminClientAsync();
        var html = await admin.GetStringAsync("/admin/content?q=" + Uri.EscapeDataString("感应灯"));

        Assert.Contains("楼道口亮起了“心愿灯”", html);
        Assert.DoesNotContain("五个新书包", html);
    }

    [Fact]
    public async Task An_administrator_marks_a_field_indexed_in_the_type_editor()
    {
        using var admin = await server.AdminClientAsync();
        var page = "/admin/content-types/Story/fields/Dateline/edit";
        Assert.Contains("参与站内搜索", await admin.GetStringAsync(page));

        var response = await PortalServer.PostFormAsync(admin, page, new()
        {
            ["DisplayName"] = "电头",
            ["Settings.ContentIndexSettings.Included"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var field = await FieldAsync("Story", "Dateline");
        Assert.True(SearchIndexSettings.IsIncluded(field.Settings));

        await PortalServer.PostFormAsync(admin, page, new() { ["DisplayName"] = "电头" });
        Assert.False(SearchIndexSettings.IsIncluded((await FieldAsync("Story", "Dateline")).Settings));
    }

    private async Task<ContentPartFieldDefinition> FieldAsync(string part, string field)
    {
        using var scope = server.Services.CreateScope();
        var document = await scope.ServiceProvider.GetRequiredService<ContentDefinitionStore>().GetAsync();
        return document.ContentParts.First(p => p.Name == part).Fields.First(f => f.Name == field);
    }
}

public sealed class SearchAdminPageTests(MicroWishPortalServer server) : IClassFixture<MicroWishPortalServer>
{
    [Fact]
    public async Task An_administrator_rebuilds_the_index_from_the_admin_and_search_keeps_working()
    {
        using var admin = await server.AdminClientAsync();
        var before = await admin.GetStringAsync("/admin/search");
        Assert.Contains("重建索引", before);

        var response = await PortalServer.PostFormAsync(admin, "/admin/search/rebuild", [], formPage: "/admin/search");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        using var visitor = server.NewClient();
        Assert.Contains("<mark>书包</mark>", await visitor.GetStringAsync("/search?q=" + Uri.EscapeDataString("书包")));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        string page;
        while (!(page = await admin.GetStringAsync("/admin/search")).Contains("上次重建") && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.Contains("上次重建", page);
        Assert.Contains("<mark>书包</mark>", await visitor.GetStringAsync("/search?q=" + Uri.EscapeDataString("书包")));
    }

    [Fact]
    public async Task Only_users_who_may_manage_search_open_the_admin_page_or_rebuild()
    {
        using var editor = await server.NewSignedInClientAsync("ed" + Guid.NewGuid().ToString("N")[..6], "Editor");
        var page = await editor.GetAsync("/admin/search");
        Assert.True(page.StatusCode is System.Net.HttpStatusCode.Forbidden || page.Headers.Location?.ToString().Contains("access-denied") == true,
            $"{page.StatusCode} {page.Headers.Location}");

        var post = await PortalServer.PostFormAsync(editor, "/admin/search/rebuild", [], formPage: "/admin");
        Assert.NotEqual("/admin/search", post.Headers.Location?.ToString());
        using var scope = server.Services.CreateScope();
        var state = await scope.ServiceProvider.GetRequiredService<SearchStore>().StateAsync();
        Assert.Null(state.BuildingGeneration);
        Assert.Null(state.LastRebuildUtc);
    }
}
