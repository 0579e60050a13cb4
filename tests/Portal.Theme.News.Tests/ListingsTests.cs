using System.Net;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Testing;
using Portal.Wishes.Models;
using Portal.Wishes.Services;

namespace Portal.Theme.News.Tests;

/// <summary>
/// The micro-wish demo site with two more wishes open on the wall: copies of two demo wishes (whose own stories are
/// already told) reviewed and published through the lifecycle.
/// </summary>
public sealed class NewsSiteServer : IAsyncLifetime
{
    public MicroWishPortalServer Server { get; } = new();

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)Server).InitializeAsync();
        foreach (var title in new[] { "楼道口装一盏灯", "开学想背新书包" })
            await PublishCopyAsync(title);
    }

    public async Task PublishCopyAsync(string title)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var demo = (await content.QueryAsync(new ContentQuery { Types = ["Wish"], DisplayTextContains = title, Take = 1 })).Items.Single();
        var copy = (await content.NewAsync("Wish"))!;
        copy.Part("TitlePart")["Title"] = demo.DisplayText;
        copy.Content["Wish"] = demo.Content["Wish"]!.DeepClone();
        var created = await content.CreateAsync(copy);
        Assert.True(created.Succeeded, created.ToString());
        await WishMoves.PublishAsync(scope.ServiceProvider, copy.ContentItemId);
    }

    public Task DisposeAsync() => ((IAsyncLifetime)Server).DisposeAsync();
}

public class ListingsTests(NewsSiteServer site) : IClassFixture<NewsSiteServer>
{
    private PortalServer Server => site.Server;

    [Fact]
    public async Task Stories_are_listed_by_tag_by_community_and_by_month()
    {
        using var client = Server.NewClient();
        var now = DateTime.UtcNow.AddHours(8); // the demo site's time zone is Asia/Shanghai

        var tagged = await client.GetStringAsync("/stories/tag/" + Uri.EscapeDataString("暖冬行动"));
        var month = await client.GetStringAsync($"/stories/{now.Year}/{now.Month}");
        var emptyMonth = await client.GetStringAsync("/stories/2001/1");

        Assert.Contains("/stories/wish-lamp", tagged);
        Assert.Contains("/stories/radio", tagged);
        Assert.DoesNotContain("/stories/school-bags", tagged);
        Assert.Contains("/stories/school-bags", month);
        Assert.DoesNotContain("/stories/wish-lamp", emptyMonth);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/stories/community/no-such-community")).StatusCode);
    }

    [Fact]
    public async Task The_wish_wall_shows_open_wishes_by_alias_and_community_with_a_claim_button_that_leads_to_login()
    {
        using var client = Server.NewClient();

        var wall = await client.GetStringAsync("/wishes");
        var studyOnly = await client.GetStringAsync("/wishes?category=study-supplies");

        Assert.Contains("楼道口装一盏灯", wall);
        Assert.Contains("<span class=\"alias\">马奶奶</span> · 梧桐社区", wall);
        Assert.Contains("href=\"/login?ReturnUrl=%2Fvolunteer%2Fwishes\"", wall); // the volunteers' own list, where claiming happens
        Assert.DoesNotContain("想要一台收音机", wall); // still a draft in the lifecycle: not open
        Assert.DoesNotContain("马奶奶独自居住", wall); // the description stays off the wall
        Assert.Contains("开学想背新书包", studyOnly);
        Assert.DoesNotContain("楼道口装一盏灯", studyOnly);
    }

    [Fact]
    public async Task The_home_page_has_counters_the_running_campaign_with_progress_and_a_wish_teaser()
    {
        using var client = Server.NewClient();

        var home = await client.GetStringAsync("/");

        Assert.Contains("class=\"counters\"", home);
        Assert.Contains("href=\"/campaigns/warm-winter\"", home);
        Assert.Contains("role=\"progressbar\"", home);
        // The teaser: the six open wishes whose time runs out first (the demo has more), then the way to the wall.
        var teaser = home[home.IndexOf("class=\"wish-teaser\"", StringComparison.Ordinal)..];
        Assert.Equal(6, System.Text.RegularExpressions.Regex.Matches(teaser, "class=\"wish-card\"").Count);
        Assert.Contains("href=\"/wishes\"", teaser);
    }

    [Fact]
    public async Task A_campaign_page_shows_its_goal_progress_open_wishes_and_stories()
    {
        using var client = Server.NewClient();

        var page = await client.GetStringAsync("/campaigns/warm-winter");

        Assert.Contains("aria-valuemax=\"120\"", page);
        Assert.Contains("楼道口装一盏灯", page);
        Assert.Contains("/stories/heater", page);
        Assert.DoesNotContain("/stories/school-bags", page);
    }

    [Fact]
    public async Task The_feed_and_the_sitemap_are_well_formed_XML_listing_the_stories_and_robots_points_to_the_sitemap()
    {
        using var client = Server.NewClient();

        var feed = XDocument.Parse(await client.GetStringAsync("/feed.atom"));
        var sitemap = XDocument.Parse(await client.GetStringAsync("/sitemap.xml"));
        var robots = await client.GetStringAsync("/robots.txt");

        XNamespace atom = "http://www.w3.org/2005/Atom";
        var titles = feed.Root!.Elements(atom + "entry").Select(e => e.Element(atom + "title")!.Value).ToList();
        Assert.Contains("楼道口亮起了“心愿灯”", titles);
        Assert.Contains(feed.Root.Elements(atom + "entry"), e => e.Element(atom + "content")!.Value.Contains("<p>"));
        XNamespace sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var locations = sitemap.Root!.Elements(sm + "url").Select(u => u.Element(sm + "loc")!.Value).ToList();
        Assert.Contains(locations, l => l.EndsWith("/stories/wish-lamp"));
        Assert.Contains(locations, l => l.EndsWith("/campaigns/warm-winter"));
        Assert.Contains("Disallow: /admin", robots);
        Assert.Contains("Sitemap: http://127.0.0.1:", robots);
    }

    [Fact]
    public async Task A_cached_story_page_is_served_from_the_cache_until_the_story_changes()
    {
        using var client = Server.NewClient();
        var first = await client.GetAsync("/stories/radio");
        var second = await client.GetAsync("/stories/radio");
        Assert.False(first.Headers.Contains("Age"));
        Assert.True(second.Headers.Contains("Age"), "the second request is answered from the output cache");

        await using (var scope = Server.Services.CreateAsyncScope())
        {
            var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
            var id = (await content.QueryAsync(new ContentQuery { Types = ["Story"], DisplayTextContains = "收音机又响了" })).Items.Single().ContentItemId;
            var story = (await content.GetAsync(id, VersionOptions.Latest))!;
            story.Part("TitlePart")["Title"] = "王爷爷的收音机又响了（更新）";
            Assert.True((await content.UpdateAsync(story)).Succeeded);
            Assert.True((await content.PublishAsync(id)).Succeeded);
        }

        var after = await client.GetStringAsync("/stories/radio");
        Assert.Contains("王爷爷的收音机又响了（更新）", after);
    }
}
