using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Testing;
using Portal.Users.Models;

namespace Portal.Contents.Tests;

public class AdminShellTests(PortalServer server) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task Anonymous_visitors_of_the_admin_are_sent_to_login()
    {
        var response = await server.NewClient().GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", Browser.PathOf(response.Headers.Location!));
    }

    [Fact]
    public async Task The_menu_shows_only_what_the_user_may_open()
    {
        var admin = await Browser.GetPageAsync(await AdminUsers.ContentAdminAsync(server), "/admin");
        var writer = await Browser.GetPageAsync(await AdminUsers.WriterAsync(server), "/admin");
        var adminOnly = await Browser.GetPageAsync(await AdminUsers.AdminOnlyAsync(server), "/admin");

        static string[] Menu(AngleSharp.Html.Dom.IHtmlDocument page) =>
            page.QuerySelectorAll("nav.admin-menu a").Select(a => a.GetAttribute("href")!).ToArray();
        Assert.Contains("/admin/content-types", Menu(admin));
        Assert.Contains("/admin/content", Menu(admin));
        Assert.DoesNotContain("/admin/content-types", Menu(writer));
        Assert.Contains("/admin/content", Menu(writer));
        Assert.Equal(["/admin"], Menu(adminOnly).Where(h => h.StartsWith("/admin")).ToArray()[..1]);
        Assert.DoesNotContain("/admin/content", Menu(adminOnly));
        Assert.Equal("page", admin.QuerySelector("nav.admin-menu a[href='/admin']")!.GetAttribute("aria-current"));
    }

    [Fact]
    public async Task Pages_are_in_Chinese_by_default_written_as_text_and_in_English_after_the_switch()
    {
        var client = await AdminUsers.ContentAdminAsync(server);

        var response = await client.GetAsync("/admin/content-types");
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("&#x", html);
        var page = Browser.Parse(html);
        Assert.Equal("zh-CN", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("内容类型", page.QuerySelector("h1")!.TextContent);
        Assert.NotNull(page.QuerySelector("form[action='/logout'] input[name=__RequestVerificationToken]"));

        var switched = await client.GetAsync("/culture/en?returnUrl=%2Fadmin%2Fcontent-types");
        Assert.Equal("/admin/content-types", switched.Headers.Location!.OriginalString);
        var english = await Browser.GetPageAsync(client, "/admin/content-types");
        Assert.Equal("en", english.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Content types", english.QuerySelector("h1")!.TextContent);

        await client.GetAsync("/culture/zh-TW?returnUrl=%2Fadmin");
        var traditional = await Browser.GetPageAsync(client, "/admin/content-types");
        Assert.Equal("zh-TW", traditional.DocumentElement.GetAttribute("lang"));
        Assert.Equal("内容类型", traditional.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task The_dashboard_counts_items_by_type_and_status_and_lists_recent_ones()
    {
        var client = await AdminUsers.ContentAdminAsync(server);
        var create = await Browser.GetPageAsync(client, "/admin/content-types/create");
        await create.Form("/admin/content-types/create").Set("DisplayName", "故事").Set("Name", "DashStory").SubmitAsync(client);
        foreach (var (title, button) in new[] { ("灯亮了", "publish"), ("书包到了", "save") })
        {
            var page = await Browser.GetPageAsync(client, "/admin/content/new/DashStory");
            await page.Form("/admin/content/new/DashStory").Set("TitlePart.Title", title).SubmitAsync(client, "submit", button);
        }

        var dashboard = await Browser.GetPageAsync(client, "/admin");

        var row = dashboard.QuerySelectorAll("tr").First(r => r.QuerySelector("a[href='/admin/content?type=DashStory']") is not null);
        Assert.Equal(["1", "1"], row.QuerySelectorAll("td.number").Select(td => td.TextContent));
        Assert.Contains("书包到了", dashboard.GetElementById("recent-title")!.ParentElement!.TextContent);
    }

    [Fact]
    public async Task The_dashboard_and_content_list_show_modified_times_in_the_sites_time_zone_not_utc()
    {
        var client = await AdminUsers.ContentAdminAsync(server);
        var create = await Browser.GetPageAsync(client, "/admin/content-types/create");
        await create.Form("/admin/content-types/create").Set("DisplayName", "通知").Set("Name", "ZoneNotice").SubmitAsync(client);
        var form = await Browser.GetPageAsync(client, "/admin/content/new/ZoneNotice");
        await form.Form("/admin/content/new/ZoneNotice").Set("TitlePart.Title", "停水通知").SubmitAsync(client, "submit", "save");
        await using var scope = server.Services.CreateAsyncScope();
        var modifiedUtc = scope.ServiceProvider.GetRequiredService<ContentManager>().Records
            .Where(r => r.ContentType == "ZoneNotice" && r.Latest).Select(r => r.ModifiedUtc).Single();
        // No zone set: the default, Asia/Shanghai, eight hours ahead of UTC.
        var shanghai = TimeZoneInfo.ConvertTimeFromUtc(modifiedUtc, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).ToString("yyyy-MM-dd HH:mm");

        foreach (var path in new[] { "/admin", "/admin/content?type=ZoneNotice" })
        {
            var page = await Browser.GetPageAsync(client, path);
            var row = page.QuerySelectorAll("tr").First(r => r.TextContent.Contains("停水通知"));
            Assert.Contains(shanghai, row.TextContent);
            var header = row.Closest("table")!.QuerySelector("thead")!.TextContent;
            Assert.Contains("修改时间", header);
            Assert.DoesNotContain("UTC", header);
        }
    }

    [Fact]
    public async Task The_users_list_and_the_version_history_show_times_in_the_sites_time_zone_not_utc()
    {
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        string Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, shanghai).ToString("yyyy-MM-dd HH:mm");
        var editor = await AdminUsers.ContentAdminAsync(server);
        var create = await Browser.GetPageAsync(editor, "/admin/content-types/create");
        await create.Form("/admin/content-types/create").Set("DisplayName", "公告").Set("Name", "ZoneBulletin").SubmitAsync(editor);
        var form = await Browser.GetPageAsync(editor, "/admin/content/new/ZoneBulletin");
        await form.Form("/admin/content/new/ZoneBulletin").Set("TitlePart.Title", "停电通知").SubmitAsync(editor, "submit", "save");
        var userName = $"zone{Guid.NewGuid():N}"[..16];
        var lockoutEnd = new DateTimeOffset(2031, 1, 2, 20, 30, 0, TimeSpan.Zero); // 04:30 the next day in Shanghai
        await server.CreateUserAsync(userName, PortalServer.Password);
        await using var scope = server.Services.CreateAsyncScope();
        var saved = scope.ServiceProvider.GetRequiredService<ContentManager>().Records.Single(r => r.ContentType == "ZoneBulletin" && r.Latest);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByNameAsync(userName))!;
        Assert.True((await users.SetLockoutEndDateAsync(user, lockoutEnd)).Succeeded);

        var versions = await Browser.GetPageAsync(editor, $"/admin/content/{saved.ContentItemId}/versions");
        Assert.Contains(Local(saved.ModifiedUtc), versions.QuerySelector("tbody tr")!.TextContent);
        Assert.Contains("保存时间", versions.QuerySelector("thead")!.TextContent);
        Assert.DoesNotContain("UTC", versions.QuerySelector("table")!.TextContent);

        await server.CreateRoleAsync("UserAdmin", "AccessAdmin", "ManageUsers");
        var userAdmin = await server.NewSignedInClientAsync($"uadmin{Guid.NewGuid():N}"[..16], "UserAdmin");
        var list = await Browser.GetPageAsync(userAdmin, $"/admin/users?q={userName}");
        var row = list.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(userName));
        Assert.Contains(Local(user.CreatedUtc), row.TextContent);
        Assert.Contains("暂时锁定至 2031-01-03 04:30", row.TextContent);
        Assert.Contains("创建时间", list.QuerySelector("thead")!.TextContent);
        Assert.DoesNotContain("UTC", list.QuerySelector("table")!.TextContent);
    }

    [Fact]
    public async Task Unknown_pages_get_a_friendly_404_without_details_and_the_admin_css_is_served()
    {
        var client = server.NewClient();

        var response = await client.GetAsync("/no/such/page");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("页面不存在", html);
        Assert.DoesNotContain("&#x", html);
        Assert.DoesNotContain("Exception", html);
        var css = await client.GetAsync(Browser.Parse(html).QuerySelector("link[rel=stylesheet]")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);
    }
}
