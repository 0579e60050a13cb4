using System.Diagnostics;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;
using Portal.Core.Data;
using Portal.Workflows.Activities;
using Portal.Workflows.Models;
using Portal.Workflows.Services;

namespace Portal.Benchmarks;

/// <summary>
/// Workflow dispatch through the path the content manager and the wish lifecycle take: inside the caller's open
/// transaction, one scope (one request) per event, the content event's input (the whole item). A review-like type
/// starts when a Story is created, waits until it is published, then sets a property from a JavaScript expression;
/// three more enabled types start on wish events, as in the shipped recipe. Measured: N starts (starts per second,
/// CPU, commands), resuming the one correlated instance among the N halted ones, and an event that nothing waits
/// for (what every content save pays). Baselines in the same run on the same database: the bare SQL of a start
/// (insert the instance and its blocking row) and of a resume (find the blocking row by event and correlation id,
/// claim the instance by version, write its state, delete the row), and of the lookup alone.
/// </summary>
public static class WorkflowBenchmark
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var failed = false;
        foreach (var provider in options.Providers)
        {
            await using var host = await BenchHost.StartAsync(provider);
            Console.WriteLine($"== workflows on {provider}: {options.Items:N0} halted instances; load average {LoadAverage()}");
            await host.InScopeAsync(sp => sp.GetRequiredService<ContentDefinitionStore>().AlterAsync(StoryData.Define));
            var review = await SaveTypesAsync(host);
            var items = await NewStoriesAsync(host, options.Items);

            var starts = await Profile.RunAsync(host, items.Count, i => DispatchAsync(host, "ContentCreatedEvent", items[i], expect: r => r.Started.Count == 1));

            await using var connection = await host.OpenConnectionAsync();
            var baselineStarts = Math.Min(options.Items, 2000);
            var baselineClock = Stopwatch.StartNew();
            for (var i = 0; i < baselineStarts; i++) await BaselineStartAsync(connection, review.WorkflowTypeId, "b" + i);
            var baselinePerSecond = baselineStarts / baselineClock.Elapsed.TotalSeconds;

            var random = new Random(7);
            var order = Enumerable.Range(0, items.Count).OrderBy(_ => random.Next()).ToArray();
            var baselineOrder = Enumerable.Range(0, baselineStarts).OrderBy(_ => random.Next()).ToArray();
            var iterations = Math.Min(options.Iterations, Math.Min(items.Count, baselineStarts) * 9 / 10 - 20);
            var resume = await Measurement.RunAsync("resume the correlated instance", 10, iterations,
                i => DispatchAsync(host, "ContentPublishedEvent", items[order[i]], expect: r => r.Resumed.Count == 1),
                i => BaselineResumeAsync(connection, "b" + baselineOrder[i]));
            // CPU and commands of a resume, over instances the latency run left halted.
            var used = resume.Engine.Count + Math.Max(20, iterations / 10);
            var resumes = await Profile.RunAsync(host, Math.Min(1000, items.Count - used),
                i => DispatchAsync(host, "ContentPublishedEvent", items[order[used + i]], expect: r => r.Resumed.Count == 1));

            var unrelated = await Measurement.RunAsync("an event nothing waits for", null, iterations,
                i => DispatchAsync(host, "ContentUnpublishedEvent", items[order[i]], expect: r => r.Started.Count == 0 && r.Resumed.Count == 0),
                i => BaselineLookupAsync(connection, "b" + baselineOrder[i]));
            var unrelatedProfile = await Profile.RunAsync(host, 1000,
                i => DispatchAsync(host, "ContentUnpublishedEvent", items[order[i]], expect: r => r.Started.Count == 0 && r.Resumed.Count == 0));

            var perSecond = starts.PerSecond;
            Console.WriteLine("| measure | target | engine | baseline | ratio | pass |");
            Console.WriteLine("|---|---|---|---|---|---|");
            Console.WriteLine($"| workflow starts, per second (clock) | ≥ 1,000 | {perSecond:N0} | {baselinePerSecond:N0} | {baselinePerSecond / perSecond:0.0} | {(perSecond >= 1000 ? "pass" : "**fail**")} |");
            Console.WriteLine($"| workflow starts, CPU ms per start | < 1 ms | {starts.CpuMs:0.00} | | | {(starts.CpuMs < 1 ? "pass" : "**fail**")} |");
            Console.WriteLine($"| {resume.Name}, {options.Items:N0} halted (p50 / p95 / p99 ms) | p50 < 10 ms | {Percentiles(resume.Engine)} | {Percentiles(resume.Baseline)} | {resume.Ratio:0.0} | {(resume.Pass == true ? "pass" : "**fail**")} |");
            Console.WriteLine($"| {unrelated.Name} (p50 / p95 / p99 ms) | — | {Percentiles(unrelated.Engine)} | {Percentiles(unrelated.Baseline)} | {unrelated.Ratio:0.0} | |");
            Console.WriteLine();
            Console.WriteLine("| per event | CPU ms | commands | transaction commands | ms waiting for commands |");
            Console.WriteLine("|---|---|---|---|---|");
            foreach (var (name, profile) in new[] { ("start", starts), ("resume", resumes), ("event nothing waits for", unrelatedProfile) })
                Console.WriteLine($"| {name} | {profile.CpuMs:0.000} | {profile.Commands:0.0} | {profile.TransactionCommands:0.0} | {profile.DatabaseMs:0.000} |");
            Console.WriteLine($"   baseline: start 2 commands + begin/commit; resume 3 commands + begin/commit; lookup 1 command. Load average {LoadAverage()}");
            failed |= resume.Pass != true || perSecond < 1000;
        }
        return failed ? 1 : 0;
    }

    /// <summary>What <c>WorkflowContentHandler</c> does for a content event, in the open transaction of the save that raised it.</summary>
    private static Task DispatchAsync(BenchHost host, string eventName, ContentItem item, Func<TriggerResult, bool> expect) =>
        host.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            var manager = sp.GetRequiredService<WorkflowManager>();
            var result = await db.InTransactionAsync(() => manager.TriggerEventAsync(eventName, () => ContentEvent.Input(item), item.ContentItemId));
            if (!expect(result))
                throw new InvalidOperationException($"{eventName} on {item.ContentItemId}: started {result.Started.Count}, resumed {result.Resumed.Count}.");
            return result;
        });

    private static async Task<WorkflowType> SaveTypesAsync(BenchHost host)
    {
        var review = new WorkflowType
        {
            Name = "story review",
            Activities =
            [
                new ActivityRecord { ActivityId = "created", Name = "ContentCreatedEvent", IsStart = true, Properties = new JsonObject { ["ContentTypeFilter"] = new JsonArray("Story") } },
                new ActivityRecord { ActivityId = "published", Name = "ContentPublishedEvent", Properties = new JsonObject { ["ContentTypeFilter"] = new JsonArray("Story") } },
                new ActivityRecord { ActivityId = "set", Name = "SetPropertyTask", Properties = new JsonObject { ["PropertyName"] = "Published", ["Value"] = new JsonObject { ["Expression"] = "input('DisplayText')" } } },
            ],
            Transitions =
            [
                new Transition { SourceActivityId = "created", SourceOutcomeName = "Done", DestinationActivityId = "published" },
                new Transition { SourceActivityId = "published", SourceOutcomeName = "Done", DestinationActivityId = "set" },
            ],
        };
        await host.InScopeAsync(sp => sp.GetRequiredService<WorkflowTypeStore>().SaveAsync(review));
        foreach (var wishEvent in new[] { "WishSubmitted", "WishClaimed", "WishFulfilled" })
        {
            var other = new WorkflowType
            {
                Name = "on " + wishEvent,
                Activities =
                [
                    new ActivityRecord { ActivityId = "start", Name = wishEvent, IsStart = true },
                    new ActivityRecord { ActivityId = "decide", Name = "UserTask", Properties = new JsonObject { ["Title"] = "Review {{ input('WishId') }}", ["Actions"] = new JsonArray("Approve", "Reject"), ["Roles"] = new JsonArray("CommunityStaff") } },
                ],
                Transitions = [new Transition { SourceActivityId = "start", SourceOutcomeName = "Done", DestinationActivityId = "decide" }],
            };
            await host.InScopeAsync(sp => sp.GetRequiredService<WorkflowTypeStore>().SaveAsync(other));
        }
        return review;
    }

    /// <summary>Stories in memory (the dispatch does not read them from the database), with the text of real ones.</summary>
    private static Task<List<ContentItem>> NewStoriesAsync(BenchHost host, int count) =>
        host.InScopeAsync(async sp =>
        {
            var manager = sp.GetRequiredService<ContentManager>();
            var data = new StoryData(11);
            var items = new List<ContentItem>(count);
            for (var i = 0; i < count; i++)
            {
                var item = (await manager.NewAsync(StoryData.Story))!;
                data.Fill(item, i);
                item.DisplayText = item.Part("TitlePart")["Title"]!.ToString();
                items.Add(item);
            }
            return items;
        });

    private static string Percentiles(Samples samples) =>
        $"{samples.Percentile(50):0.00} / {samples.Percentile(95):0.00} / {samples.Percentile(99):0.00}";

    internal static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static async Task BaselineStartAsync(System.Data.Common.DbConnection connection, string typeId, string correlationId)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        var id = Guid.NewGuid().ToString("N")[..26];
        var now = DateTime.UtcNow;
        await connection.ExecuteAsync("""
            INSERT INTO "WorkflowInstances" ("Id", "WorkflowTypeId", "CorrelationId", "Status", "Version", "State", "CreatedUtc", "ModifiedUtc")
            VALUES (@id, @typeId, @correlationId, 'Halted', 1, '{"Blocking":["published"]}', @now, @now)
            """, new { id, typeId, correlationId, now }, transaction);
        await connection.ExecuteAsync("""
            INSERT INTO "WorkflowBlockingActivities" ("InstanceId", "ActivityId", "ActivityName", "CorrelationId") VALUES (@id, 'published', 'ContentPublishedEvent', @correlationId)
            """, new { id, correlationId }, transaction);
        await transaction.CommitAsync();
    }

    private static async Task BaselineResumeAsync(System.Data.Common.DbConnection connection, string correlationId)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        var row = await connection.QuerySingleAsync<(string InstanceId, long Version)>("""
            SELECT b."InstanceId", i."Version" FROM "WorkflowBlockingActivities" b JOIN "WorkflowInstances" i ON i."Id" = b."InstanceId"
            WHERE b."ActivityName" = 'ContentPublishedEvent' AND b."CorrelationId" = @correlationId
            """, new { correlationId }, transaction);
        await connection.ExecuteAsync("""
            UPDATE "WorkflowInstances" SET "Status" = 'Finished', "Version" = "Version" + 1, "State" = '{"Properties":{"Published":"bench"}}'
            WHERE "Id" = @id AND "Version" = @version
            """, new { id = row.InstanceId, version = row.Version }, transaction);
        await connection.ExecuteAsync("""DELETE FROM "WorkflowBlockingActivities" WHERE "InstanceId" = @id""", new { id = row.InstanceId }, transaction);
        await transaction.CommitAsync();
    }

    private static async Task BaselineLookupAsync(System.Data.Common.DbConnection connection, string correlationId) =>
        await connection.QueryAsync<string>("""
            SELECT "InstanceId" FROM "WorkflowBlockingActivities" WHERE "ActivityName" = 'ContentUnpublishedEvent' AND "CorrelationId" = @correlationId
            """, new { correlationId });

    /// <summary>One operation repeated: clock, process CPU, and the commands it sent, per operation.</summary>
    private sealed record Profile(double PerSecond, double CpuMs, double Commands, double TransactionCommands, double DatabaseMs)
    {
        public static async Task<Profile> RunAsync(BenchHost host, int count, Func<int, Task> operation)
        {
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var (commands, transactions, database) = (host.Commands.Count, host.Commands.Transactions.Count, host.Commands.Milliseconds);
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < count; i++) await operation(i);
            var seconds = clock.Elapsed.TotalSeconds;
            process.Refresh();
            return new Profile(count / seconds, (process.TotalProcessorTime - cpu).TotalMilliseconds / count,
                (host.Commands.Count - commands) / (double)count, (host.Commands.Transactions.Count - transactions) / (double)count,
                (host.Commands.Milliseconds - database) / count);
        }
    }
}
