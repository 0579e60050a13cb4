using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;
using Portal.Core.Data;

namespace Portal.Benchmarks;

/// <summary>
/// Seeds published items through the content manager on a fresh database, then measures the engine's reads
/// against the same queries written by hand in SQL (Dapper on the same database), in the same process.
/// </summary>
public static class ContentBenchmark
{
    private const int PageSize = 20;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var reports = new List<ProviderReport>();
        foreach (var provider in options.Providers)
        {
            Console.WriteLine($"== {provider}: seeding {options.Items:N0} items");
            await using var host = await BenchHost.StartAsync(provider);
            reports.Add(await RunAsync(host, options));
        }
        var resultsDir = Path.Combine(BenchOptions.RepositoryRoot(), "bench", "results");
        Directory.CreateDirectory(resultsDir);
        var markdown = Report.Markdown(reports, options);
        var name = options.Providers.Count > 1 ? "both" : options.Providers[0].ToString().ToLowerInvariant();
        var file = Path.Combine(resultsDir, $"content-{name}.md");
        await File.WriteAllTextAsync(file, markdown);
        Console.WriteLine();
        Console.WriteLine(markdown);
        Console.WriteLine($"Written to {file}");
        return 0;
    }

    private static async Task<ProviderReport> RunAsync(BenchHost host, BenchOptions options)
    {
        await host.InScopeAsync(sp => sp.GetRequiredService<ContentDefinitionStore>().AlterAsync(StoryData.Define));

        var ids = new List<string>(options.Items);
        if (options.Items > options.TimedItems)
        {
            Console.WriteLine($"   bulk-loading {options.Items - options.TimedItems:N0} items");
            ids.AddRange(await BulkSeed.RunAsync(host, options.Items - options.TimedItems));
        }
        // Half the timed items one request each (what an editor's save costs), half in batches (what an import costs).
        var single = options.TimedItems / 2;
        var throughputs = new List<Throughput>();
        foreach (var batch in new[] { 1, Batch })
        {
            var seed = await SeedAsync(host, batch == 1 ? single : options.TimedItems - single, first: ids.Count, batch);
            ids.AddRange(seed.Ids);
            var baseline = await BaselineInsertsAsync(host, Math.Clamp(options.Items / 10, 100, 5000), batch);
            throughputs.Add(seed with { BaselineItemsPerSecond = baseline.ItemsPerSecond, BaselineCpuMsPerItem = baseline.CpuMsPerItem });
            Console.WriteLine($"   {seed.Name}: {seed.ItemsPerSecond:N0} items/s, {seed.CpuMsPerItem:F2} ms CPU/item, {seed.CommandsPerItem:F1} database commands per item; " +
                $"baseline {baseline.ItemsPerSecond:N0} items/s, {baseline.CpuMsPerItem:F2} ms CPU/item");
        }
        await AnalyzeAsync(host);

        var storyIds = ids.Where((_, n) => StoryData.TypeOf(n) == StoryData.Story).ToArray();
        var random = new Random(7);
        var picks = Enumerable.Range(0, options.Iterations * 2).Select(_ => storyIds[random.Next(storyIds.Length)]).ToArray();
        var category = StoryData.Categories[2];
        var measurements = new List<Measurement>();

        async Task Measure(string name, double? target, Func<ContentManager, int, Task> engine, Func<DbConnection, int, Task> baseline)
        {
            var m = await Measurement.RunAsync(name, target, options.Iterations,
                i => host.InScopeAsync(async sp => { await engine(sp.GetRequiredService<ContentManager>(), i); return 0; }),
                async i =>
                {
                    await using var connection = await host.OpenConnectionAsync();
                    await baseline(connection, i);
                });
            measurements.Add(m);
            Console.WriteLine($"   {name}: p50 {m.Engine.Percentile(50):F3} ms, baseline {m.Baseline.Percentile(50):F3} ms ({m.Engine.Count} samples)");
        }

        await Measure("get by id (published)", 1, async (cm, i) => Check(await cm.GetAsync(picks[i % picks.Length])),
            async (db, i) => Check(await db.QueryFirstOrDefaultAsync<ContentItemRecord>(
                """SELECT * FROM "ContentItems" WHERE "ContentItemId" = @id AND "Published" LIMIT 1""", new { id = picks[i % picks.Length] })));

        await Measure("newest 20 of one type", 5,
            async (cm, _) => Check(await cm.QueryAsync(new ContentQuery { Types = [StoryData.Story], Take = PageSize, CountTotal = false })),
            async (db, _) => Check((await db.QueryAsync<ContentItemRecord>(
                """SELECT * FROM "ContentItems" WHERE "Published" AND "ContentType" = @type ORDER BY "ModifiedUtc" DESC, "Id" DESC LIMIT 20""",
                new { type = StoryData.Story })).ToList()));

        await Measure("field filter, page 3 of 20, with total", 20,
            async (cm, _) => Check(await cm.QueryAsync(new ContentQuery
            {
                Types = [StoryData.Story],
                Fields = [new(StoryData.Story, "Category", FieldOperator.Equals, category)],
                Skip = 2 * PageSize,
                Take = PageSize,
            })),
            async (db, _) =>
            {
                // The best hand-written forms: IN for the count (from the few matching index rows), EXISTS for the
                // page (the list index walked in order, stopping after the page).
                var args = new { type = StoryData.Story, category };
                await db.ExecuteScalarAsync<long>("""
                    SELECT COUNT(*) FROM "ContentItems" c WHERE c."Published" AND c."ContentType" = @type AND c."Id" IN
                      (SELECT f."DocumentId" FROM "ContentFieldIndex" f WHERE f."PartName" = @type AND f."FieldName" = 'Category' AND f."TextValue" = @category)
                    """, args);
                Check((await db.QueryAsync<ContentItemRecord>("""
                    SELECT c.* FROM "ContentItems" c WHERE c."Published" AND c."ContentType" = @type AND EXISTS
                      (SELECT 1 FROM "ContentFieldIndex" f WHERE f."DocumentId" = c."Id" AND f."PartName" = @type AND f."FieldName" = 'Category' AND f."TextValue" = @category)
                    ORDER BY c."ModifiedUtc" DESC, c."Id" DESC LIMIT 20 OFFSET 40
                    """, args)).ToList());
            });

        await Measure("sort by a field (rank), first 20", null,
            async (cm, _) => Check(await cm.QueryAsync(new ContentQuery { Types = [StoryData.Story], Order = new($"{StoryData.Story}.Rank"), Take = PageSize, CountTotal = false })),
            async (db, _) => Check((await db.QueryAsync<ContentItemRecord>("""
                SELECT c.* FROM "ContentItems" c
                LEFT JOIN "ContentFieldIndex" f ON f."DocumentId" = c."Id" AND f."PartName" = @type AND f."FieldName" = 'Rank'
                WHERE c."Published" AND c."ContentType" = @type
                ORDER BY f."NumericValue" IS NULL, f."NumericValue" DESC, c."Id" DESC LIMIT 20
                """, new { type = StoryData.Story })).ToList()));

        await Measure("total count of one type", null,
            async (cm, _) => Check(await cm.QueryAsync(new ContentQuery { Types = [StoryData.Story], Take = 0 })),
            async (db, _) => Check(await db.ExecuteScalarAsync<long>(
                """SELECT COUNT(*) FROM "ContentItems" WHERE "Published" AND "ContentType" = @type""", new { type = StoryData.Story })));

        return new ProviderReport(host.Provider, options.Items, throughputs, measurements);
    }

    /// <summary>Items per batch of the import path: one scope and one transaction for this many items.</summary>
    private const int Batch = 500;

    /// <summary>
    /// Creates and publishes <paramref name="count"/> items: with <paramref name="batch"/> 1, one scope (one request) and
    /// <see cref="ContentManager.CreateAsync"/> each; otherwise <see cref="ContentManager.CreateManyAsync"/> over
    /// <paramref name="batch"/> items per scope, as the imports do. The fake content is made ahead in chunks so that only
    /// the engine is timed, by the clock and by the process's CPU time: on a busy machine the CPU time per item says
    /// what the engine costs, whatever share of the cores it got.
    /// </summary>
    /// <param name="first">The number of items already in the database: the types and data go on from there.</param>
    private static async Task<Throughput> SeedAsync(BenchHost host, int count, int first, int batch)
    {
        const int chunk = Batch;
        var data = new StoryData(seed: 42);
        var ids = new List<string>(count);
        var wall = TimeSpan.Zero;
        var cpu = TimeSpan.Zero;
        var report = Stopwatch.StartNew();
        var commandsBefore = host.Commands.Count;
        for (var start = first; start < first + count; start += chunk)
        {
            var contents = new List<ContentItem>();
            for (var n = start; n < Math.Min(first + count, start + chunk); n++)
            {
                var content = new ContentItem { ContentType = StoryData.TypeOf(n) };
                data.Fill(content, n);
                contents.Add(content);
            }
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            if (batch == 1)
            {
                foreach (var content in contents)
                {
                    await using var scope = host.Services.CreateAsyncScope();
                    var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
                    var item = await NewItemAsync(manager, content);
                    var result = await manager.CreateAsync(item, publish: true);
                    if (!result.Succeeded) throw new InvalidOperationException($"Item {ids.Count} was refused: {result}");
                    ids.Add(item.ContentItemId);
                }
            }
            else
            {
                await using var scope = host.Services.CreateAsyncScope();
                var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
                var items = new List<ContentItem>(contents.Count);
                foreach (var content in contents) items.Add(await NewItemAsync(manager, content));
                var result = await manager.CreateManyAsync(items, publish: true);
                if (!result.Succeeded) throw new InvalidOperationException($"A batch was refused: {result.Results.First(r => !r.Succeeded)}");
                ids.AddRange(items.Select(i => i.ContentItemId));
            }
            wall += watch.Elapsed;
            cpu += Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            if (report.Elapsed > TimeSpan.FromSeconds(15))
            {
                Console.WriteLine($"   {ids.Count:N0} items, {ids.Count / wall.TotalSeconds:N0} items/s, {cpu.TotalMilliseconds / ids.Count:F2} ms CPU/item");
                report.Restart();
            }
        }
        var name = batch == 1 ? "create+publish, one request per item" : $"create+publish, batches of {batch} (CreateManyAsync)";
        return new Throughput(name, batch, ids, count / wall.TotalSeconds, cpu.TotalMilliseconds / count, (host.Commands.Count - commandsBefore) / (double)count);
    }

    private static async Task<ContentItem> NewItemAsync(ContentManager manager, ContentItem content)
    {
        var item = await manager.NewAsync(content.ContentType) ?? throw new InvalidOperationException("The benchmark types are missing.");
        foreach (var (part, value) in content.Content.ToList())
        {
            content.Content.Remove(part);
            item.Content[part] = value;
        }
        return item;
    }

    /// <summary>
    /// The same rows a create+publish writes (the version, its four field index rows, its permalink), inserted by
    /// hand-written SQL, one transaction per <paramref name="batch"/> items. Removed again before the reads are measured.
    /// </summary>
    private static async Task<(double ItemsPerSecond, double CpuMsPerItem)> BaselineInsertsAsync(BenchHost host, int count, int batch)
    {
        var data = new StoryData(seed: 43);
        var items = new List<ContentItem>(count);
        for (var n = 0; n < count; n++)
        {
            var item = new ContentItem { ContentItemId = IdGenerator.NewId(), ContentType = StoryData.Story };
            data.Fill(item, n * 10);
            items.Add(item);
        }
        var returningId = host.Provider == DatabaseProvider.Sqlite ? "; SELECT last_insert_rowid()" : """ RETURNING "Id" """;
        await using var connection = await host.OpenConnectionAsync();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        foreach (var chunk in items.Chunk(batch))
        {
            await using var transaction = await connection.BeginTransactionAsync();
            foreach (var item in chunk)
            {
                var now = DateTime.UtcNow;
                var id = await connection.ExecuteScalarAsync<long>($"""
                    INSERT INTO "ContentItems" ("ContentItemId", "ContentItemVersionId", "ContentType", "DisplayText", "Latest", "Published",
                      "Owner", "Author", "CreatedUtc", "ModifiedUtc", "PublishedUtc", "ConcurrencyStamp", "Data")
                    VALUES (@ContentItemId, @VersionId, 'BaselineStory', @DisplayText, TRUE, TRUE, NULL, NULL, @now, @now, @now, @Stamp, @Data){returningId}
                    """, new
                {
                    item.ContentItemId,
                    VersionId = IdGenerator.NewId(),
                    DisplayText = item.Content["TitlePart"]!["Title"]!.GetValue<string>(),
                    now,
                    Stamp = Guid.NewGuid().ToString("N"),
                    Data = item.Content.ToJsonString(ContentJson.Options),
                }, transaction);
                var part = item.Content[StoryData.Story]!;
                await connection.ExecuteAsync("""
                    INSERT INTO "ContentFieldIndex" ("DocumentId", "ContentType", "PartName", "FieldName", "TextValue", "NumericValue", "DateValue", "BooleanValue", "Published", "Latest")
                    VALUES (@id, 'BaselineStory', 'Story', 'Category', @category, NULL, NULL, NULL, TRUE, TRUE),
                           (@id, 'BaselineStory', 'Story', 'Community', @community, NULL, NULL, NULL, TRUE, TRUE),
                           (@id, 'BaselineStory', 'Story', 'Rank', NULL, @rank, NULL, NULL, TRUE, TRUE),
                           (@id, 'BaselineStory', 'Story', 'Happened', NULL, NULL, @happened, NULL, TRUE, TRUE)
                    """, new
                {
                    id,
                    category = part["Category"]!["Value"]!.GetValue<string>(),
                    community = part["Community"]!["Text"]!.GetValue<string>(),
                    rank = (double)part["Rank"]!["Value"]!.GetValue<int>(),
                    happened = DateTime.Parse(part["Happened"]!["Value"]!.GetValue<string>(), CultureInfo.InvariantCulture),
                }, transaction);
                await connection.ExecuteAsync("""INSERT INTO "Autoroutes" ("Path", "ContentItemId") VALUES (@path, @id)""",
                    new { path = "baseline/" + item.ContentItemId, id = item.ContentItemId }, transaction);
            }
            await transaction.CommitAsync();
        }
        var perSecond = count / watch.Elapsed.TotalSeconds;
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / count;
        await connection.ExecuteAsync("""DELETE FROM "ContentFieldIndex" WHERE "ContentType" = 'BaselineStory'""");
        await connection.ExecuteAsync("""DELETE FROM "ContentItems" WHERE "ContentType" = 'BaselineStory'""");
        await connection.ExecuteAsync("""DELETE FROM "Autoroutes" WHERE "Path" LIKE 'baseline/%'""");
        return (perSecond, cpuMs);
    }

    /// <summary>Fresh statistics for the planners, as a database that has lived a while would have.</summary>
    private static async Task AnalyzeAsync(BenchHost host)
    {
        await using var connection = await host.OpenConnectionAsync();
        await connection.ExecuteAsync(host.Provider == DatabaseProvider.Sqlite ? "ANALYZE" : "VACUUM ANALYZE", commandType: System.Data.CommandType.Text);
    }

    private static void Check(object? result)
    {
        var empty = result switch
        {
            null => true,
            ContentPage page => page.Items.Count == 0 && page.TotalCount <= 0,
            System.Collections.ICollection list => list.Count == 0,
            long n => n == 0,
            _ => false,
        };
        if (empty) throw new InvalidOperationException("A measured query found nothing: the benchmark data is not what it expects.");
    }
}

