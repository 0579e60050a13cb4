using System.Diagnostics;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Workflows.Models;
using Portal.Workflows.Services;

namespace Portal.Benchmarks;

/// <summary>
/// Workflow dispatch: N instances halted on a signal (one per correlation id), then resuming the one correlated
/// instance of an event; and workflow starts per second. Baselines, in the same run on the same database: the
/// bare SQL of a start (insert the instance and its blocking row) and of a resume (find the blocking row by
/// event and correlation id, claim the instance by version, write its state, delete the row).
/// </summary>
public static class WorkflowBenchmark
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var failed = false;
        foreach (var provider in options.Providers)
        {
            await using var host = await BenchHost.StartAsync(provider);
            Console.WriteLine($"== workflows on {provider}: {options.Items:N0} halted instances");
            var type = new WorkflowType
            {
                Name = "bench",
                Activities =
                [
                    new ActivityRecord { ActivityId = "start", Name = "SignalEvent", IsStart = true, Properties = new JsonObject { ["SignalName"] = "go" } },
                    new ActivityRecord { ActivityId = "wait", Name = "SignalEvent", Properties = new JsonObject { ["SignalName"] = "approve" } },
                    new ActivityRecord { ActivityId = "set", Name = "SetPropertyTask", Properties = new JsonObject { ["PropertyName"] = "Approved", ["Value"] = new JsonObject { ["Expression"] = "input('By')" } } },
                ],
                Transitions =
                [
                    new Transition { SourceActivityId = "start", SourceOutcomeName = "Done", DestinationActivityId = "wait" },
                    new Transition { SourceActivityId = "wait", SourceOutcomeName = "Done", DestinationActivityId = "set" },
                ],
            };
            await host.InScopeAsync(sp => sp.GetRequiredService<WorkflowTypeStore>().SaveAsync(type));

            // Starts: one scope (one request) per event, as a content save or wish move would raise it.
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < options.Items; i++)
                await host.InScopeAsync(sp => sp.GetRequiredService<WorkflowManager>()
                    .TriggerEventAsync("SignalEvent", new JsonObject { ["Signal"] = "go" }, "c" + i));
            var startSeconds = clock.Elapsed.TotalSeconds;
            var startCpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / options.Items;

            await using var connection = await host.OpenConnectionAsync();
            var baselineClock = Stopwatch.StartNew();
            var baselineStarts = Math.Min(options.Items, 2000);
            for (var i = 0; i < baselineStarts; i++) await BaselineStartAsync(connection, host.Provider, type.WorkflowTypeId, "b" + i);
            var baselinePerSecond = baselineStarts / baselineClock.Elapsed.TotalSeconds;

            var random = new Random(7);
            var order = Enumerable.Range(0, options.Items).OrderBy(_ => random.Next()).ToArray();
            var baselineOrder = Enumerable.Range(0, baselineStarts).OrderBy(_ => random.Next()).ToArray();
            var iterations = Math.Min(options.Iterations, Math.Min(options.Items, baselineStarts) * 9 / 10 - 20);
            var resume = await Measurement.RunAsync("resume the correlated instance", 10, iterations,
                i => host.InScopeAsync(sp => sp.GetRequiredService<WorkflowManager>()
                    .TriggerEventAsync("SignalEvent", new JsonObject { ["Signal"] = "approve", ["By"] = "bench" }, "c" + order[i])),
                i => BaselineResumeAsync(connection, host.Provider, "b" + baselineOrder[i]));

            var perSecond = options.Items / startSeconds;
            var rows = new[]
            {
                $"| workflow starts, per second (clock) | ≥ 1,000 | {perSecond:N0} | {baselinePerSecond:N0} | {baselinePerSecond / perSecond:0.0} | {(perSecond >= 1000 ? "pass" : "**fail**")} |",
                $"| workflow starts, CPU ms per start | < 1 ms | {startCpuMs:0.00} | | | {(startCpuMs < 1 ? "pass" : "**fail**")} |",
                $"| {resume.Name}, {options.Items:N0} halted (p50 / p95 / p99 ms) | p50 < 10 ms | {resume.Engine.Percentile(50):0.00} / {resume.Engine.Percentile(95):0.00} / {resume.Engine.Percentile(99):0.00} | {resume.Baseline.Percentile(50):0.00} / {resume.Baseline.Percentile(95):0.00} / {resume.Baseline.Percentile(99):0.00} | {resume.Ratio:0.0} | {(resume.Pass == true ? "pass" : "**fail**")} |",
            };
            Console.WriteLine("| measure | target | engine | baseline | ratio | pass |");
            Console.WriteLine("|---|---|---|---|---|---|");
            foreach (var row in rows) Console.WriteLine(row);
            failed |= resume.Pass != true || perSecond < 1000;
        }
        return failed ? 1 : 0;
    }

    private static async Task BaselineStartAsync(System.Data.Common.DbConnection connection, DatabaseProvider provider, string typeId, string correlationId)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        var id = Guid.NewGuid().ToString("N")[..26];
        var now = DateTime.UtcNow;
        await connection.ExecuteAsync("""
            INSERT INTO "WorkflowInstances" ("Id", "WorkflowTypeId", "CorrelationId", "Status", "Version", "State", "CreatedUtc", "ModifiedUtc")
            VALUES (@id, @typeId, @correlationId, 'Halted', 1, '{"Blocking":["wait"]}', @now, @now)
            """, new { id, typeId, correlationId, now }, transaction);
        await connection.ExecuteAsync("""
            INSERT INTO "WorkflowBlockingActivities" ("InstanceId", "ActivityId", "ActivityName", "CorrelationId") VALUES (@id, 'wait', 'SignalEvent', @correlationId)
            """, new { id, correlationId }, transaction);
        await transaction.CommitAsync();
    }

    private static async Task BaselineResumeAsync(System.Data.Common.DbConnection connection, DatabaseProvider provider, string correlationId)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        var row = await connection.QuerySingleAsync<(string InstanceId, long Version)>("""
            SELECT b."InstanceId", i."Version" FROM "WorkflowBlockingActivities" b JOIN "WorkflowInstances" i ON i."Id" = b."InstanceId"
            WHERE b."ActivityName" = 'SignalEvent' AND b."CorrelationId" = @correlationId
            """, new { correlationId }, transaction);
        await connection.ExecuteAsync("""
            UPDATE "WorkflowInstances" SET "Status" = 'Finished', "Version" = "Version" + 1, "State" = '{"Properties":{"Approved":"bench"}}'
            WHERE "Id" = @id AND "Version" = @version
            """, new { id = row.InstanceId, version = row.Version }, transaction);
        await connection.ExecuteAsync("""DELETE FROM "WorkflowBlockingActivities" WHERE "InstanceId" = @id""", new { id = row.InstanceId }, transaction);
        await transaction.CommitAsync();
    }
}
