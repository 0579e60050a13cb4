using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Core.Recipes;
using Portal.Testing;
using Portal.Wishes.Models;
using Portal.Workflows.Models;
using Portal.Workflows.Services;

namespace Portal.Workflows.Tests;

/// <summary>The processes the micro-wish recipe ships, driven over real HTTP as staff, volunteers and residents would.</summary>
public sealed partial class ProcessTests(MicroWishPortalServer server) : IClassFixture<MicroWishPortalServer>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static string Name(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A new wish like the demo ones, entered by <paramref name="ownerId"/>, still a draft.</summary>
    private async Task<string> NewWishAsync(string? ownerId = null, int slots = 1)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var demo = ContentManager.Read(await content.Records.FirstAsync(r => r.ContentType == "Wish" && r.Latest));
        var wish = demo.Clone();
        wish.ContentItemId = IdGenerator.NewId();
        wish.ContentItemVersionId = "";
        wish.Owner = ownerId;
        wish.Field("Wish", "Slots")["Value"] = slots;
        var result = await content.CreateAsync(wish);
        Assert.True(result.Succeeded, result.ToString());
        return wish.ContentItemId;
    }

    private async Task<WishStatus> StatusAsync(string wishId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<WishIndexRecord>().AsNoTracking()
            .Where(w => w.WishId == wishId).Select(w => w.Status).FirstAsync();
    }

    private static async Task<JsonArray> TasksAsync(HttpClient client, string itemId) =>
        (await client.GetFromJsonAsync<JsonArray>($"/api/workflows/tasks?contentItemId={itemId}", Json))!;

    private static Task<HttpResponseMessage> DecideAsync(HttpClient client, JsonNode task, string action, string? comment = null) =>
        client.PostAsJsonAsync($"/api/workflows/tasks/{task["instanceId"]}/{task["activityId"]}", new { Action = action, Comment = comment });

    private async Task SubmitAsync(HttpClient staff, string wish)
    {
        var response = await staff.PostAsJsonAsync($"/api/wishes/{wish}/moves", new { To = "Submitted" }, Json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A new wish submitted, approved through the review task and claimed by <paramref name="claimant"/>.</summary>
    private async Task<(string Wish, long ClaimId)> ClaimedWishAsync(HttpClient staff, HttpClient claimant)
    {
        var wish = await NewWishAsync();
        await SubmitAsync(staff, wish);
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(staff, Assert.Single(await TasksAsync(staff, wish))!, "Approve")).StatusCode);
        var claimed = await claimant.PostAsJsonAsync($"/api/wishes/{wish}/claims", new { });
        Assert.Equal(HttpStatusCode.Created, claimed.StatusCode);
        return (wish, (await claimed.Content.ReadFromJsonAsync<JsonObject>(Json))!["claimId"]!.GetValue<long>());
    }

    private async Task MakeTimersDueAsync(string workflowTypeId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<WorkflowTimerRecord>()
            .Where(t => t.WorkflowTypeId == workflowTypeId).ExecuteUpdateAsync(s => s.SetProperty(t => t.DueUtc, DateTime.UtcNow.AddMinutes(-1)));
    }

    private Task<int> FireTimersAsync() => server.Services.GetRequiredService<WorkflowTimerService>().RunOnceAsync();

    [Fact]
    public async Task Review_returns_a_wish_with_a_notice_to_whoever_entered_it_and_approval_publishes_it()
    {
        var residentName = Name("r");
        var residentId = await server.CreateUserAsync(residentName, PortalServer.Password, "Resident");
        using var resident = server.NewClient();
        await server.SignInAsync(resident, residentName, PortalServer.Password);
        using var staff = await server.NewSignedInClientAsync(Name("s"), "CommunityStaff");
        using var volunteer = await server.NewSignedInClientAsync(Name("v"), "Volunteer");
        var wish = await NewWishAsync(residentId);

        await SubmitAsync(staff, wish);

        Assert.Equal(WishStatus.UnderReview, await StatusAsync(wish));
        Assert.Empty(await TasksAsync(volunteer, wish));
        var task = Assert.Single(await TasksAsync(staff, wish))!;
        Assert.Equal(["Approve", "Reject", "Return"], task["actions"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Forbidden, (await DecideAsync(volunteer, task, "Approve")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await DecideAsync(staff, task, "Return")).StatusCode);
        Assert.Equal(WishStatus.UnderReview, await StatusAsync(wish));

        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(staff, task, "Return", "请补充需要的尺码")).StatusCode);

        Assert.Equal(WishStatus.Returned, await StatusAsync(wish));
        var notices = (await resident.GetFromJsonAsync<JsonArray>("/api/workflows/notifications", Json))!;
        Assert.Contains(notices, n => n!["message"]!.GetValue<string>().Contains("请补充需要的尺码"));

        await SubmitAsync(staff, wish);
        var second = Assert.Single(await TasksAsync(staff, wish))!;
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(staff, second, "Approve")).StatusCode);
        Assert.Equal(WishStatus.Published, await StatusAsync(wish));
        Assert.Equal(HttpStatusCode.NotFound, (await DecideAsync(staff, second, "Approve")).StatusCode);
    }

    [Fact]
    public async Task The_items_admin_page_shows_the_decision_buttons_and_a_click_resumes_the_workflow()
    {
        using var staff = await server.NewSignedInClientAsync(Name("s"), "CommunityStaff");
        var wish = await NewWishAsync();
        await SubmitAsync(staff, wish);
        var page = $"/admin/content/{wish}/edit";

        var html = await staff.GetStringAsync(page);
        var task = Assert.Single(await TasksAsync(staff, wish))!;

        Assert.Contains("审核心愿", html);
        Assert.Contains($"/admin/workflows/tasks/{task["instanceId"]}/{task["activityId"]}", html);
        Assert.Contains("value=\"Approve\"", html);
        var response = await PortalServer.PostFormAsync(staff, $"/admin/workflows/tasks/{task["instanceId"]}/{task["activityId"]}",
            new() { ["decision"] = "Approve", ["comment"] = "", ["returnUrl"] = page }, formPage: page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(page, response.Headers.Location!.ToString());
        Assert.Equal(WishStatus.Published, await StatusAsync(wish));
        Assert.DoesNotContain("value=\"Approve\"", await staff.GetStringAsync(page));
    }

    [Fact]
    public async Task A_confirmed_claim_that_is_never_scheduled_gets_a_reminder_and_is_then_released()
    {
        using var staff = await server.NewSignedInClientAsync(Name("s"), "CommunityStaff");
        var volunteerName = Name("v");
        await server.CreateUserAsync(volunteerName, PortalServer.Password, "Volunteer");
        using var volunteer = server.NewClient();
        await server.SignInAsync(volunteer, volunteerName, PortalServer.Password);
        var wish = await NewWishAsync();
        await SubmitAsync(staff, wish);
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(staff, Assert.Single(await TasksAsync(staff, wish))!, "Approve")).StatusCode);

        var claimed = await volunteer.PostAsJsonAsync($"/api/wishes/{wish}/claims", new { });
        Assert.Equal(HttpStatusCode.Created, claimed.StatusCode);
        var confirm = Assert.Single(await TasksAsync(staff, wish))!;
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(staff, confirm, "Confirm")).StatusCode);
        var claimId = (await claimed.Content.ReadFromJsonAsync<JsonObject>(Json))!["claimId"]!.GetValue<long>();
        Assert.Equal(ClaimStatus.Confirmed, await ClaimStatusAsync(claimId));

        await MakeTimersDueAsync("wfclaimconfirm00000000001");
        await FireTimersAsync();

        var notices = (await volunteer.GetFromJsonAsync<JsonArray>("/api/workflows/notifications", Json))!;
        Assert.Contains(notices, n => n!["message"]!.GetValue<string>().Contains("24 小时"));
        Assert.Equal(ClaimStatus.Confirmed, await ClaimStatusAsync(claimId));

        await MakeTimersDueAsync("wfclaimconfirm00000000001");
        await FireTimersAsync();

        Assert.Equal(ClaimStatus.Released, await ClaimStatusAsync(claimId));
        Assert.Equal(WishStatus.Published, await StatusAsync(wish));
    }

    /// <summary>The escalation workflow is the one place wishes are opened to organisations (administrators configure its days).</summary>
    [Fact]
    public async Task Escalation_opens_wishes_unclaimed_for_a_week_to_organisations_and_leaves_claimed_and_fresh_ones()
    {
        using var staff = await server.NewSignedInClientAsync(Name("s"), "CommunityStaff");
        using var volunteer = await server.NewSignedInClientAsync(Name("v"), "Volunteer");
        using var organisation = await server.NewSignedInClientAsync(Name("o"), "Organisation");
        async Task<string> PublishedAsync(int slots = 1)
        {
            var id = await NewWishAsync(slots: slots);
            await SubmitAsync(staff, id);
            Assert.Equal(HttpStatusCode.OK, (await DecideAsync(staff, Assert.Single(await TasksAsync(staff, id))!, "Approve")).StatusCode);
            return id;
        }
        var wish = await PublishedAsync();
        var partlyClaimed = await PublishedAsync(slots: 2);
        Assert.Equal(HttpStatusCode.Created, (await volunteer.PostAsJsonAsync($"/api/wishes/{partlyClaimed}/claims", new { })).StatusCode);
        await using (var scope = server.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<WishIndexRecord>().Where(w => w.WishId == wish || w.WishId == partlyClaimed)
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.StatusChangedUtc, DateTime.UtcNow.AddDays(-8)));
        var fresh = await PublishedAsync();

        await MakeTimersDueAsync("wfescalation0000000000001");
        await FireTimersAsync();

        Assert.Equal(WishStatus.OpenToOrganisations, await StatusAsync(wish));
        Assert.Equal(WishStatus.Published, await StatusAsync(partlyClaimed));
        Assert.Equal(WishStatus.Published, await StatusAsync(fresh));
        Assert.Equal(HttpStatusCode.Created, (await organisation.PostAsJsonAsync($"/api/wishes/{wish}/claims", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await organisation.PostAsJsonAsync($"/api/wishes/{fresh}/claims", new { })).StatusCode);
    }

    [Fact]
    public async Task Verifying_a_fulfilled_wish_drafts_a_story_for_the_editors()
    {
        using var staff = await server.NewSignedInClientAsync(Name("s"), "CommunityStaff");
        using var editor = await server.NewSignedInClientAsync(Name("e"), "Editor");
        using var volunteer = await server.NewSignedInClientAsync(Name("v"), "Volunteer");
        var (wish, claim) = await ClaimedWishAsync(staff, volunteer);
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(staff, Assert.Single(await TasksAsync(staff, wish))!, "Confirm")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await volunteer.PostAsJsonAsync($"/api/wishes/claims/{claim}/schedule", new { ScheduledForUtc = DateTime.UtcNow.AddDays(1) })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await volunteer.PostAsJsonAsync($"/api/wishes/claims/{claim}/fulfil", new { Note = "已送到" })).StatusCode);

        var verify = Assert.Single(await TasksAsync(staff, wish), t => t!["title"]!.GetValue<string>().Contains("核实"))!;
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(staff, verify, "Verify")).StatusCode);

        Assert.Equal(WishStatus.StoryDrafted, await StatusAsync(wish));
        var notice = Assert.Single((await editor.GetFromJsonAsync<JsonArray>("/api/workflows/notifications", Json))!,
            n => n!["message"]!.GetValue<string>().Contains("圆梦报道草稿") && n["url"]!.GetValue<string>().Length > 20)!;
        var story = notice["url"]!.GetValue<string>().Split('/')[3];
        await using var scope = server.Services.CreateAsyncScope();
        var item = (await scope.ServiceProvider.GetRequiredService<ContentManager>().GetAsync(story, VersionOptions.Latest))!;
        Assert.Equal("Story", item.ContentType);
        Assert.False(item.Published);
    }

    [Fact]
    public async Task An_administrator_adds_a_second_review_level_and_the_next_wish_needs_both_approvals()
    {
        using var admin = await server.AdminClientAsync();
        using var staff = await server.NewSignedInClientAsync(Name("s"), "CommunityStaff");
        var type = (await admin.GetFromJsonAsync<JsonObject>("/api/workflows/types/wfwishreview0000000000001", Json))!;
        var original = type.DeepClone();
        try
        {
            type["Activities"]!.AsArray().Add(new JsonObject
            {
                ["ActivityId"] = "second-review", ["Name"] = "UserTask", ["X"] = 40, ["Y"] = 330, ["IsStart"] = false,
                ["Properties"] = new JsonObject { ["Title"] = "二级审核", ["Actions"] = new JsonArray("Approve", "Reject"), ["Roles"] = new JsonArray("Administrator"), ["CommentRequiredFor"] = new JsonArray("Reject") },
            });
            var approve = type["Transitions"]!.AsArray().Single(t => t!["SourceActivityId"]!.GetValue<string>() == "review" && t["SourceOutcomeName"]!.GetValue<string>() == "Approve")!;
            approve["DestinationActivityId"] = "second-review";
            type["Transitions"]!.AsArray().Add(new JsonObject { ["SourceActivityId"] = "second-review", ["SourceOutcomeName"] = "Approve", ["DestinationActivityId"] = "publish" });
            type["Transitions"]!.AsArray().Add(new JsonObject { ["SourceActivityId"] = "second-review", ["SourceOutcomeName"] = "Reject", ["DestinationActivityId"] = "reject" });
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/workflows/types", type)).StatusCode);

            var wish = await NewWishAsync();
            await SubmitAsync(staff, wish);
            Assert.Equal(HttpStatusCode.OK, (await DecideAsync(staff, Assert.Single(await TasksAsync(staff, wish))!, "Approve")).StatusCode);

            Assert.Equal(WishStatus.UnderReview, await StatusAsync(wish));
            Assert.Empty(await TasksAsync(staff, wish));
            var second = Assert.Single(await TasksAsync(admin, wish))!;
            Assert.Equal("二级审核", second["title"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin, second, "Approve")).StatusCode);
            Assert.Equal(WishStatus.Published, await StatusAsync(wish));
        }
        finally
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/workflows/types", original)).StatusCode);
        }
    }

    [Fact]
    public async Task Managing_workflow_types_needs_the_permission_and_bad_types_are_refused_with_reasons()
    {
        using var admin = await server.AdminClientAsync();
        using var staff = await server.NewSignedInClientAsync(Name("s"), "CommunityStaff");
        using var anonymous = server.NewClient();

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/api/workflows/types")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/workflows/tasks")).StatusCode);
        var palette = (await admin.GetFromJsonAsync<JsonArray>("/api/workflows/activities", Json))!;
        // The site's language (zh-CN) unless the reader asks for another.
        var userTask = Assert.Single(palette, a => a!["name"]!.GetValue<string>() == "UserTask")!;
        Assert.Equal("人工审批", userTask["displayText"]!.GetValue<string>());
        Assert.Contains(userTask["properties"]!.AsArray(), p => p!["label"]!.GetValue<string>() == "可以决定的角色");

        var broken = new JsonObject
        {
            ["Name"] = "坏流程",
            ["Activities"] = new JsonArray(new JsonObject { ["ActivityId"] = "a", ["Name"] = "NoSuchTask" }),
            ["Transitions"] = new JsonArray(new JsonObject { ["SourceActivityId"] = "a", ["SourceOutcomeName"] = "Done", ["DestinationActivityId"] = "ghost" }),
        };
        var problems = (await (await admin.PostAsJsonAsync("/api/workflows/types/validate", broken)).Content.ReadFromJsonAsync<JsonArray>(Json))!;
        var english = new HttpRequestMessage(HttpMethod.Post, "/api/workflows/types/validate") { Content = JsonContent.Create(broken) };
        english.Headers.AcceptLanguage.ParseAdd("en");
        var problemsInEnglish = (await (await admin.SendAsync(english)).Content.ReadFromJsonAsync<JsonArray>(Json))!;
        var refused = await admin.PostAsJsonAsync("/api/workflows/types", broken);

        Assert.Contains(problems, p => p!.GetValue<string>() == "没有活动被标为起点：这个流程永远不会运行。");
        Assert.Contains(problems, p => p!.GetValue<string>() == "活动“NoSuchTask”（a）缺失：没有已安装的模块提供它。");
        Assert.Contains(problems, p => p!.GetValue<string>().Contains("ghost"));
        Assert.Contains(problemsInEnglish, p => p!.GetValue<string>().Contains("No activity is marked as the start"));
        Assert.Contains(problemsInEnglish, p => p!.GetValue<string>().Contains("'NoSuchTask'") && p.GetValue<string>().Contains("missing"));
        Assert.Equal(3, problemsInEnglish.Count);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.DoesNotContain((await admin.GetFromJsonAsync<JsonArray>("/api/workflows/types", Json))!, t => t!["name"]!.GetValue<string>() == "坏流程");
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/api/workflows/types",
            new StringContent("[1,2]", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
    }

    [Fact]
    public async Task Workflow_types_go_out_in_an_export_and_come_back_with_a_missing_activity_kept()
    {
        await using var scope = server.Services.CreateAsyncScope();
        var exporter = scope.ServiceProvider.GetRequiredService<RecipeExporter>();
        var recipe = await exporter.ExportAsync(new RecipeExportRequest([], IncludeDefinitions: false, IncludeRoles: false, IncludeSettings: false));
        var step = recipe["steps"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "WorkflowType")!;
        Assert.Contains(step["data"]!.AsArray(), t => t!["WorkflowTypeId"]!.GetValue<string>() == "wfwishreview0000000000001");

        var imported = (JsonObject)step["data"]!.AsArray().First(t => t!["WorkflowTypeId"]!.GetValue<string>() == "wfescalation0000000000001")!.DeepClone();
        imported["WorkflowTypeId"] = "wfimported000000000000001";
        imported["Name"] = "导入的流程";
        imported["IsEnabled"] = false;
        imported["Activities"]!.AsArray().Add(new JsonObject { ["ActivityId"] = "legacy", ["Name"] = "LegacyPluginTask", ["Properties"] = new JsonObject { ["Keep"] = "me" } });
        var executor = scope.ServiceProvider.GetRequiredService<IRecipeExecutor>();
        var file = Path.Combine(server.Database.DataPath, "workflow.recipe.json");
        await File.WriteAllTextAsync(file, new JsonObject { ["name"] = "wf", ["steps"] = new JsonArray(new JsonObject { ["name"] = "WorkflowType", ["data"] = new JsonArray(imported) }) }.ToJsonString());
        var run = await executor.ExecuteAsync(new RecipeDescriptor("wf", "wf", "", false, file));
        Assert.True(run.Succeeded, run.Failure?.ToString());

        var back = (await scope.ServiceProvider.GetRequiredService<WorkflowTypeStore>().GetAsync("wfimported000000000000001"))!;
        var legacy = back.Activity("legacy")!;
        Assert.Equal("me", legacy.Properties["Keep"]!.GetValue<string>());
        Assert.Contains(scope.ServiceProvider.GetRequiredService<WorkflowTypeValidator>().Problems(back), p => p.Contains("LegacyPluginTask") && p.Contains("missing"));
    }

    private async Task<ClaimStatus> ClaimStatusAsync(long claimId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<WishClaimRecord>().AsNoTracking()
            .Where(c => c.Id == claimId).Select(c => c.Status).FirstAsync();
    }
}
