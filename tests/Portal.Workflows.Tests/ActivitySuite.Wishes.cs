using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Wishes.Models;
using Portal.Wishes.Services;
using Portal.Workflows.Models;
using Portal.Workflows.Services;
using static Portal.Workflows.Tests.WorkflowBuilder;

namespace Portal.Workflows.Tests;

public abstract partial class ActivitySuite
{
    /// <summary>
    /// A review process like the shipped one, started on a marker property so that each test only meets its own:
    /// submitted → under review → user task (Approve / Reject / Return) → the wish's new state.
    /// </summary>
    private async Task<WorkflowType> ReviewTypeAsync(string role, params string[] reviewers)
    {
        var builder = new WorkflowBuilder(Unique("review"))
            .Start("submitted", "WishSubmitted")
            .Add("mine", "IfElseTask", Expression("Condition", $"input('Reason') == '{role}'"))
            .Add("under-review", "SetWishStatusTask", new JsonObject { ["Status"] = "UnderReview" })
            .Add("publish", "SetWishStatusTask", new JsonObject { ["Status"] = "Published" })
            .Add("reject", "SetWishStatusTask", new JsonObject { ["Status"] = "Rejected", ["Reason"] = "{{ property('Decision').Comment }}" })
            .Connect("submitted", "Done", "mine").Connect("mine", "True", "under-review");
        var previous = "under-review";
        for (var i = 0; i < reviewers.Length; i++)
        {
            var id = "review-" + i;
            builder.Add(id, "UserTask", new JsonObject
            {
                ["Title"] = $"审核 {i + 1}",
                ["Actions"] = new JsonArray("Approve", "Reject"),
                ["Roles"] = new JsonArray(reviewers[i]),
                ["CommentRequiredFor"] = new JsonArray("Reject"),
            }).Connect(previous, i == 0 ? "Done" : "Approve", id).Connect(id, "Reject", "reject");
            previous = id;
        }
        builder.Connect(previous, reviewers.Length == 0 ? "Done" : "Approve", "publish");
        return await SaveAsync(builder);
    }

    private async Task<string> SubmittedWishAsync(string marker)
    {
        var wish = await CreateItemAsync("Wish", "一副老花镜");
        Assert.True((await MoveAsync(wish, WishStatus.Submitted, marker)).Succeeded);
        return wish;
    }

