using System.Diagnostics;
using System.Text;
using Dapper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;
using Portal.Core.Data;
using Portal.Search.Services;

namespace Portal.Benchmarks;

/// <summary>
/// Full-text search on N generated documents (two thirds Chinese, one third English, from Bogus zh_CN/en): indexing
/// throughput by a rebuild from content items, by bulk writes of built documents, and the search handler's cost on the
/// publish path; the index size; then query latency through <see cref="ISearchService"/> (ranked, with snippets and the
/// total) against a plain <c>LIKE '%term%'</c> scan of the same documents (page and total), alternately in one run.
/// </summary>
public static class SearchBenchmark
{
    private const int Batch = 1000;

    /// <summary>A mix of what people type: one and two characters, words, a phrase, English and mixed.</summary>
    private static readonly string[] Queries =
        ["灯", "路灯", "书包", "志愿者", "微心愿", "老花镜", "社区 温暖", "轮椅", "volunteers", "\"community board\"", "wish bicycle", "社区志愿者 gifts"];

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var rebuildItems = Math.Min(options.Items, options.EngineItems ?? 20_000);
        var report = new StringBuilder();
        report.AppendLine($"Search: {options.Items:N0} documents ({rebuildItems:N0} content items indexed by a rebuild, the rest written in bulk), " +
            $"{Queries.Length} queries in turn, page of 10 with the total. Load average at the start: {LoadAverage()}.\n");
        report.AppendLine("| engine | bulk docs/s (CPU ms/doc) | rebuild docs/s (CPU ms/doc) | publish path per doc: ms p50, CPU ms | index size | search p50 / p95 / p99 | LIKE scan p50 / p95 / p99 | ratio (LIKE p50 / search p50) | CPU ms per query, search / LIKE |");
        report.AppendLine("|---|---|---|---|---|---|---|---|---|");
        var perQuery = new StringBuilder("\nPer query, search p50 / p99 (LIKE p50), ms; total found (~ estimated):\n\n| query | " + string.Join(" | ", options.Providers) + " |\n|---|" +
            string.Concat(options.Providers.Select(_ => "---|")) + "\n");
        var byQuery = new Dictionary<string, List<string>>();
        foreach (var provider in options.Providers)
        {
            Console.WriteLine($"== {provider}: {rebuildItems:N0} items to rebuild from, {options.Items - rebuildItems:N0} documents in bulk");
            await using var host = await BenchHost.StartAsync(provider);
            await DefineAsync(host);
            await BulkSeed.RunAsync(host, rebuildItems);
            var rebuild = await RebuildAsync(host, rebuildItems);
            Console.WriteLine($"   rebuild: {rebuild.PerSecond:N0} docs/s, {rebuild.CpuMs:F3} ms CPU/doc");
            var publish = await PublishPathAsync(host, Math.Min(rebuildItems, 1000));
            Console.WriteLine($"   publish path: {publish}");
            var bulk = await BulkAsync(host, options.Items - rebuildItems);
            Console.WriteLine($"   bulk: {bulk.PerSecond:N0} docs/s, {bulk.CpuMs:F3} ms CPU/doc");
            if (provider == DatabaseProvider.Postgres) await host.InScopeAsync(sp => sp.GetRequiredService<SearchStore>().ExecuteAsync("ANALYZE", []));
            var size = await IndexSizeAsync(host);
            Console.WriteLine($"   index {size}");
            var (search, like, queries, searchCpu, likeCpu) = await QueryAsync(host, options.Iterations);
            report.AppendLine($"| {provider} | {bulk.PerSecond:N0} ({bulk.CpuMs:F3}) | {rebuild.PerSecond:N0} ({rebuild.CpuMs:F3}) | {publish} | {size} | {Format(search)} | {Format(like)} | " +
                $"{like.Percentile(50) / search.Percentile(50):F1} | {searchCpu:F2} / {likeCpu:F2} |");
            foreach (var (query, (s, l, total)) in queries)
                (byQuery.TryGetValue(query, out var cells) ? cells : byQuery[query] = []).Add($"{s.Percentile(50):F2} / {s.Percentile(99):F2} ({l.Percentile(50):F1}); {total}");
        }
        foreach (var (query, cells) in byQuery) perQuery.AppendLine($"| `{query}` | {string.Join(" | ", cells)} |");
        var markdown = report.ToString() + perQuery + $"\nLoad average at the end: {LoadAverage()}.\n";
        var resultsDir = Path.Combine(BenchOptions.RepositoryRoot(), "bench", "results");
        Directory.CreateDirectory(resultsDir);
        var file = Path.Combine(resultsDir, "search.md");
        await File.WriteAllTextAsync(file, markdown);
        Console.WriteLine();
        Console.WriteLine(markdown);
        Console.WriteLine($"Written to {file}");
        return 0;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string Format(Samples s) => $"{s.Percentile(50):F2} / {s.Percentile(95):F2} / {s.Percentile(99):F2}";

