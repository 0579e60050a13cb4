using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Portal.Core.Data;

namespace Portal.Benchmarks;

/// <summary>
/// A story page rendered without the output cache on a site holding <c>--items</c> more stories, then the page served
/// from the output cache against Kestrel sending the same bytes from memory, both measured with wrk in this one run
/// (same connections, threads and duration), so the ratio holds on a loaded machine.
/// </summary>
public static partial class NewsBenchmark
{
    private const string StoryPath = "/stories/wish-lamp";

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var seconds = Math.Max(3, options.Iterations / 200); // --iterations 2000 → 10 s per run
        await using var host = await BenchHost.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?>
        {
            ["Portal:Setup:SiteName"] = "微心愿",
            ["Portal:Setup:AdminUserName"] = "admin",
            ["Portal:Setup:AdminEmail"] = "admin@bench.test",
            ["Portal:Setup:AdminPassword"] = "Bench-2026-ok",
            ["Portal:Setup:Recipe"] = "micro-wish",
        }, http: true);
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        var first = await client.GetAsync(StoryPath);
        if (!first.IsSuccessStatusCode)
        {
            Console.WriteLine($"{StoryPath}: {(int)first.StatusCode}; the micro-wish recipe's story is missing");
            return 1;
        }
        if (options.Items > 0 && !await RenderAsync(host, client, options)) return 1;
        var bytes = await client.GetByteArrayAsync(StoryPath); // now from the output cache
        var contentType = first.Content.Headers.ContentType!.ToString();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var memory = builder.Build();
        memory.MapGet(StoryPath, (HttpContext http) => Results.Bytes(bytes, contentType));
        await memory.StartAsync();
        var memoryAddress = new Uri(memory.Urls.First());

        // Both servers' code is still being compiled to its optimised tier during the first seconds: warm both alike.
        Wrk(new Uri(host.BaseAddress!, StoryPath), 3);
        Wrk(new Uri(memoryAddress, StoryPath), 3);
        Console.WriteLine($"story page {bytes.Length:N0} bytes; wrk -t2 -c32 -d{seconds}s, load before: {Load()}");
        var cached = Wrk(new Uri(host.BaseAddress!, StoryPath), seconds);
        var baseline = Wrk(new Uri(memoryAddress, StoryPath), seconds);
        Console.WriteLine($"output cache   {cached.Rps,10:N0} req/s   p50 {cached.P50}   p99 {cached.P99}");
        Console.WriteLine($"memory (bytes) {baseline.Rps,10:N0} req/s   p50 {baseline.P50}   p99 {baseline.P99}");
        var ratio = cached.Rps / baseline.Rps;
        Console.WriteLine($"ratio {ratio:P0} (target at least 50%): {(ratio >= 0.5 ? "pass" : "FAIL")}; load after: {Load()}");
        return ratio >= 0.5 ? 0 : 1;
    }

    /// <summary>
    /// Seeds the stories (newer than the recipe's, each in one of 50 other campaigns, so the page's campaign is a small,
    /// old one among them) and times the page rendered afresh: a new query string each time misses the output cache.
    /// </summary>
    private static async Task<bool> RenderAsync(BenchHost host, HttpClient client, BenchOptions options)
    {
        var seeding = Stopwatch.StartNew();
        await BulkSeed.RunAsync(host, options.Items, (item, n) =>
        {
            item.ContentType = StoryData.Story;
            item.Field(StoryData.Story, "Campaign")["ContentItemIds"] = new System.Text.Json.Nodes.JsonArray($"benchcampaign{n % 50:D2}");
        });
        Console.WriteLine($"seeded {options.Items:N0} stories in {seeding.Elapsed.TotalSeconds:N0} s");
        var expected = await client.GetStringAsync(StoryPath + "?render=0");
        if (!expected.Contains("related-stories"))
        {
            Console.WriteLine($"{StoryPath} shows no related stories: the recipe's story is not in a campaign with others");
            return false;
        }
        var samples = new Samples();
        var commands = 0L;
        var iterations = Math.Max(50, options.Iterations / 4);
        for (var i = -20; i < iterations; i++) // 20 rounds of warm-up
        {
            var before = host.Commands.Count;
            var start = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync($"{StoryPath}?render={i + 21}");
            await response.Content.ReadAsByteArrayAsync();
            if (i < 0) continue;
            samples.Add(start);
            commands += host.Commands.Count - before;
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{StoryPath}: {(int)response.StatusCode}");
        }
        Console.WriteLine($"uncached render, {options.Items:N0} more stories: p50 {samples.Percentile(50):N2} ms   p95 {samples.Percentile(95):N2} ms   " +
            $"p99 {samples.Percentile(99):N2} ms   {(double)commands / iterations:N1} SQL per render (target p50 < 10 ms: " +
            $"{(samples.Percentile(50) < 10 ? "pass" : "FAIL")}); load {Load()}");
        return true;
    }

    private sealed record WrkResult(double Rps, string P50, string P99);

    private static WrkResult Wrk(Uri url, int seconds)
    {
        var start = new ProcessStartInfo("wrk", $"-t2 -c32 -d{seconds}s --latency {url}") { RedirectStandardOutput = true };
        using var wrk = Process.Start(start) ?? throw new InvalidOperationException("wrk is not installed (apt-get install wrk)");
        var output = wrk.StandardOutput.ReadToEnd();
        wrk.WaitForExit();
        if (Rps().Match(output) is not { Success: true } rps) throw new InvalidOperationException("wrk said:\n" + output);
        if (output.Contains("Non-2xx")) throw new InvalidOperationException("errors in the run:\n" + output);
        return new(double.Parse(rps.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
            Percentile().Match(output, output.IndexOf("50%", StringComparison.Ordinal)).Groups[1].Value,
            Percentile().Match(output, output.IndexOf("99%", StringComparison.Ordinal)).Groups[1].Value);
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "?";

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex Rps();

    [GeneratedRegex(@"\d+%\s+([0-9.]+\w+)")]
    private static partial Regex Percentile();
}
