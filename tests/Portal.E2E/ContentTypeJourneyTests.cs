using Microsoft.Playwright;
using Portal.Testing;

namespace Portal.E2E;

/// <summary>The low-code heart, as an administrator meets it: a new content type made in the browser, used at once.</summary>
public class ContentTypeJourneyTests(Browser browser, SetUpPortalServer server) : IClassFixture<Browser>, IClassFixture<SetUpPortalServer>
{
    [Fact]
    public async Task An_administrator_creates_a_type_with_two_fields_then_creates_publishes_and_finds_an_item()
    {
        var page = await browser.NewPageAsync(server.BaseAddress, locale: "en");
        await page.GotoAsync("/culture/en?returnUrl=/admin");
        await page.WaitForURLAsync("**/login**");

        await page.GetByLabel("User name").FillAsync(SetUpPortalServer.AdminUserName);
        await page.GetByLabel("Password").FillAsync(PortalServer.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.WaitForURLAsync("**/admin**");

        await page.GotoAsync("/admin/content-types/create");
        await page.GetByLabel("Display name").FillAsync("Event notice");
        await page.GetByLabel("Technical name").FillAsync("EventNotice");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Title" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/content-types/EventNotice/edit");

        await AddFieldAsync(page, "Venue", "Venue", "Text");
        await AddFieldAsync(page, "Seats", "Seats", "Number");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Venue");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Seats");
        await Browser.ScreenshotAsync(page, "type-editor");

        await page.GotoAsync("/admin/content/new/EventNotice");
        await page.GetByLabel("Title").FillAsync("社区读书会开始报名");
        await page.GetByLabel("Venue").FillAsync("街道文化站二楼");
        await page.GetByLabel("Seats").FillAsync("30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Published");

        await page.GotoAsync("/admin/content?type=EventNotice");
        var row = page.Locator("tr", new() { HasText = "社区读书会开始报名" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("Published");
        await Browser.ScreenshotAsync(page, "content-list");
    }

    private static async Task AddFieldAsync(IPage page, string displayName, string name, string kind)
    {
        await page.GetByLabel("Field display name").FillAsync(displayName);
        await page.GetByLabel("Field technical name").FillAsync(name);
        await page.GetByLabel("Kind of field").SelectOptionAsync(new SelectOptionValue { Label = kind });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add field" }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }
}