    /// <summary>The Story and Notice types, with their titles and bodies indexed for search.</summary>
    private static Task DefineAsync(BenchHost host) => host.InScopeAsync(sp => sp.GetRequiredService<ContentDefinitionStore>().AlterAsync(document =>
    {
        StoryData.Define(document);
        foreach (var type in document.ContentTypes.Where(t => t.Name is StoryData.Story or StoryData.Notice))
            foreach (var part in type.Parts.Where(p => p.PartName is "TitlePart" or "HtmlBodyPart"))
                SearchIndexSettings.SetIncluded(part.Settings, true);
    }));

    /// <summary>The rebuild as the admin or the command runs it: published records read, documents built and written batch by batch.</summary>
    private static async Task<(double PerSecond, double CpuMs)> RebuildAsync(BenchHost host, int count)
    {
        var watch = Stopwatch.StartNew();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        if (!await host.InScopeAsync(sp => sp.GetRequiredService<SearchRebuilder>().RunAsync())) throw new InvalidOperationException("A rebuild was already running.");
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        return (count / watch.Elapsed.TotalSeconds, cpu.TotalMilliseconds / count);
    }

    /// <summary>What indexing adds to a publish: the search handler's work for one item, in a transaction of its own, item after item.</summary>
    private static async Task<string> PublishPathAsync(BenchHost host, int count)
    {
        var ids = await host.InScopeAsync(sp => sp.GetRequiredService<ContentManager>().Records.Where(r => r.Published)
            .OrderByDescending(r => r.Id).Select(r => r.ContentItemId).Take(count).ToListAsync());
        var samples = new Samples();
        TimeSpan cpu = TimeSpan.Zero;
        var process = Process.GetCurrentProcess();
        foreach (var id in ids)
        {
            await host.InScopeAsync(async sp =>
            {
                var item = (await sp.GetRequiredService<ContentManager>().GetAsync(id))!;
                process.Refresh();
                var before = process.TotalProcessorTime;
                var start = Stopwatch.GetTimestamp();
                await sp.GetRequiredService<PortalDbContext>().InTransactionAsync(async () =>
                {
                    await sp.GetRequiredService<SearchIndexer>().IndexAsync(item);
                    return 0;
                });
                samples.Add(start);
                process.Refresh();
                cpu += process.TotalProcessorTime - before;
                return 0;
            });
        }
        return $"{samples.Percentile(50):F2} ms, {cpu.TotalMilliseconds / ids.Count:F3} CPU ms";
    }

