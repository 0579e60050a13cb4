using Microsoft.Playwright;
using Portal.Testing;

namespace Portal.E2E;

/// <summary>
/// A wish's whole life in the browser, as the people of the programme meet it: staff enter it and approve it,
/// a volunteer claims and fulfils it, staff verify it, and the volunteer's points appear.
/// </summary>
public class WishJourneyTests(Browser browser, MicroWishPortalServer server) : IClassFixture<Browser>, IClassFixture<MicroWishPortalServer>
{
    private const string Title = "想要一个保温饭盒";

    [Fact]
    public async Task Staff_enter_and_approve_a_wish_a_volunteer_claims_and_fulfils_it_staff_verify_it_and_points_appear()
    {
        await server.CreateUserAsync("gridworker", PortalServer.Password, "CommunityStaff");
        await server.CreateUserAsync("xiaozhou", PortalServer.Password, "Volunteer");
        var staff = await browser.SignedInPageAsync(server.BaseAddress, "gridworker");

        await staff.GotoAsync("/admin/content/new/Wish");
        await staff.GetByLabel("Title").FillAsync(Title);
        await staff.GetByLabel("心愿内容").FillAsync("一个保温饭盒");
        await staff.GetByLabel("需求类别").SelectOptionAsync(new SelectOptionValue { Label = "必需物资" });
        await staff.GetByLabel("心愿类型").SelectOptionAsync(new SelectOptionValue { Label = "物质类" });
        await staff.GetByLabel("征集渠道").SelectOptionAsync(new SelectOptionValue { Label = "入户走访" });
        await staff.GetByLabel("公开称呼").FillAsync("邱奶奶");
        await staff.GetByLabel("所在社区").SelectOptionAsync(new SelectOptionValue { Label = "梧桐社区" });
        await staff.GetByLabel("限办日期").FillAsync(DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd"));
        await staff.GetByLabel("可认领份数").FillAsync("1");
        await staff.GetByLabel("服务积分").FillAsync("15");
        await staff.GetByLabel("同意公开心愿").CheckAsync(); // no consent, no publication
        // Community staff save the wish; publishing it to claimants is the lifecycle's move, made in the work queue.
        await staff.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Assertions.Expect(staff.Locator(".notice")).ToContainTextAsync("saved as a draft");

        await staff.GotoAsync("/admin/wishes/queue?tab=Review");
        // Submitting starts the setup recipe's review workflow, which puts the wish under review at once; the queue then
        // offers that workflow's decision on the wish's row instead of direct moves.
        await staff.GetByRole(AriaRole.Button, new() { Name = $"Submit: {Title}" }).ClickAsync();
        await Assertions.Expect(staff.Locator(".notice")).ToBeVisibleAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = $"Approve: {Title}", Exact = true }).ClickAsync();
        await Assertions.Expect(staff.Locator(".notice")).ToContainTextAsync("Approve");
        await Browser.ScreenshotAsync(staff, "wish-work-queue");

        var volunteer = await browser.SignedInPageAsync(server.BaseAddress, "xiaozhou");
        await volunteer.GotoAsync("/volunteer/wishes");
        await volunteer.GetByRole(AriaRole.Button, new() { Name = $"Claim “{Title}”" }).ClickAsync();
        await volunteer.WaitForURLAsync("**/volunteer/claims");
        var claim = volunteer.Locator("section.claim", new() { HasText = Title });
        await claim.GetByLabel("What was done").FillAsync("饭盒已送到，邱奶奶试了保温效果。");
        await claim.GetByLabel("Service hours").FillAsync("1.5");
        await claim.GetByRole(AriaRole.Button, new() { Name = "Report as fulfilled" }).ClickAsync();
        await Assertions.Expect(volunteer.Locator("section.claim", new() { HasText = Title })).ToContainTextAsync("Waiting for the community to verify it.");

        await staff.GotoAsync("/admin/wishes/queue?tab=Verify");
        await Assertions.Expect(staff.Locator("tr", new() { HasText = Title })).ToContainTextAsync("饭盒已送到");
        // The recipe's fulfilment workflow waits for the community's verification: its decision is on the wish's row.
        await staff.GetByRole(AriaRole.Button, new() { Name = $"Verify: {Title}", Exact = true }).ClickAsync();
        await Assertions.Expect(staff.Locator(".notice")).ToContainTextAsync("Verify");

        await volunteer.GotoAsync("/volunteer/claims");
        await Assertions.Expect(volunteer.Locator("section.claim", new() { HasText = Title })).ToContainTextAsync("15 points");
        await Assertions.Expect(volunteer.Locator("#my-points")).ToContainTextAsync("Service points: 15");
        await Browser.ScreenshotAsync(volunteer, "wish-my-claims");
    }
}
