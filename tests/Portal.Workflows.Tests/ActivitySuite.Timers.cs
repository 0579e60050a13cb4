using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Testing;
using Portal.Workflows.Models;
using Portal.Workflows.Services;
using static Portal.Workflows.Tests.WorkflowBuilder;

namespace Portal.Workflows.Tests;

public abstract partial class ActivitySuite
{
    [Fact]
    public async Task A_delay_waits_until_it_is_due_then_the_instance_goes_on()
    {
        var go = Unique("go");
        var type = await SaveAsync(Starting(go)
            .Add("wait", "DelayTask", new JsonObject { ["Duration"] = "48h" })
            .Add("after", "SetPropertyTask", Set("Waited", "true"))
            .Connect("start", "Done", "wait").Connect("wait", "Done", "after"));
        var id = Assert.Single((await SignalAsync(go, "d1")).Started);
        var timer = Assert.Single(await TimersAsync(type.WorkflowTypeId));
        Assert.InRange(timer.DueUtc, DateTime.UtcNow.AddHours(47), DateTime.UtcNow.AddHours(49));

        await FireTimersAsync();
        Assert.Equal(WorkflowStatus.Halted, (await InstanceAsync(id))!.Status);

        await MakeDueAsync(type.WorkflowTypeId);
        await FireTimersAsync();

        Assert.Equal(WorkflowStatus.Finished, (await InstanceAsync(id))!.Status);
        Assert.Empty(await TimersAsync(type.WorkflowTypeId));
    }

    [Fact]
    public async Task Due_timers_fire_once_when_several_nodes_look_at_the_same_moment()
    {
        var go = Unique("go");
        var type = await SaveAsync(Starting(go)
            .Add("wait", "DelayTask", new JsonObject { ["Duration"] = "1h" })
            .Add("count", "SetPropertyTask", Set("Fired", "(property('Fired') || 0) + 1"))
            .Connect("start", "Done", "wait").Connect("wait", "Done", "count"));
        var ids = new List<string>();
        for (var i = 0; i < 6; i++) ids.Add(Assert.Single((await SignalAsync(go, "n" + i)).Started));
        await MakeDueAsync(type.WorkflowTypeId);
        var nodes = Enumerable.Range(0, 3).Select(_ => ActivatorUtilities.CreateInstance<WorkflowTimerService>(Host.Services)).ToList();

        var fired = await Task.WhenAll(nodes.Select(n => Task.Run(() => n.RunOnceAsync())));

        Assert.Equal(ids.Count, fired.Sum());
        foreach (var id in ids)
        {
            Assert.Equal(WorkflowStatus.Finished, (await InstanceAsync(id))!.Status);
            Assert.Equal(1, (await StateAsync(id)).Properties["Fired"]!.GetValue<long>());
        }
    }

    [Fact]
    public async Task A_starting_timer_catches_up_once_after_downtime_and_keeps_its_schedule()
    {
        var type = await SaveAsync(new WorkflowBuilder(Unique("nightly"))
            .Start("nightly", "TimerEvent", new JsonObject { ["CronExpression"] = "0 2 * * *" })
            .Add("log", "LogTask", new JsonObject { ["Text"] = "nightly run" })
            .Connect("nightly", "Done", "log"));
        var row = Assert.Single(await TimersAsync(type.WorkflowTypeId));
        Assert.Null(row.InstanceId);
        Assert.Equal((2, 0), (row.DueUtc.Hour, row.DueUtc.Minute));

        await MakeDueAsync(type.WorkflowTypeId);
        await FireTimersAsync();
        await FireTimersAsync();

        Assert.Single(await InstancesOfAsync(type.WorkflowTypeId));
        var next = Assert.Single(await TimersAsync(type.WorkflowTypeId)).DueUtc;
        Assert.True(next > DateTime.UtcNow);
        Assert.Equal((2, 0), (next.Hour, next.Minute));
    }

    [Fact]
    public async Task A_waiting_delay_survives_a_restart_of_the_portal()
    {
        var database = Host.Database;
        string typeId, id;
        await using (var before = await PortalTestHost.StartOnAsync(database, settings: ActivityHost.Settings))
        {
            var go = Unique("go");
            var type = await before.InScopeAsync(sp => sp.GetRequiredService<WorkflowTypeStore>().SaveAsync(Starting(go)
                .Add("wait", "DelayTask", new JsonObject { ["Duration"] = "7d" })
                .Add("after", "SetPropertyTask", Set("Resumed", "true"))
                .Connect("start", "Done", "wait").Connect("wait", "Done", "after").Build()));
            typeId = type.Type!.WorkflowTypeId;
            id = Assert.Single((await before.InScopeAsync(sp => sp.GetRequiredService<WorkflowManager>()
                .TriggerEventAsync("SignalEvent", new JsonObject { ["Signal"] = go }, "restart"))).Started);
        }

        await using var after = await PortalTestHost.StartOnAsync(database, settings: ActivityHost.Settings);
        await MakeDueAsync(typeId);
        await after.Services.GetRequiredService<WorkflowTimerService>().RunOnceAsync();

        Assert.Equal(WorkflowStatus.Finished, (await InstanceAsync(id))!.Status);
        Assert.True((await StateAsync(id)).Properties["Resumed"]!.GetValue<bool>());
    }
}

/// <summary>The cron schedules of TimerEvent (pure, no database).</summary>
public sealed class CronTests
{
    [Theory]
    [InlineData("0 2 * * *", "2026-11-22T01:30:00", "2026-11-22T02:00:00")]
    [InlineData("0 2 * * *", "2026-11-22T02:00:00", "2026-11-23T02:00:00")]
    [InlineData("*/15 * * * *", "2026-11-22T10:07:00", "2026-11-22T10:15:00")]
    [InlineData("30 9 * * 1", "2026-11-22T12:00:00", "2026-11-23T09:30:00")]
    [InlineData("0 0 1 1 *", "2026-11-22T12:00:00", "2027-01-01T00:00:00")]
    public void Cron_finds_the_next_occurrence(string expression, string after, string expected)
    {
        Assert.True(Engine.Cron.TryParse(expression, out var cron, out var error), error);
        Assert.Equal(DateTime.Parse(expected + "Z").ToUniversalTime(), cron!.Next(DateTime.Parse(after + "Z").ToUniversalTime()));
    }

    [Theory]
    [InlineData("0 2 * *")]
    [InlineData("61 * * * *")]
    [InlineData("a b c d e")]
    public void A_bad_cron_expression_is_refused_with_a_reason(string expression)
    {
        Assert.False(Engine.Cron.TryParse(expression, out _, out var error));
        Assert.Contains(expression.Split(' ')[0] == "61" ? "61" : expression, error);
    }
}
