using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Testing;
using Portal.Workflows.Models;
using Portal.Workflows.Services;

namespace Portal.Cluster.Tests;

/// <summary>Workflow timers across the two processes.</summary>
public sealed partial class MultiNodeTests
{
    [Fact]
    public async Task Due_timers_fire_once_across_both_nodes_and_a_node_killed_in_a_batch_loses_none_and_doubles_none()
    {
        const int instances = 400;
        var role = "timers-" + Guid.NewGuid().ToString("N")[..8];
        var type = await SaveTypeAsync($$$"""
            { "Name": "{{{role}}}",
              "Activities": [
                { "ActivityId": "start", "Name": "SignalEvent", "IsStart": true, "Properties": { "SignalName": "{{{role}}}" } },
                { "ActivityId": "wait", "Name": "DelayTask", "Properties": { "Duration": "1d" } },
                { "ActivityId": "notify", "Name": "NotifyTask", "Properties": { "Message": "{{ correlationId() }}", "Roles": "{{{role}}}" } } ],
              "Transitions": [
                { "SourceActivityId": "start", "SourceOutcomeName": "Done", "DestinationActivityId": "wait" },
                { "SourceActivityId": "wait", "SourceOutcomeName": "Done", "DestinationActivityId": "notify" } ] }
            """);
        for (var batch = 0; batch < instances / 100; batch++)
            await cluster.Admin.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().InTransactionAsync(async () =>
            {
                var manager = sp.GetRequiredService<WorkflowManager>();
                for (var i = batch * 100; i < (batch + 1) * 100; i++)
                    Assert.Single((await manager.TriggerEventAsync("SignalEvent", new JsonObject { ["Signal"] = role }, $"t-{i}")).Started);
                return true;
            }));

