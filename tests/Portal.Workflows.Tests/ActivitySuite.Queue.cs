using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Workflows.Services;
using static Portal.Workflows.Tests.WorkflowBuilder;

namespace Portal.Workflows.Tests;

/// <summary>The work queue: who sees which user tasks, counted and paged by the database.</summary>
public abstract partial class ActivitySuite
{
    private async Task<string> TaskTypeAsync(string title, params string[] roles)
    {
        var go = Unique("go");
        await SaveAsync(Starting(go).Add("decide", "UserTask", new JsonObject
        {
            ["Title"] = title + " {{ correlationId() }}",
            ["Actions"] = new JsonArray("Approve"),
            ["Roles"] = new JsonArray(roles.Select(r => (JsonNode)r).ToArray()),
        }).Connect("start", "Done", "decide"));
        return go;
    }

    [Fact]
    public async Task The_work_queue_shows_the_tasks_of_a_users_roles_counted_and_paged()
    {
        var (reviewer, lead, other) = (Unique("Reviewer"), Unique("Lead"), Unique("Other"));
        var reviews = await TaskTypeAsync("Review", reviewer);
        var signOffs = await TaskTypeAsync("Sign off", lead, other);
        for (var i = 0; i < 3; i++) Assert.Single((await SignalAsync(reviews, $"r{i}")).Started);
        for (var i = 0; i < 2; i++) Assert.Single((await SignalAsync(signOffs, $"s{i}")).Started);

        Task<int> CountAsync(params string[] roles) =>
            Host.InScopeAsync(sp => sp.GetRequiredService<UserTaskService>().PendingCountAsync(Person(Unique("u"), roles)));
        Task<IReadOnlyList<PendingTask>> PageAsync(int skip, int take, params string[] roles) =>
            Host.InScopeAsync(sp => sp.GetRequiredService<UserTaskService>().PendingAsync(Person(Unique("u"), roles), null, skip, take));

        Assert.Equal(3, await CountAsync(reviewer));
        Assert.Equal(2, await CountAsync(other));
        Assert.Equal(5, await CountAsync(reviewer, other));
        // A role whose name is part of another's is not that role.
        Assert.Equal(0, await CountAsync(reviewer[..^1]));
        Assert.Equal(0, await CountAsync());

        var all = await PageAsync(0, 50, reviewer, lead);
        Assert.Equal(["Review r0", "Review r1", "Review r2", "Sign off s0", "Sign off s1"], all.Select(t => t.Title));
        var second = await PageAsync(2, 2, reviewer, lead);
        Assert.Equal(["Review r2", "Sign off s0"], second.Select(t => t.Title));
    }

    [Fact]
    public async Task A_decided_task_leaves_the_queue()
    {
        var reviewer = Unique("Reviewer");
        var go = await TaskTypeAsync("Check", reviewer);
        Assert.Single((await SignalAsync(go, "one")).Started);
        Assert.Single((await SignalAsync(go, "two")).Started);
        var person = Person(Unique("u"), reviewer);
        var first = (await Host.InScopeAsync(sp => sp.GetRequiredService<UserTaskService>().PendingAsync(person)))[0];

        Assert.True((await DecideAsync(person, first.InstanceId, first.ActivityId, "Approve")).Succeeded);

        var left = Assert.Single(await Host.InScopeAsync(sp => sp.GetRequiredService<UserTaskService>().PendingAsync(person)));
        Assert.Equal("Check two", left.Title);
        Assert.Equal(1, await Host.InScopeAsync(sp => sp.GetRequiredService<UserTaskService>().PendingCountAsync(person)));
    }
}
