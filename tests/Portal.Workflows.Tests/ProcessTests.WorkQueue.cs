using System.Net;
using Portal.Testing;
using Portal.Wishes.Models;

namespace Portal.Workflows.Tests;

/// <summary>The one staff queue (/admin/wishes/queue) decides the recipe's review and claim tasks where they govern a wish.</summary>
public sealed partial class ProcessTests
{
    // Oldest waiting first: the last page (a page past the end shows the last) holds the wish a test has just moved.
    private const string LastReviewPage = "/admin/wishes/queue?tab=Review&page=9999";
    private const string LastConfirmPage = "/admin/wishes/queue?tab=Confirm&page=9999";

    [Fact]
    public async Task The_work_queue_offers_the_review_tasks_actions_instead_of_a_direct_publish_and_deciding_there_resumes_the_workflow()
    {
        using var staff = await server.NewSignedInClientAsync(Name("s"), "CommunityStaff");
        var wish = await NewWishAsync();
        await SubmitAsync(staff, wish);
        var task = Assert.Single(await TasksAsync(staff, wish))!;
        var decide = $"/admin/wishes/decisions/{task["instanceId"]}/{task["activityId"]}?tab=Review";

        var queue = await staff.GetStringAsync(LastReviewPage);
        Assert.Contains(decide, queue);
        Assert.Contains("value=\"Approve\"", queue);
        Assert.Contains("退回修改", queue);
        Assert.DoesNotContain($"/admin/wishes/{wish}/move", queue);
        Assert.DoesNotContain("href=\"/admin/workflows/tasks\"", queue);

        var direct = await PortalServer.PostFormAsync(staff, $"/admin/wishes/{wish}/move", new() { ["to"] = "Published" }, LastReviewPage);
        Assert.Equal(HttpStatusCode.Redirect, direct.StatusCode);
        Assert.Contains("此心愿正由流程办理", await staff.GetStringAsync(direct.Headers.Location!.ToString()));
        var returnedWithoutReason = await PortalServer.PostFormAsync(staff, decide, new() { ["decision"] = "Return", ["comment"] = " " }, LastReviewPage);
        Assert.Contains("时请说明理由", await staff.GetStringAsync(returnedWithoutReason.Headers.Location!.ToString()));
        Assert.Equal(WishStatus.UnderReview, await StatusAsync(wish));
        Assert.Single(await TasksAsync(staff, wish));

        var approved = await PortalServer.PostFormAsync(staff, decide, new() { ["decision"] = "Approve", ["comment"] = "" }, LastReviewPage);

        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Contains("已办理", await staff.GetStringAsync(approved.Headers.Location!.ToString()));
        Assert.Equal(WishStatus.Published, await StatusAsync(wish));
        Assert.Empty(await TasksAsync(staff, wish));
        var again = await PortalServer.PostFormAsync(staff, decide, new() { ["decision"] = "Approve", ["comment"] = "" }, LastReviewPage);
        Assert.Contains("此事项已不在等待办理", await staff.GetStringAsync(again.Headers.Location!.ToString()));
    }

    [Fact]
    public async Task A_claim_the_confirmation_workflow_waits_on_is_confirmed_from_the_queue_and_outsiders_cannot_decide_it()
    {
        using var staff = await server.NewSignedInClientAsync(Name("s"), "CommunityStaff");
        using var editor = await server.NewSignedInClientAsync(Name("e"), "Editor");
        using var volunteer = await server.NewSignedInClientAsync(Name("v"), "Volunteer");
        var (wish, claimId) = await ClaimedWishAsync(staff, volunteer);
        var task = Assert.Single(await TasksAsync(staff, wish))!;
        var decide = $"/admin/wishes/decisions/{task["instanceId"]}/{task["activityId"]}?tab=Confirm";

        var queue = await staff.GetStringAsync(LastConfirmPage);
        Assert.Contains(decide, queue);
        Assert.Contains("释放认领", queue);
        Assert.DoesNotContain($"/admin/wishes/claims/{claimId}/confirm", queue);

        // An editor reaches the queue (its other decisions) but not this task; nothing moves.
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync("/admin/wishes/queue")).StatusCode);
        var outsider = await PortalServer.PostFormAsync(editor, decide, new() { ["decision"] = "Confirm", ["comment"] = "" }, "/admin/wishes/queue");
        Assert.Contains("/access-denied", outsider.Headers.Location!.ToString());
        Assert.Single(await TasksAsync(staff, wish));

        var confirmed = await PortalServer.PostFormAsync(staff, decide, new() { ["decision"] = "Confirm", ["comment"] = "" }, LastConfirmPage);

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Empty(await TasksAsync(staff, wish));
        Assert.Equal(ClaimStatus.Confirmed, await ClaimStatusAsync(claimId));
        Assert.DoesNotContain(decide, await staff.GetStringAsync(LastConfirmPage));
    }
}