        // Time passes: every delay is due at the same moment, and both nodes look every second.
        await InDbAsync(db => db.Set<WorkflowTimerRecord>().Where(t => t.WorkflowTypeId == type)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.DueUtc, DateTime.UtcNow.AddSeconds(-1))));
        var firstLog = cluster.Nodes.Select(n => n.Output.Length).ToArray();
        var (victim, held) = await PartlyFiredBatchAsync(type);
        var finishedAtKill = await FinishedAsync(type);
        cluster.Nodes[victim].Kill();
        var killed = Stopwatch.StartNew();
        var survivor = cluster.Nodes[1 - victim];
        var victimClaim = $":{cluster.Nodes[victim].ProcessId}:";
        // Taken over: none of the dead node's claims is left unfired or unclaimed again.
        await WithinAsync(() => InDbAsync(db => db.Set<WorkflowTimerRecord>()
            .CountAsync(t => t.WorkflowTypeId == type && t.ClaimedBy != null && t.ClaimedBy.Contains(victimClaim))), n => n == 0, TimeSpan.FromSeconds(60));
        var takenOver = killed.Elapsed;

        await WithinAsync(() => FinishedAsync(type), f => f == instances, TimeSpan.FromSeconds(TwoNodeCluster.LeaseSeconds * 4 + 120));
        var allDone = killed.Elapsed;
        var notices = await InDbAsync(db => db.Set<NotificationRecord>().Where(n => n.RoleName == role)
            .GroupBy(n => n.Message).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        var leftOver = await InDbAsync(db => db.Set<WorkflowTimerRecord>().CountAsync(t => t.WorkflowTypeId == type));
        await Task.Delay(1500); // the survivor's last round logs its count
        var survivorFired = FiredLogged(survivor.Output[firstLog[1 - victim]..]);
        output.WriteLine($"{instances} due delays over two nodes. Node {(victim == 0 ? "A" : "B")} was killed holding {held} claimed timers, " +
            $"{finishedAtKill} instances having gone on by then; the survivor fired {survivorFired} (from its log), the killed node the other " +
            $"{instances - survivorFired}; its claims were taken over {takenOver.TotalSeconds:F1} s after the kill, all {instances} had fired {allDone.TotalSeconds:F1} s after the kill (lease {TwoNodeCluster.LeaseSeconds} s). " +
            $"Notices per instance: {string.Join(", ", notices.GroupBy(n => n.Count).Select(g => $"{g.Count()} with {g.Key}"))}");

        Assert.Equal(instances, notices.Count);
        Assert.All(notices, n => Assert.Equal(1, n.Count));
        Assert.Equal(0, leftOver);
        Assert.InRange(finishedAtKill, 0, instances - 1);
        await cluster.RestartAsync(victim);
    }

    [Fact]
    public async Task A_starting_timer_due_on_both_nodes_starts_one_instance_each_time()
    {
        const int occurrences = 5;
        var role = "cron-" + Guid.NewGuid().ToString("N")[..8];
        var type = await SaveTypeAsync($$"""
            { "Name": "{{role}}",
              "Activities": [
                { "ActivityId": "tick", "Name": "TimerEvent", "IsStart": true, "Properties": { "CronExpression": "0 3 1 1 *" } },
                { "ActivityId": "notify", "Name": "NotifyTask", "Properties": { "Message": "tick", "Roles": "{{role}}" } } ],
              "Transitions": [ { "SourceActivityId": "tick", "SourceOutcomeName": "Done", "DestinationActivityId": "notify" } ] }
            """);
        Task<int> StartedAsync() => InDbAsync(db => db.Set<WorkflowInstanceRecord>().CountAsync(i => i.WorkflowTypeId == type));

        for (var occurrence = 1; occurrence <= occurrences; occurrence++)
        {
            // The yearly occurrence comes round now; both nodes see it within a second.
            await InDbAsync(db => db.Set<WorkflowTimerRecord>().Where(t => t.WorkflowTypeId == type)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.DueUtc, DateTime.UtcNow.AddSeconds(-1))));
            var expected = occurrence;
            await WithinAsync(StartedAsync, n => n >= expected, TimeSpan.FromSeconds(60));
            // Long enough for each node to have looked twice more.
            await Task.Delay(2500);
            Assert.Equal(occurrence, await StartedAsync());
        }

        var next = await InDbAsync(db => db.Set<WorkflowTimerRecord>().Where(t => t.WorkflowTypeId == type).Select(t => t.DueUtc).SingleAsync());
        var notices = await InDbAsync(db => db.Set<NotificationRecord>().CountAsync(n => n.RoleName == role));
        output.WriteLine($"{occurrences} occurrences of a starting timer seen by two nodes: {await StartedAsync()} instances, {notices} notices; next due {next:u}");
        Assert.Equal(occurrences, notices);
        Assert.True(next > DateTime.UtcNow.AddDays(1), $"the timer was not rescheduled ({next:u})");
    }

    private Task<string> SaveTypeAsync(string json) =>
        cluster.Admin.InScopeAsync(async sp =>
        {
            var result = await sp.GetRequiredService<WorkflowTypeStore>().SaveAsync(WorkflowType.FromJson(JsonNode.Parse(json)!));
            Assert.True(result.Succeeded, string.Join("; ", result.Errors));
            return result.Type!.WorkflowTypeId;
        });

    private Task<T> InDbAsync<T>(Func<PortalDbContext, Task<T>> work) =>
        cluster.Admin.InScopeAsync(sp => work(sp.GetRequiredService<PortalDbContext>()));

    private Task<int> FinishedAsync(string type) =>
        InDbAsync(db => db.Set<WorkflowInstanceRecord>().CountAsync(i => i.WorkflowTypeId == type && i.Status == WorkflowStatus.Finished));

    /// <summary>Which node holds claimed, unfired timers of the type now, and how many (timer claims are "host:pid:random").</summary>
    private async Task<(int Node, int Held)> HolderAsync(string type)
    {
        var claims = await InDbAsync(db => db.Set<WorkflowTimerRecord>().Where(t => t.WorkflowTypeId == type && t.ClaimedBy != null)
            .Select(t => t.ClaimedBy!).ToListAsync());
        for (var n = 0; n < 2; n++)
        {
            var held = claims.Count(c => c.Split(':') is [_, var pid, _] && pid == cluster.Nodes[n].ProcessId.ToString());
            if (held > 0) return (n, held);
        }
        return (-1, 0);
    }

    /// <summary>
    /// Waits until a node has fired part of the batch it claimed and holds the rest: its count of held claims fell
    /// between two looks and is not zero (a fresh batch only ever raises it). The fire pause of the cluster's settings
    /// keeps a batch going for seconds, so this is seen.
    /// </summary>
    private async Task<(int Node, int Held)> PartlyFiredBatchAsync(string type)
    {
        var last = (Node: -1, Held: 0);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var now = await HolderAsync(type);
            if (now.Node >= 0 && now.Node == last.Node && 0 < now.Held && now.Held < last.Held) return now;
            last = now;
            await Task.Delay(25);
        }
        throw new TimeoutException("No node was seen in the middle of a timer batch within 60 s.");
    }

    /// <summary>The sum of the "Fired {Count} workflow timers" lines of a node's JSON log.</summary>
    private static int FiredLogged(string log) =>
        log.Split('\n').Where(l => l.Contains("Fired ") && l.Contains("WorkflowTimerService"))
            .Sum(l => JsonNode.Parse(l)!["State"]!["Count"]!.GetValue<int>());
}
