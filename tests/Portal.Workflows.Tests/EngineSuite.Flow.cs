using System.Text.Json.Nodes;
using Portal.Workflows.Models;
using static Portal.Workflows.Tests.WorkflowBuilder;

namespace Portal.Workflows.Tests;

public abstract partial class EngineSuite
{
    [Fact]
    public async Task An_event_starts_an_instance_that_runs_to_the_end()
    {
        var go = Unique("go");
        await SaveAsync(Starting(go)
            .Add("set", "SetPropertyTask", Set("Greeting", "'你好 ' + input('Name')"))
            .Connect("start", "Done", "set"));

        var result = await SignalAsync(go, "c1", new JsonObject { ["Name"] = "李" });

        var id = Assert.Single(result.Started);
        var instance = (await InstanceAsync(id))!;
        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal("c1", instance.CorrelationId);
        var state = await StateAsync(id);
        Assert.Equal("你好 李", state.Properties["Greeting"]!.GetValue<string>());
        Assert.Equal(["start", "set"], state.Executed.Select(e => e.ActivityId));
    }

    [Fact]
    public async Task An_event_that_no_type_starts_with_starts_nothing()
    {
        await SaveAsync(Starting(Unique("go")));

        var result = await SignalAsync(Unique("other"), "c1");

        Assert.Empty(result.Started);
        Assert.Empty(result.Resumed);
    }

    [Fact]
    public async Task A_halted_instance_resumes_only_on_its_own_correlation_id()
    {
        var go = Unique("go");
        var approve = Unique("approve");
        await SaveAsync(Starting(go)
            .Add("wait", "SignalEvent", Signal(approve))
            .Add("set", "SetPropertyTask", Set("ApprovedBy", "input('By')"))
            .Connect("start", "Done", "wait").Connect("wait", "Done", "set"));
        var first = Assert.Single((await SignalAsync(go, "wish-1")).Started);
        var second = Assert.Single((await SignalAsync(go, "wish-2")).Started);
        Assert.Equal(WorkflowStatus.Halted, (await InstanceAsync(first))!.Status);
        Assert.Equal("wait", Assert.Single(await BlockingAsync(first)).ActivityId);

        var result = await SignalAsync(approve, "wish-1", new JsonObject { ["By"] = "王" });

        Assert.Equal([first], result.Resumed);
        Assert.Empty(result.Started);
        Assert.Equal(WorkflowStatus.Finished, (await InstanceAsync(first))!.Status);
        Assert.Equal("王", (await StateAsync(first)).Properties["ApprovedBy"]!.GetValue<string>());
        Assert.Empty(await BlockingAsync(first));
        Assert.Equal(WorkflowStatus.Halted, (await InstanceAsync(second))!.Status);
    }

    [Theory]
    [InlineData(3, "True")]
    [InlineData(1, "False")]
    public async Task If_else_takes_the_outcome_of_its_condition(int count, string expected)
    {
        var go = Unique("go");
        await SaveAsync(Starting(go)
            .Add("if", "IfElseTask", Expression("Condition", "input('Count') > 2"))
            .Add("yes", "SetPropertyTask", Set("Branch", "'True'"))
            .Add("no", "SetPropertyTask", Set("Branch", "'False'"))
            .Connect("start", "Done", "if").Connect("if", "True", "yes").Connect("if", "False", "no"));

        var id = Assert.Single((await SignalAsync(go, null, new JsonObject { ["Count"] = count })).Started);

        var state = await StateAsync(id);
        Assert.Equal(expected, state.Properties["Branch"]!.GetValue<string>());
        Assert.Equal([expected], state.Executed.Single(e => e.ActivityId == "if").Outcomes);
    }

