using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Workflows.Models;
using Portal.Workflows.Services;
using static Portal.Workflows.Tests.WorkflowBuilder;

namespace Portal.Workflows.Tests;

public abstract partial class EngineSuite
{
    [Fact]
    public async Task A_failing_script_faults_the_instance_with_its_error_and_a_retry_after_the_fix_finishes_it()
    {
        var go = Unique("go");
        var builder = Starting(go)
            .Add("script", "ScriptTask", Script("throw new Error('地址缺失');"))
            .Add("set", "SetPropertyTask", Set("After", "true"))
            .Connect("start", "Done", "script").Connect("script", "Done", "set");
        var type = await SaveAsync(builder);

        var id = Assert.Single((await SignalAsync(go, "f")).Started);

        var faulted = (await InstanceAsync(id))!;
        Assert.Equal(WorkflowStatus.Faulted, faulted.Status);
        Assert.Equal("script", faulted.FaultedActivityId);
        Assert.Contains("地址缺失", faulted.FaultMessage);
        Assert.Contains("Script", faulted.FaultMessage);

        type.Activities.Single(a => a.ActivityId == "script").Properties["Script"] = "setOutcome('Done');";
        await Host.InScopeAsync(sp => sp.GetRequiredService<WorkflowTypeStore>().SaveAsync(type));
        var retried = await ManagerAsync(m => m.RetryAsync(id));

        Assert.True(retried.Succeeded, retried.Error);
        var instance = (await InstanceAsync(id))!;
        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Null(instance.FaultMessage);
        Assert.True((await StateAsync(id)).Properties["After"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Only_a_faulted_instance_can_be_retried()
    {
        var go = Unique("go");
        await SaveAsync(Starting(go));
        var id = Assert.Single((await SignalAsync(go, null)).Started);

        var result = await ManagerAsync(m => m.RetryAsync(id));

        Assert.False(result.Succeeded);
        Assert.Contains("Finished", result.Error);
    }

    [Fact]
    public async Task A_cancelled_instance_waits_for_nothing_any_more()
    {
        var go = Unique("go");
        var approve = Unique("approve");
        await SaveAsync(Starting(go).Add("wait", "SignalEvent", Signal(approve)).Connect("start", "Done", "wait"));
        var id = Assert.Single((await SignalAsync(go, "x")).Started);

        var cancelled = await ManagerAsync(m => m.CancelAsync(id));
        var resumed = await SignalAsync(approve, "x");

        Assert.True(cancelled.Succeeded);
        Assert.Empty(resumed.Resumed);
        Assert.Equal(WorkflowStatus.Aborted, (await InstanceAsync(id))!.Status);
        Assert.Empty(await BlockingAsync(id));
        Assert.False((await ManagerAsync(m => m.CancelAsync(id))).Succeeded);
    }

    [Fact]
    public async Task An_endless_loop_is_stopped_by_the_step_limit_with_a_clear_fault()
    {
        var go = Unique("go");
        await SaveAsync(Starting(go)
            .Add("count", "SetPropertyTask", Set("N", "(property('N') || 0) + 1"))
            .Add("again", "IfElseTask", Expression("Condition", "true"))
            .Connect("start", "Done", "count").Connect("count", "Done", "again").Connect("again", "True", "count"));

        var id = Assert.Single((await SignalAsync(go, null)).Started);

        var instance = (await InstanceAsync(id))!;
        Assert.Equal(WorkflowStatus.Faulted, instance.Status);
        Assert.Contains("Stopped after 200 steps", instance.FaultMessage);
        Assert.Contains("loops forever", instance.FaultMessage);
    }

    [Fact]
    public async Task A_script_that_never_ends_faults_its_activity()
    {
        var go = Unique("go");
        await SaveAsync(Starting(go).Add("spin", "ScriptTask", Script("while (true) {}")).Connect("start", "Done", "spin"));

        var id = Assert.Single((await SignalAsync(go, null)).Started);

        var instance = (await InstanceAsync(id))!;
        Assert.Equal(WorkflowStatus.Faulted, instance.Status);
        Assert.Contains("ran longer than", instance.FaultMessage);
    }

    [Fact]
    public async Task An_unknown_activity_faults_the_instance_as_missing_and_is_flagged_before_save()
    {
        var go = Unique("go");
        var builder = Starting(go).Add("gone", "RetiredPluginTask").Connect("start", "Done", "gone");
        await SaveAsync(builder);

        var id = Assert.Single((await SignalAsync(go, null)).Started);

        var instance = (await InstanceAsync(id))!;
        Assert.Equal(WorkflowStatus.Faulted, instance.Status);
        Assert.Contains("'RetiredPluginTask' is missing", instance.FaultMessage);
        var problems = await Host.InScopeAsync(sp => Task.FromResult(sp.GetRequiredService<WorkflowTypeValidator>().Problems(builder.Build())));
        Assert.Contains(problems, p => p.Contains("RetiredPluginTask") && p.Contains("missing"));
    }

    [Fact]
    public async Task A_type_with_a_transition_to_nowhere_is_refused_and_nothing_is_saved()
    {
        var type = new WorkflowBuilder(Unique("broken")).Start("start", "SignalEvent", Signal("s")).Connect("start", "Done", "ghost").Build();

        var (result, count) = await Host.InScopeAsync(async sp =>
        {
            var store = sp.GetRequiredService<WorkflowTypeStore>();
            var saved = await store.SaveAsync(type);
            return (saved, (await store.ListAsync()).Count(t => t.Name == type.Name));
        });

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Contains("ghost"));
        Assert.Equal(0, count);
    }

    [Fact]
    public async Task Validation_before_save_names_a_missing_start_and_an_undeclared_outcome()
    {
        var type = new WorkflowBuilder("v")
            .Add("if", "IfElseTask", Expression("Condition", "true"))
            .Add("log", "LogTask")
            .Connect("if", "Maybe", "log").Build();

        var problems = await Host.InScopeAsync(sp => Task.FromResult(sp.GetRequiredService<WorkflowTypeValidator>().Problems(type)));

        Assert.Contains(problems, p => p.Contains("No activity is marked as the start"));
        Assert.Contains(problems, p => p.Contains("no outcome 'Maybe'"));
    }

    [Fact]
    public async Task Two_events_at_once_resume_an_instance_only_once()
    {
        var go = Unique("go");
        var approve = Unique("approve");
        await SaveAsync(Starting(go)
            .Add("wait", "SignalEvent", Signal(approve))
            .Add("count", "SetPropertyTask", Set("Runs", "(property('Runs') || 0) + 1"))
            .Connect("start", "Done", "wait").Connect("wait", "Done", "count"));
        var id = Assert.Single((await SignalAsync(go, "race")).Started);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => SignalAsync(approve, "race"))));

        Assert.Equal(1, results.Sum(r => r.Resumed.Count));
        var state = await StateAsync(id);
        Assert.Equal(1, state.Properties["Runs"]!.GetValue<long>());
        Assert.Single(state.Executed, e => e.ActivityId == "count");
        Assert.Equal(WorkflowStatus.Finished, (await InstanceAsync(id))!.Status);
    }

    [Fact]
    public async Task A_template_with_an_unclosed_expression_faults_with_where_it_is()
    {
        var go = Unique("go");
        await SaveAsync(Starting(go).Add("log", "LogTask", new JsonObject { ["Text"] = "hello {{ input('x') " }).Connect("start", "Done", "log"));

        var id = Assert.Single((await SignalAsync(go, null)).Started);

        var instance = (await InstanceAsync(id))!;
        Assert.Equal(WorkflowStatus.Faulted, instance.Status);
        Assert.Contains("LogTask.Text", instance.FaultMessage);
        Assert.Contains("never closed", instance.FaultMessage);
    }
}
