using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Core.Content;
using Portal.Testing;

namespace Portal.E2E;

/// <summary>The public site in Chromium: Chinese glyphs, accessibility (axe-core), and a body full of XSS that never runs.</summary>
public class PublicSiteTests(Browser browser, MicroWishPortalServer server) : IClassFixture<Browser>, IClassFixture<MicroWishPortalServer>
{
    [Fact]
    public async Task Chinese_text_is_drawn_with_real_glyphs_not_tofu_boxes()
    {
        var page = await browser.NewPageAsync(server.BaseAddress);
        await page.GotoAsync("/stories/wish-lamp");
        await Browser.ScreenshotAsync(page, "public-story-zh-CN");

        // Tofu boxes for missing glyphs all look alike; real glyphs for different characters do not.
        var distinct = await page.EvaluateAsync<int>(@"() => {
            const font = getComputedStyle(document.querySelector('h1')).font;
            const shapes = ['心', '愿', '灯', '楼'].map(ch => {
                const canvas = document.createElement('canvas');
                canvas.width = 64; canvas.height = 64;
                const g = canvas.getContext('2d');
                g.font = font.replace(/\d+(\.\d+)?px/, '48px');
                g.fillText(ch, 4, 52);
                return Array.from(g.getImageData(0, 0, 64, 64).data).join(',');
            });
            return new Set(shapes).size;
        }");

        Assert.Equal(4, distinct);
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/stories/wish-lamp")]
    [InlineData("/stories")]
    [InlineData("/wishes")]
    [InlineData("/wishes/submit")]
    [InlineData("/campaigns/warm-winter")]
    [InlineData("/about")]
    [InlineData("/no-such-page")]
    public async Task Axe_finds_no_serious_or_critical_accessibility_violation(string path)
    {
        var page = await browser.NewPageAsync(server.BaseAddress, bypassCsp: true);
        await page.GotoAsync(path);
        Assert.Empty(await PageChecks.AxeAsync(page));
    }

    [Fact]
    public async Task A_body_full_of_XSS_tricks_shows_as_text_or_nothing_and_never_runs_in_the_public_page()
    {
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
            var story = (await content.NewAsync("Story"))!;
            story.Part("TitlePart")["Title"] = "安全测试报道";
            story.Part("AutoroutePart")["Path"] = "stories/xss-corpus";
            story.Part("HtmlBodyPart")["Html"] = PageChecks.XssCorpus;
            Assert.True((await content.CreateAsync(story, publish: true)).Succeeded);
        }
        var page = await browser.NewPageAsync(server.BaseAddress);
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };

        await page.GotoAsync("/stories/xss-corpus");
        await page.WaitForTimeoutAsync(500);

        await PageChecks.AssertNoXssRanAsync(page, dialogs);
    }
}
