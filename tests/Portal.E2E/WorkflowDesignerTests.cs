using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Testing;
using Portal.Wishes.Models;

namespace Portal.E2E;

/// <summary>An administrator changes the shipped wish review in the designer; the next wish follows the new process.</summary>
public class WorkflowDesignerTests(Browser browser, MicroWishPortalServer server) : IClassFixture<Browser>, IClassFixture<MicroWishPortalServer>
{
    private const string Review = "wfwishreview0000000000001";

    [Fact]
    public async Task An_administrator_adds_a_second_review_step_and_the_next_wish_needs_both_approvals()
    {
        var page = await SignedInAsync();

        await page.GotoAsync($"/admin/workflows/designer/{Review}");
        await Assertions.Expect(page.Locator("#designer[data-ready=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".wf-node")).ToHaveCountAsync(9);

        // A second user task from the searchable palette, configured in the side panel.
        await page.Locator("#wf-search").FillAsync("user task");
        await page.Locator(".wf-palette-item[data-name=UserTask]").ClickAsync();
        await page.Locator("#wf-prop-Title").FillAsync("二级审核");
        await page.Locator("#wf-prop-Title").DispatchEventAsync("change");
        await page.Locator("#wf-prop-Actions").FillAsync("Approve\nReject");
        await page.Locator("#wf-prop-Actions").DispatchEventAsync("change");
        await page.Locator("#wf-prop-Roles").FillAsync("Administrator");
        await page.Locator("#wf-prop-Roles").DispatchEventAsync("change");
        await page.Locator("#wf-prop-CommentRequiredFor").FillAsync("Reject");
        await page.Locator("#wf-prop-CommentRequiredFor").DispatchEventAsync("change");
        await page.Locator("#wf-connect-outcome").SelectOptionAsync("Approve");
        await page.Locator("#wf-connect-target").SelectOptionAsync("publish");
        await page.Locator("#wf-connect").ClickAsync();
        await page.Locator("#wf-connect-outcome").SelectOptionAsync("Reject");
        await page.Locator("#wf-connect-target").SelectOptionAsync("reject");
        await page.Locator("#wf-connect").ClickAsync();

        // The first review's Approve now leads to the second review instead of publishing.
        await page.Locator(".wf-node[data-id=review]").ClickAsync();
        await page.Locator(".wf-transitions li", new() { HasText = "review · Approve → publish" }).GetByRole(AriaRole.Button).ClickAsync();
        await page.Locator("#wf-connect-outcome").SelectOptionAsync("Approve");
        await page.Locator("#wf-connect-target").SelectOptionAsync("user-1");
        await page.Locator("#wf-connect").ClickAsync();

        // Keyboard: zoom and move the selected activity; the canvas takes both.
        await page.Locator("#wf-canvas").FocusAsync();
        await page.Keyboard.PressAsync("-");
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(page.Locator("#wf-zoom-reset")).Not.ToHaveTextAsync("100%");

        await page.Locator("#wf-save").ClickAsync();
        await Assertions.Expect(page.Locator("#wf-messages")).ToContainTextAsync("Saved.");
        await Browser.ScreenshotAsync(page, "workflow-designer");

        // The next wish: staff approval alone no longer publishes it; the administrator's second approval does.
        using var staff = await server.NewSignedInClientAsync("s" + Guid.NewGuid().ToString("N")[..8], "CommunityStaff");
        var wish = await NewWishAsync();
        Assert.True((await staff.PostAsJsonAsync($"/api/wishes/{wish}/moves", new { To = "Submitted" })).IsSuccessStatusCode);
        var first = (await staff.GetFromJsonAsync<JsonArray>($"/api/workflows/tasks?contentItemId={wish}"))!.Single()!;
        Assert.True((await staff.PostAsJsonAsync($"/api/workflows/tasks/{first["instanceId"]}/{first["activityId"]}", new { Action = "Approve" })).IsSuccessStatusCode);
        Assert.Equal(WishStatus.UnderReview, await StatusAsync(wish));

        await page.GotoAsync($"/admin/content/{wish}/edit");
        await Assertions.Expect(page.Locator(".user-tasks")).ToContainTextAsync("二级审核");
        await page.Locator(".user-tasks button[value=Approve]").ClickAsync();
        await page.WaitForURLAsync($"**/admin/content/{wish}/edit?message=*");
        Assert.Equal(WishStatus.Published, await StatusAsync(wish));

        var detail = (await staff.GetFromJsonAsync<JsonArray>($"/api/workflows/tasks?contentItemId={wish}"))!;
        Assert.Empty(detail);
    }

    [Fact]
    public async Task The_designer_refuses_to_save_a_type_without_a_start_and_names_the_problem()
    {
        var page = await SignedInAsync();

        await page.GotoAsync("/admin/workflows/designer");
        await Assertions.Expect(page.Locator("#designer[data-ready=true]")).ToHaveCountAsync(1);
        await page.Locator("#wf-name").FillAsync("草稿流程");
        await page.Locator("#wf-search").FillAsync("log");
        await page.Locator(".wf-palette-item[data-name=LogTask]").ClickAsync();
        await page.Locator("#wf-save").ClickAsync();

        await Assertions.Expect(page.Locator("#wf-messages")).ToContainTextAsync("No activity is marked as the start");
        await using var scope = server.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<Portal.Workflows.Models.WorkflowTypeRecord>().AnyAsync(t => t.Name == "草稿流程"));
    }

    [Fact]
    public async Task In_Chinese_the_palette_and_the_servers_checks_speak_Chinese()
    {
        var page = await SignedInAsync();
        await page.GotoAsync("/culture/zh-CN?returnUrl=/admin/workflows/designer");
        await Assertions.Expect(page.Locator("#designer[data-ready=true]")).ToHaveCountAsync(1);
        await page.Locator("#wf-name").FillAsync("中文检查");
        await page.Locator("#wf-search").FillAsync("审批");
        var userTask = page.Locator(".wf-palette-item[data-name=UserTask]");
        await Assertions.Expect(userTask).ToHaveTextAsync("人工审批");
        await userTask.ClickAsync();
        await Assertions.Expect(page.GetByLabel("可以决定的角色")).ToBeVisibleAsync();
        await page.Locator("#wf-save").ClickAsync();

        // The user task has no action yet: the server's check says so, in the reader's language, and nothing is saved.
        await Assertions.Expect(page.Locator("#wf-messages")).ToContainTextAsync("人工审批 (user-1): 请至少填写一个操作。");
        await Browser.ScreenshotAsync(page, "workflow-designer-zh-CN");
        await using var scope = server.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<Portal.Workflows.Models.WorkflowTypeRecord>().AnyAsync(t => t.Name == "中文检查"));
    }