    [Fact]
    public async Task A_submitted_wish_waits_for_staff_and_approval_publishes_it()
    {
        var marker = Unique("m");
        var staffRole = Unique("Staff");
        await ReviewTypeAsync(marker, staffRole);

        var wish = await SubmittedWishAsync(marker);

        Assert.Equal(WishStatus.UnderReview, await WishStatusAsync(wish));
        var staff = Person(Unique("u"), staffRole);
        var task = Assert.Single(await PendingAsync(staff, wish));
        Assert.Equal(["Approve", "Reject"], task.Actions);
        Assert.Empty(await PendingAsync(Person(Unique("v"), "Volunteer"), wish));

        var decided = await DecideAsync(staff, task.InstanceId, task.ActivityId, "Approve");

        Assert.True(decided.Succeeded, decided.Message);
        Assert.Equal(WishStatus.Published, await WishStatusAsync(wish));
        Assert.Empty(await PendingAsync(staff, wish));
        var decision = (await StateAsync(task.InstanceId)).Properties["Decision"]!;
        Assert.Equal("Approve", decision["Action"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rejecting_needs_a_comment_which_becomes_the_reason_and_others_may_not_decide()
    {
        var marker = Unique("m");
        var staffRole = Unique("Staff");
        await ReviewTypeAsync(marker, staffRole);
        var wish = await SubmittedWishAsync(marker);
        var staff = Person(Unique("u"), staffRole);
        var task = Assert.Single(await PendingAsync(staff, wish));

        var stranger = await DecideAsync(Person(Unique("v"), "Volunteer"), task.InstanceId, task.ActivityId, "Approve");
        var noComment = await DecideAsync(staff, task.InstanceId, task.ActivityId, "Reject", "  ");
        var unknown = await DecideAsync(staff, task.InstanceId, task.ActivityId, "Maybe");

        Assert.Equal(TaskDecisionError.Forbidden, stranger.Error);
        Assert.Equal(TaskDecisionError.Invalid, noComment.Error);
        Assert.Equal(TaskDecisionError.Invalid, unknown.Error);
        Assert.Equal(WishStatus.UnderReview, await WishStatusAsync(wish));

        var rejected = await DecideAsync(staff, task.InstanceId, task.ActivityId, "Reject", "信息不全，无法核实");

        Assert.True(rejected.Succeeded, rejected.Message);
        Assert.Equal(WishStatus.Rejected, await WishStatusAsync(wish));
        var audit = await Host.InScopeAsync(sp => sp.GetRequiredService<WishLifecycle>().AuditTrailAsync(wish));
        Assert.Equal("信息不全，无法核实", audit.Last().Reason);
        var again = await DecideAsync(staff, task.InstanceId, task.ActivityId, "Approve");
        Assert.Equal(TaskDecisionError.NotFound, again.Error);
    }

    [Fact]
    public async Task With_two_review_levels_a_wish_needs_both_approvals_and_with_one_level_one_approval()
    {
        var marker = Unique("m");
        var first = Unique("Staff");
        var second = Unique("Lead");
        var type = await ReviewTypeAsync(marker, first);
        var earlier = await SubmittedWishAsync(marker);

        var twoLevels = await ReviewTypeAsync(marker + "-2", first, second);
        var later = await SubmittedWishAsync(marker + "-2");
        var staff = Person(Unique("u"), first);
        var lead = Person(Unique("l"), second);

        var firstTask = Assert.Single(await PendingAsync(staff, later));
        Assert.True((await DecideAsync(staff, firstTask.InstanceId, firstTask.ActivityId, "Approve")).Succeeded);
        Assert.Equal(WishStatus.UnderReview, await WishStatusAsync(later));
        var secondTask = Assert.Single(await PendingAsync(lead, later));
        Assert.Empty(await PendingAsync(staff, later));
        Assert.True((await DecideAsync(lead, secondTask.InstanceId, secondTask.ActivityId, "Approve")).Succeeded);
        Assert.Equal(WishStatus.Published, await WishStatusAsync(later));

        var earlierTask = Assert.Single(await PendingAsync(staff, earlier));
        Assert.True((await DecideAsync(staff, earlierTask.InstanceId, earlierTask.ActivityId, "Approve")).Succeeded);
        Assert.Equal(WishStatus.Published, await WishStatusAsync(earlier));
        Assert.NotEqual(type.WorkflowTypeId, twoLevels.WorkflowTypeId);
    }

    [Fact]
    public async Task Set_wish_state_takes_refused_when_the_lifecycle_says_no_and_changes_nothing()
    {
        var go = Unique("go");
        var wish = await CreateItemAsync("Wish", "一袋大米");
        await SaveAsync(Starting(go)
            .Add("publish", "SetWishStatusTask", new JsonObject { ["Status"] = "Published", ["WishId"] = new JsonObject { ["Expression"] = "input('Wish')" } })
            .Add("why", "SetPropertyTask", Set("Why", "lastResult()"))
            .Connect("start", "Done", "publish").Connect("publish", "Refused", "why"));

        var id = Assert.Single((await SignalAsync(go, null, new JsonObject { ["Wish"] = wish })).Started);

        Assert.Equal(WishStatus.Draft, await WishStatusAsync(wish));
        Assert.Contains(await Host.InScopeAsync(sp => Task.FromResult(sp.GetRequiredService<WishLifecycle>().Label(WishStatus.Draft))),
            (await StateAsync(id)).Properties["Why"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_verified_wish_gets_a_story_draft_linked_to_it()
    {
        var go = Unique("go");
        var wish = await CreateItemAsync("Wish", "一台轮椅");
        await Host.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<WishIndexRecord>()
            .Where(w => w.WishId == wish).ExecuteUpdateAsync(s => s.SetProperty(w => w.Status, WishStatus.Verified)));
        await SaveAsync(Starting(go)
            .Add("story", "CreateStoryDraftTask", new JsonObject { ["Title"] = "圆梦：{{ input('Title') }}" })
            .Connect("start", "Done", "story"));

        var id = Assert.Single((await SignalAsync(go, wish, new JsonObject { ["Title"] = "一台轮椅" })).Started);

        var storyId = (await StateAsync(id)).Properties["StoryId"]!.GetValue<string>();
        var story = (await ItemAsync(storyId))!;
        Assert.Equal("圆梦：一台轮椅", story.DisplayText);
        Assert.False(story.Published);
        Assert.Equal(wish, story.Field("Story", "RelatedWishes")["ContentItemIds"]![0]!.GetValue<string>());
        Assert.Equal(WishStatus.StoryDrafted, await WishStatusAsync(wish));
    }
}