    /// <summary>Bulk: documents built with the module's own builder from generated items, written a thousand per transaction.</summary>
    private static async Task<(double PerSecond, double CpuMs)> BulkAsync(BenchHost host, int count)
    {
        if (count == 0) return (0, 0);
        var definitions = await host.InScopeAsync(sp => sp.GetRequiredService<ContentDefinitionStore>().GetAsync());
        var generation = (await host.InScopeAsync(sp => sp.GetRequiredService<SearchStore>().StateAsync())).ActiveGeneration;
        var data = new StoryData(seed: 11);
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var documents = Enumerable.Range(0, count).Select(n =>
        {
            var item = new ContentItem { ContentItemId = IdGenerator.NewId(), ContentType = StoryData.TypeOf(n), PublishedUtc = start.AddMinutes(n * 10) };
            data.Fill(item, n);
            item.DisplayText = item.Content["TitlePart"]?["Title"]?.ToString() ?? "";
            return SearchDocumentBuilder.Build(item, definitions.ContentTypes.First(t => t.Name == item.ContentType), definitions)!;
        }).ToList();

        var watch = Stopwatch.StartNew();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        foreach (var chunk in documents.Chunk(Batch))
        {
            await host.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().InTransactionAsync(async () =>
            {
                await sp.GetRequiredService<SearchStore>().WriteAsync(chunk, [generation]);
                return 0;
            }));
        }
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        return (count / watch.Elapsed.TotalSeconds, cpu.TotalMilliseconds / count);
    }

    private static async Task<string> IndexSizeAsync(BenchHost host)
    {
        await using var connection = await host.OpenConnectionAsync();
        if (host.Provider == DatabaseProvider.Postgres)
        {
            var gin = await connection.ExecuteScalarAsync<long>("""SELECT pg_relation_size('"IX_SearchDocuments_Tokens"')""");
            var table = await connection.ExecuteScalarAsync<long>("""SELECT pg_total_relation_size('"SearchDocuments"')""");
            return $"GIN {Mb(gin)}; documents with text and tsvector {Mb(table)}";
        }
        // This SQLite has no dbstat: the FTS5 index is the bytes of its shadow tables, the text the bytes stored.
        var fts = await connection.ExecuteScalarAsync<long>(
            """SELECT (SELECT SUM(length(block)) FROM "SearchFts_data") + (SELECT COALESCE(SUM(length(sz)), 0) FROM "SearchFts_docsize")""");
        var text = await connection.ExecuteScalarAsync<long>("""SELECT SUM(length(CAST("Title" AS BLOB)) + length(CAST("Body" AS BLOB))) FROM "SearchDocuments" """);
        var file = await connection.ExecuteScalarAsync<long>("PRAGMA page_count") * await connection.ExecuteScalarAsync<long>("PRAGMA page_size");
        return $"FTS5 {Mb(fts)}; stored text {Mb(text)}; whole database {Mb(file)}";
    }

    private static string Mb(long bytes) => $"{bytes / 1048576.0:F0} MB";

    /// <summary>Latencies, and the process's CPU time per query (on a shared machine the clock depends on the share of the cores; CPU time does not).</summary>
    private static async Task<(Samples Search, Samples Like, Dictionary<string, (Samples, Samples, string)> PerQuery, double SearchCpuMs, double LikeCpuMs)> QueryAsync(
        BenchHost host, int iterations)
    {
        var totals = new Dictionary<string, string>();
        var process = Process.GetCurrentProcess();
        TimeSpan searchCpu = TimeSpan.Zero, likeCpu = TimeSpan.Zero;
        var perQuery = Queries.ToDictionary(q => q, _ => (new Samples(), new Samples()));
        var search = new Samples();
        var like = new Samples();
        var budget = Stopwatch.StartNew();
        for (var i = 0; i < iterations + Queries.Length && (i < Queries.Length * 10 || budget.Elapsed < TimeSpan.FromSeconds(120)); i++)
        {
            var query = Queries[i % Queries.Length];
            var warm = i < Queries.Length;
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var start = Stopwatch.GetTimestamp();
            var results = await host.InScopeAsync(sp => sp.GetRequiredService<ISearchService>().SearchAsync(new SearchRequest(query)));
            if (!results.Succeeded) throw new InvalidOperationException(string.Join("; ", results.Problems));
            totals[query] = (results.TotalIsEstimate ? "~" : "") + results.Total.ToString("N0");
            if (!warm) { search.Add(start); perQuery[query].Item1.Add(start); }
            process.Refresh();
            if (!warm) searchCpu += process.TotalProcessorTime - cpu;
            cpu = process.TotalProcessorTime;

            start = Stopwatch.GetTimestamp();
            await LikeAsync(host, query);
            if (!warm) { like.Add(start); perQuery[query].Item2.Add(start); }
            process.Refresh();
            if (!warm) likeCpu += process.TotalProcessorTime - cpu;
        }
        return (search, like, perQuery.ToDictionary(p => p.Key, p => (p.Value.Item1, p.Value.Item2, totals[p.Key])),
            searchCpu.TotalMilliseconds / search.Count, likeCpu.TotalMilliseconds / like.Count);
    }

    /// <summary>The plain scan: every word must appear in the title or the body; newest first, a page and the total.</summary>
    private static async Task LikeAsync(BenchHost host, string query)
    {
        var words = query.Replace("\"", "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var where = string.Join(" AND ", words.Select((_, i) => $"""("Title" LIKE @w{i} OR "Body" LIKE @w{i})"""));
        var parameters = new DynamicParameters();
        for (var i = 0; i < words.Length; i++) parameters.Add("w" + i, $"%{words[i]}%");
        await using var connection = await host.OpenConnectionAsync();
        await connection.ExecuteScalarAsync<long>($"""SELECT COUNT(*) FROM "SearchDocuments" WHERE {where}""", parameters);
        (await connection.QueryAsync<string>($"""SELECT "Title" FROM "SearchDocuments" WHERE {where} ORDER BY "PublishedUtc" DESC LIMIT 10""", parameters)).AsList();
    }
}