/// <summary>Create+publish by one path, with the hand-written baseline that commits as often.</summary>
public sealed record Throughput(string Name, int Batch, List<string> Ids, double ItemsPerSecond, double CpuMsPerItem, double CommandsPerItem)
{
    public double BaselineItemsPerSecond { get; init; }
    public double BaselineCpuMsPerItem { get; init; }
}

public sealed record ProviderReport(DatabaseProvider Provider, int Items, IReadOnlyList<Throughput> Throughputs, IReadOnlyList<Measurement> Measurements);

public static class Report
{
    public static string Markdown(IReadOnlyList<ProviderReport> reports, BenchOptions options)
    {
        var md = new StringBuilder();
        md.AppendLine($"Content engine, {options.Items:N0} published items, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.");
        if (options.TimedItems < options.Items)
            md.AppendLine($"The first {options.Items - options.TimedItems:N0} items were bulk-loaded (the rows the engine writes); create+publish was timed over the last {options.TimedItems:N0}, through the content manager.");
        md.AppendLine("Latency in ms (p50 / p95 / p99); baseline = the same query as hand-written SQL (Dapper), ratio = engine p50 / baseline p50 (for throughput: baseline items/s / engine items/s).");
        md.AppendLine();
        md.Append("| measure | target |");
        foreach (var r in reports) md.Append($" {r.Provider} engine | {r.Provider} baseline | ratio | pass |");
        md.AppendLine();
        md.Append("|---|---|");
        foreach (var _ in reports) md.Append("---|---|---|---|");
        md.AppendLine();

        for (var t = 0; t < reports[0].Throughputs.Count; t++)
        {
            var label = reports[0].Throughputs[t].Name;
            md.Append($"| {label}, items/s | ≥ 1,000 |");
            foreach (var x in reports.Select(r => r.Throughputs[t]))
                md.Append($" {x.ItemsPerSecond:N0} | {x.BaselineItemsPerSecond:N0} | {x.BaselineItemsPerSecond / x.ItemsPerSecond:F1} | {(x.ItemsPerSecond >= 1000 ? "pass" : "FAIL")} |");
            md.AppendLine();
            md.Append($"| {label}, CPU ms per item | < 1 ms (1,000/s on one core) |");
            foreach (var x in reports.Select(r => r.Throughputs[t]))
                md.Append($" {x.CpuMsPerItem:F2} | {x.BaselineCpuMsPerItem:F2} | {x.CpuMsPerItem / x.BaselineCpuMsPerItem:F1} | {(x.CpuMsPerItem < 1 ? "pass" : "FAIL")} |");
            md.AppendLine();
            md.Append($"| {label}, database commands per item | — |");
            foreach (var x in reports.Select(r => r.Throughputs[t])) md.Append($" {x.CommandsPerItem:F1} | 3 | | |");
            md.AppendLine();
        }
        var names = reports[0].Measurements.Select(m => m.Name).ToList();
        foreach (var name in names)
        {
            var target = reports[0].Measurements.First(m => m.Name == name).TargetMs;
            md.Append($"| {name} | {(target is { } t ? $"p50 < {t} ms" : "—")} |");
            foreach (var r in reports)
            {
                var m = r.Measurements.First(x => x.Name == name);
                md.Append($" {Triple(m.Engine)} | {Triple(m.Baseline)} | {m.Ratio:F1} | {m.Pass switch { true => "pass", false => "FAIL", null => "—" }} |");
            }
            md.AppendLine();
        }
        return md.ToString();
    }

    private static string Triple(Samples s) => $"{s.Percentile(50):F2} / {s.Percentile(95):F2} / {s.Percentile(99):F2}";
}