    [Fact]
    public async Task Join_waits_for_every_branch_of_a_fork()
    {
        var go = Unique("go");
        var later = Unique("later");
        await SaveAsync(Starting(go)
            .Add("fork", "ForkTask", new JsonObject { ["Forks"] = new JsonArray("Now", "Later") })
            .Add("now", "SetPropertyTask", Set("Now", "true"))
            .Add("wait", "SignalEvent", Signal(later))
            .Add("join", "JoinTask", new JsonObject { ["Mode"] = "WaitAll" })
            .Add("after", "SetPropertyTask", Set("Joined", "property('Now') === true"))
            .Connect("start", "Done", "fork")
            .Connect("fork", "Now", "now").Connect("fork", "Later", "wait")
            .Connect("now", "Done", "join").Connect("wait", "Done", "join")
            .Connect("join", "Joined", "after"));

        var id = Assert.Single((await SignalAsync(go, "j")).Started);
        Assert.Equal(WorkflowStatus.Halted, (await InstanceAsync(id))!.Status);
        Assert.Null((await StateAsync(id)).Properties["Joined"]);

        await SignalAsync(later, "j");

        Assert.Equal(WorkflowStatus.Finished, (await InstanceAsync(id))!.Status);
        var state = await StateAsync(id);
        Assert.True(state.Properties["Joined"]!.GetValue<bool>());
        Assert.Single(state.Executed, e => e.ActivityId == "after");
    }

    [Fact]
    public async Task For_each_repeats_its_branch_once_per_value()
    {
        var go = Unique("go");
        await SaveAsync(Starting(go)
            .Add("init", "SetPropertyTask", Set("Sum", "0"))
            .Add("each", "ForEachTask", new JsonObject { ["Values"] = new JsonObject { ["Expression"] = "input('Items')" }, ["VariableName"] = "Item" })
            .Add("add", "SetPropertyTask", Set("Sum", "property('Sum') + property('Item')"))
            .Connect("start", "Done", "init").Connect("init", "Done", "each")
            .Connect("each", "Iterate", "add").Connect("add", "Done", "each"));

        var id = Assert.Single((await SignalAsync(go, null, new JsonObject { ["Items"] = new JsonArray(1, 2, 3) })).Started);

        var state = await StateAsync(id);
        Assert.Equal(6, state.Properties["Sum"]!.GetValue<long>());
        Assert.Equal(WorkflowStatus.Finished, (await InstanceAsync(id))!.Status);
    }

    [Fact]
    public async Task A_script_chooses_among_its_declared_outcomes_and_sees_the_workflow()
    {
        var go = Unique("go");
        await SaveAsync(Starting(go)
            .Add("script", "ScriptTask", Script("""
                setProperty('Seen', correlationId() + ':' + input('N'));
                output('Doubled', input('N') * 2);
                setOutcome(input('N') > 5 ? 'Big' : 'Small');
                'ran';
                """, "Big", "Small"))
            .Add("log", "LogTask", new JsonObject { ["Text"] = "{{ property('Seen') }} became {{ lastResult() }}" })
            .Add("set", "SetPropertyTask", Set("Logged", "lastResult()"))
            .Connect("start", "Done", "script").Connect("script", "Big", "log").Connect("log", "Done", "set"));

        var id = Assert.Single((await SignalAsync(go, "k", new JsonObject { ["N"] = 7 })).Started);

        var state = await StateAsync(id);
        Assert.Equal(14, state.Output["Doubled"]!.GetValue<long>());
        Assert.Equal("k:7 became ran", state.Properties["Logged"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_singleton_type_starts_no_second_instance_while_one_is_unfinished()
    {
        var go = Unique("go");
        await SaveAsync(Starting(go).Singleton()
            .Add("wait", "SignalEvent", Signal(Unique("never"))).Connect("start", "Done", "wait"));

        Assert.Single((await SignalAsync(go, "a")).Started);
        Assert.Empty((await SignalAsync(go, "b")).Started);
    }

    [Fact]
    public async Task A_type_that_deletes_finished_instances_keeps_none()
    {
        var go = Unique("go");
        await SaveAsync(Starting(go).DeleteFinished());

        var id = Assert.Single((await SignalAsync(go, "d")).Started);

        Assert.Null(await InstanceAsync(id));
    }
}
