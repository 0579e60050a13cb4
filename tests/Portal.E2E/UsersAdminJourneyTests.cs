using Microsoft.Playwright;
using Portal.Testing;

namespace Portal.E2E;

/// <summary>Issue 2 as an administrator meets it: a role made from checkboxes, a user in it, and that user's narrower admin.</summary>
public class UsersAdminJourneyTests(Browser browser, MicroWishPortalServer server) : IClassFixture<Browser>, IClassFixture<MicroWishPortalServer>
{
    [Fact]
    public async Task An_administrator_creates_a_role_with_two_permissions_and_a_user_in_it_who_sees_only_what_it_allows()
    {
        var admin = await browser.NewPageAsync(server.BaseAddress, locale: "en");
        await SignInAsync(admin, "en", SetUpPortalServer.AdminUserName);

        await admin.GotoAsync("/admin/roles/create");
        await admin.GetByLabel("Name", new() { Exact = true }).FillAsync("MediaKeeper");
        await admin.GetByLabel("Description").FillAsync("Looks after the photo library");
        await admin.GetByRole(AriaRole.Checkbox, new() { Name = "AccessAdmin" }).CheckAsync();
        await admin.GetByRole(AriaRole.Checkbox, new() { Name = "ManageMedia" }).CheckAsync();
        await Browser.ScreenshotAsync(admin, "roles-create-en");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        await admin.WaitForURLAsync("**/admin/roles");
        await Assertions.Expect(admin.Locator("tr", new() { HasText = "MediaKeeper" })).ToHaveCountAsync(1);
        await Browser.ScreenshotAsync(admin, "roles-list-en");

        await admin.GotoAsync("/admin/users/create");
        await admin.GetByLabel("User name").FillAsync("zhao.media");
        await admin.GetByLabel("Email address").FillAsync("zhao.media@example.org");
        await admin.GetByLabel("Password").FillAsync("short");
        await admin.GetByRole(AriaRole.Checkbox, new() { Name = "MediaKeeper" }).CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        // The password policy's refusal stands next to the field, which is marked invalid for screen readers.
        await Assertions.Expect(admin.Locator("#Password")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(admin.Locator(".field-error").First).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(admin, "users-create-refused-en");
        await admin.GetByLabel("Password").FillAsync(PortalServer.Password);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        await admin.WaitForURLAsync("**/admin/users");
        await Assertions.Expect(admin.Locator("tr", new() { HasText = "zhao.media" })).ToContainTextAsync("MediaKeeper");
        await Browser.ScreenshotAsync(admin, "users-list-en");

        var keeper = await browser.NewPageAsync(server.BaseAddress, locale: "en");
        await SignInAsync(keeper, "en", "zhao.media");
        var menu = keeper.Locator("nav.admin-menu");
        await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Media library" })).ToBeVisibleAsync();
        await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToHaveCountAsync(0);
        await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Content items" })).ToHaveCountAsync(0);
        var media = await keeper.GotoAsync("/admin/media");
        Assert.Equal(200, media!.Status);
        await keeper.GotoAsync("/admin/users");
        await keeper.WaitForURLAsync("**/access-denied**");
        await keeper.GotoAsync("/admin/content");
        await keeper.WaitForURLAsync("**/access-denied**");
    }

    [Fact]
    public async Task The_users_and_roles_screens_read_in_Chinese()
    {
        var page = await browser.NewPageAsync(server.BaseAddress, locale: "zh-CN");
        await SignInAsync(page, "zh-CN", SetUpPortalServer.AdminUserName);

        await page.GotoAsync("/admin/users");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("用户");
        await Browser.ScreenshotAsync(page, "users-list-zh");
        await page.GotoAsync("/admin/roles");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("角色");
        await Assertions.Expect(page.Locator("tr", new() { HasText = "Volunteer" })).ToHaveCountAsync(1);
        await Browser.ScreenshotAsync(page, "roles-list-zh");
        await page.Locator("tr", new() { HasText = "Volunteer" }).GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page.Locator("legend").First).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "roles-edit-zh");
    }

    private static async Task SignInAsync(IPage page, string culture, string userName)
    {
        await page.GotoAsync($"/culture/{culture}?returnUrl=/admin");
        await page.WaitForURLAsync("**/login**");
        await page.Locator("#UserName").FillAsync(userName);
        await page.Locator("#Password").FillAsync(PortalServer.Password);
        await page.Locator("form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/admin**");
    }
}