    /// <summary>A page signed in as the administrator, in English.</summary>
    private async Task<IPage> SignedInAsync()
    {
        // The first page of a fresh server compiles its views; a busy machine may need longer than a click does.
        using (var warm = server.NewClient()) await warm.GetAsync("/login");
        var page = await browser.NewPageAsync(server.BaseAddress, locale: "en");
        await page.GotoAsync("/culture/en?returnUrl=/admin", new() { Timeout = 60_000 });
        await page.WaitForURLAsync("**/login**");
        await page.GetByLabel("User name").FillAsync(SetUpPortalServer.AdminUserName);
        await page.GetByLabel("Password").FillAsync(PortalServer.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.WaitForURLAsync("**/admin**", new() { Timeout = 60_000 });
        return page;
    }

    private async Task<string> NewWishAsync()
    {
        await using var scope = server.Services.CreateAsyncScope();
        var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var wish = ContentManager.Read(await content.Records.FirstAsync(r => r.ContentType == "Wish" && r.Latest)).Clone();
        wish.ContentItemId = IdGenerator.NewId();
        wish.ContentItemVersionId = "";
        Assert.True((await content.CreateAsync(wish)).Succeeded);
        return wish.ContentItemId;
    }

    private async Task<WishStatus> StatusAsync(string wishId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<WishIndexRecord>().AsNoTracking()
            .Where(w => w.WishId == wishId).Select(w => w.Status).FirstAsync();
    }
}
