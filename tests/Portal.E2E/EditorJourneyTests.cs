using Microsoft.Playwright;
using Portal.Core.Data;
using Portal.Testing;

namespace Portal.E2E;

/// <summary>The demo site with a scheduler that looks every second.</summary>
public sealed class NewsroomServer() : SetUpPortalServer(DatabaseProvider.Sqlite, "micro-wish",
    new Dictionary<string, string?> { ["Portal:Desk:PollSeconds"] = "1" });

public class EditorJourneyTests(Browser browser, NewsroomServer server) : IClassFixture<Browser>, IClassFixture<NewsroomServer>
{
    [Fact]
    public async Task An_editor_uploads_a_photo_writes_a_story_previews_it_schedules_it_and_it_appears_on_the_home_page()
    {
        var page = await browser.NewPageAsync(server.BaseAddress);
        await page.GotoAsync("/login");
        await page.FillAsync("[name='UserName']", SetUpPortalServer.AdminUserName);
        await page.FillAsync("[name='Password']", PortalServer.Password);
        await page.ClickAsync("button[type='submit']");

        await page.GotoAsync("/admin/media");
        await page.SetInputFilesAsync("#upload-files", new FilePayload { Name = "新灯.png", MimeType = "image/png", Buffer = TestImages.Png(24, 16, noise: true) });
        await page.FillAsync("#upload-alt", "楼道口的新灯");
        await page.ClickAsync("form[action='/admin/media/upload'] button[type='submit']");
        await Assertions.Expect(page.Locator("code", new() { HasText = "新灯.png" })).ToBeVisibleAsync();

        const string headline = "社区的新灯亮了";
        await page.GotoAsync("/admin/content/new/Story");
        await page.FillAsync("[name='TitlePart.Title']", headline);
        await page.Locator(".rich-text-area .ProseMirror").ClickAsync();
        await page.Keyboard.TypeAsync("傍晚，楼道口的灯亮了。");
        await page.Locator("[name='Story.Hero.Paths']").First.FillAsync("新灯.png");
        await page.Locator("[name='Story.Hero.MediaTexts']").First.FillAsync("楼道口的新灯");
        await page.ClickAsync("button[name='submit'][value='save']");
        await Assertions.Expect(page.Locator(".notice")).ToBeVisibleAsync();

        await page.GotoAsync("/admin/desk");
        var row = page.Locator("tr", new() { HasText = headline });
        await row.Locator("a", new() { HasText = "预览" }).ClickAsync();
        await Assertions.Expect(page.Locator(".preview-banner")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("figure.hero img[alt='楼道口的新灯']")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => (img => img.complete && img.naturalWidth > 0)(document.querySelector('figure.hero img'))"));

        var anonymous = await browser.NewPageAsync(server.BaseAddress);
        await anonymous.GotoAsync("/");
        Assert.DoesNotContain(headline, await anonymous.ContentAsync());

        await page.GotoAsync("/admin/desk");
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var at = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow.AddSeconds(15), shanghai).ToString("yyyy-MM-ddTHH:mm:ss");
        row = page.Locator("tr", new() { HasText = headline });
        await row.Locator("input[type='datetime-local']").FillAsync(at);
        await row.Locator("button", new() { HasText = "定时发布" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("将于");

        var appeared = false;
        for (var i = 0; i < 60 && !appeared; i++)
        {
            await anonymous.WaitForTimeoutAsync(1000);
            await anonymous.GotoAsync("/");
            appeared = (await anonymous.ContentAsync()).Contains(headline);
        }
        Assert.True(appeared, "the scheduled story reached the home page");
        await Browser.ScreenshotAsync(anonymous, "home-after-scheduled-story");
    }
}
