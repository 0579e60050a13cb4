using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;
using Portal.Testing;

namespace Portal.Theme.News.Tests;

/// <summary>The public site on the micro-wish recipe's demo content, over real HTTP.</summary>
public class PublicPagesTests(MicroWishPortalServer server) : IClassFixture<MicroWishPortalServer>
{
    [Fact]
    public async Task The_home_page_is_the_public_site_in_simplified_Chinese_with_the_latest_stories()
    {
        using var client = server.NewClient();

        var response = await client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"zh-CN\">", html);
        Assert.Contains("href=\"/stories/wish-lamp\"", html);
        Assert.Contains("楼道口亮起了“心愿灯”", html);
        Assert.Contains("心愿墙", html);
        Assert.Contains("<link rel=\"canonical\" href=\"" + server.BaseAddress.ToString().TrimEnd('/') + "/\">", html);
    }

    [Fact]
    public async Task A_story_is_served_at_its_permalink_with_byline_related_wishes_by_alias_and_share_metadata()
    {
        using var client = server.NewClient();

        var html = await client.GetStringAsync("/stories/wish-lamp");

        Assert.Contains("<h1>楼道口亮起了“心愿灯”</h1>", html);
        Assert.Contains("在职党员接单，三天圆了独居老人的心愿", html);
        Assert.Contains("记者 小林", html);
        Assert.Contains("<strong>马奶奶</strong> · 梧桐社区", html);
        Assert.Contains("<meta property=\"og:type\" content=\"article\">", html);
        Assert.Contains("<meta property=\"og:title\" content=\"楼道口亮起了“心愿灯”\">", html);
        Assert.Contains("href=\"/campaigns/warm-winter\"", html);
        // The wish's description tells the resident's situation: the story page names the wish, not the case.
        Assert.DoesNotContain("马奶奶独自居住，楼道口没有照明", html);
    }

    [Fact]
    public async Task An_unknown_path_is_a_404_in_the_public_look_and_an_unknown_admin_path_keeps_the_admin_page()
    {
        using var client = server.NewClient();

        var missing = await client.GetAsync("/stories/no-such-story");
        var missingHtml = await missing.Content.ReadAsStringAsync();
        var admin = await client.GetAsync("/admin/no-such-page");
        var adminHtml = await admin.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("class=\"masthead\"", missingHtml);
        Assert.Contains("页面不存在", missingHtml);
        Assert.Equal(HttpStatusCode.NotFound, admin.StatusCode);
        Assert.DoesNotContain("class=\"masthead\"", adminHtml);
    }

    [Fact]
    public async Task English_readers_get_the_layout_in_English_with_the_lang_attribute_set()
    {
        using var client = server.NewClient();
        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");

        var html = await client.GetStringAsync("/");

        Assert.Contains("<html lang=\"en\">", html);
        Assert.Contains(">Wish wall</a>", html);
        Assert.Contains(">Larger text</button>", html);
    }

    [Fact]
    public async Task A_type_created_in_the_admin_gets_the_default_display_without_its_people_or_sensitive_fields()
    {
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var definitions = scope.ServiceProvider.GetRequiredService<ContentDefinitionStore>();
            await new DefinitionBuilder("Notice").Parts("TitlePart", "AutoroutePart", "HtmlBodyPart")
                .Field("Venue", "TextField", displayName: "地点")
                .Field("Contact", "TextField", new JsonObject { ["Sensitive"] = true }, displayName: "联系人")
                .Field("Attendees", "NumericField", displayName: "人数")
                .SaveAsync(definitions);
            var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
            var item = (await content.NewAsync("Notice"))!;
            item.Part("TitlePart")["Title"] = "社区停水通知";
            item.Part("AutoroutePart")["Path"] = "notices/water";
            item.Part("HtmlBodyPart")["Html"] = "<p>周六上午停水。</p><script>alert(1)</script>";
            item.Field("Notice", "Venue")["Text"] = "梧桐社区";
            item.Field("Notice", "Contact")["Text"] = "王某 13800000000";
            item.Field("Notice", "Attendees")["Value"] = 1200;
            Assert.True((await content.CreateAsync(item, publish: true)).Succeeded);
        }
        using var client = server.NewClient();

        var html = await client.GetStringAsync("/notices/water");

        Assert.Contains("<h1>社区停水通知</h1>", html);
        Assert.Contains("<p>周六上午停水。</p>", html);
        Assert.Contains("<dt>地点</dt>", html);
        Assert.Contains("1,200", html);
        Assert.DoesNotContain("13800000000", html);
        Assert.DoesNotContain("<script>alert", html);
    }

    [Fact]
    public async Task A_story_offers_its_hero_and_gallery_at_the_smaller_widths_the_media_endpoint_makes()
    {
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
            var story = (await content.NewAsync("Story"))!;
            story.Part("TitlePart")["Title"] = "新书包送到了";
            story.Part("AutoroutePart")["Path"] = "stories/srcset-bags";
            story.Field("Story", "Hero")["Paths"] = new JsonArray("stories/书包.jpg", "stories/class.jpg");
            story.Field("Story", "Hero")["MediaTexts"] = new JsonArray("崭新的书包", "教室");
            Assert.True((await content.CreateAsync(story, publish: true)).Succeeded);
        }
        using var client = server.NewClient();

        var html = await client.GetStringAsync("/stories/srcset-bags");

        var hero = "/media/stories/%E4%B9%A6%E5%8C%85.jpg";
        Assert.Contains($"<img src=\"{hero}\" srcset=\"{hero}?w=480 480w, {hero}?w=960 960w, {hero}?w=1600 1600w\" sizes=\"(min-width: 40em) 38em, 100vw\" alt=\"崭新的书包\">", html);
        Assert.Contains("srcset=\"/media/stories/class.jpg?w=480 480w, /media/stories/class.jpg?w=960 960w, /media/stories/class.jpg?w=1600 1600w\" sizes=\"(min-width: 720px) 19em, 100vw\" alt=\"教室\"", html);
    }

    [Fact]
    public async Task Theme_assets_are_fingerprinted_and_cached_for_a_year_only_under_their_current_hash()
    {
        using var client = server.NewClient();
        var home = await client.GetStringAsync("/");
        var cssUrl = System.Text.RegularExpressions.Regex.Match(home, "href=\"(/assets/news/news.css\\?v=[0-9a-f]+)\"").Groups[1].Value;

        var current = await client.GetAsync(cssUrl);
        var stale = await client.GetAsync("/assets/news/news.css?v=0000");

        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal("text/css; charset=utf-8", current.Content.Headers.ContentType!.ToString());
        Assert.Contains("immutable", current.Headers.CacheControl!.ToString());
        Assert.Equal(TimeSpan.FromDays(365), current.Headers.CacheControl.MaxAge);
        Assert.DoesNotContain("immutable", stale.Headers.CacheControl!.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/assets/news/missing.css")).StatusCode);
    }
}
