using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Testing;

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
