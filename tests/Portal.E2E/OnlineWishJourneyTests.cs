using Microsoft.Playwright;
using Portal.Testing;

namespace Portal.E2E;

/// <summary>
/// A resident's own wish, on a phone, in Chinese: from the wish wall to the form, a refusal that keeps what was typed,
/// the reference-only confirmation, the staff's review, and the wish on the wall under a masked name.
/// </summary>
public class OnlineWishJourneyTests(Browser browser, MicroWishPortalServer server) : IClassFixture<Browser>, IClassFixture<MicroWishPortalServer>
{
    private const string Item = "一台带定时的电风扇";
    private const string Name = "邱桂兰";
    private const string Phone = "13912345678";

    [Fact]
    public async Task A_resident_sends_a_wish_from_a_phone_staff_approve_it_and_the_wall_shows_it_without_name_or_phone()
    {
        var resident = await browser.NewPageAsync(server.BaseAddress);
        await resident.SetViewportSizeAsync(390, 844);
        await resident.GotoAsync("/wishes");
        await resident.GetByRole(AriaRole.Link, new() { Name = "我要许愿" }).ClickAsync();
        await resident.WaitForURLAsync("**/wishes/submit");

        await resident.GetByLabel("您需要什么？").FillAsync(Item);
        await resident.GetByLabel("类别", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await resident.GetByLabel("所在社区", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "梧桐社区" });
        await resident.GetByLabel("简单说明（选填）").FillAsync("家里老风扇坏了，夏天太热。");
        await resident.GetByLabel("您的姓名").FillAsync(Name);
        await resident.GetByLabel("联系电话").FillAsync(Phone);
        await resident.GetByRole(AriaRole.Button, new() { Name = "提交心愿" }).ClickAsync();

        // No consent: refused at the consent box, and nothing typed is lost.
        await Assertions.Expect(resident.GetByRole(AriaRole.Alert)).ToContainTextAsync("心愿尚未提交");
        var consent = resident.Locator("#PublishConsent");
        Assert.Equal("true", await consent.GetAttributeAsync("aria-invalid"));
        await Assertions.Expect(resident.Locator("#PublishConsent-error")).ToBeVisibleAsync();
        await Assertions.Expect(resident.GetByLabel("您需要什么？")).ToHaveValueAsync(Item);
        await Assertions.Expect(resident.GetByLabel("联系电话")).ToHaveValueAsync(Phone);
        // The page fits a phone: nothing wider than the screen.
        Assert.True(await resident.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await Browser.ScreenshotAsync(resident, "online-wish-refused-390");

        await consent.CheckAsync();
        await resident.GetByRole(AriaRole.Button, new() { Name = "提交心愿" }).ClickAsync();
        await Assertions.Expect(resident.GetByRole(AriaRole.Heading, new() { Name = "心愿已提交" })).ToBeVisibleAsync();
        var reference = await resident.Locator(".reference").InnerTextAsync();
        Assert.Matches("^[A-Z0-9]{8}$", reference);
        var thanks = await resident.ContentAsync();
        Assert.DoesNotContain(Name, thanks);
        Assert.DoesNotContain(Phone, thanks);

        // The review workflow holds it for community staff; their decision is on the queue row.
        await server.CreateUserAsync("shequ", PortalServer.Password, "CommunityStaff");
        var staff = await browser.NewPageAsync(server.BaseAddress, locale: "en");
        await staff.GotoAsync("/culture/en?returnUrl=/login");
        await staff.GetByLabel("User name").FillAsync("shequ");
        await staff.GetByLabel("Password").FillAsync(PortalServer.Password);
        await staff.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await staff.WaitForURLAsync(url => !url.Contains("/login"));
        await staff.GotoAsync("/admin/wishes/queue?tab=Review");
        await Assertions.Expect(staff.Locator("tr", new() { HasText = Item })).ToContainTextAsync("梧桐社区");
        await staff.GetByRole(AriaRole.Button, new() { Name = $"Approve: {Item}", Exact = true }).ClickAsync();
        await Assertions.Expect(staff.Locator(".notice")).ToContainTextAsync("Approve");

        await resident.GotoAsync("/wishes");
        var card = resident.Locator("article.wish-card", new() { HasText = Item });
        await Assertions.Expect(card).ToContainTextAsync("邱**");
        await Assertions.Expect(card).ToContainTextAsync("梧桐社区");
        // The item is the wish's title: the card says it once.
        await Assertions.Expect(card.Locator(".wish-item")).ToHaveCountAsync(0);
        var wall = await resident.ContentAsync();
        Assert.DoesNotContain(Name, wall);
        Assert.DoesNotContain(Phone, wall);
        await Browser.ScreenshotAsync(resident, "online-wish-on-wall-390");
    }
}
