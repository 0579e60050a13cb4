using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bogus;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.GraphQL.ApiClients;

namespace Portal.Benchmarks;

/// <summary>
/// A partner's typical GraphQL query (the newest 20 published stories, 8 fields each and their campaign) over real HTTP
/// with an API client's bearer token, against a hand-written minimal-API endpoint (mapped in this host only) that
/// answers the same JSON from the same database: it checks the secret's hash, reads the stories and their campaigns
/// with two SQL queries (Dapper) and writes the JSON with Utf8JsonWriter. What it leaves out is what the API adds on
/// top: the rate-limit counter and the request log (two writes per request), the schema, validation and execution.
/// Server time is measured by a middleware at the start of the pipeline; CPU ms is the whole process's (the HTTP
/// client included, the same for both) over a run of each alone.
/// </summary>
public static class GraphQLBenchmark
{
    private const int Stories = 500, Campaigns = 12;
    private const string BaselinePath = "/bench/stories", MeteredPath = "/bench/stories-metered";

    public const string PartnerQuery = """
        query Partner {
          story(first: 20, orderBy: { publishedUtc: DESC }) {
            contentItemId displayText publishedUtc subtitle dateline source reporter
            autoroutePart { path }
            campaign { contentItems { contentItemId displayText ... on Campaign { slogan } } }
          }
        }
        """;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var ok = true;
        foreach (var provider in options.Providers)
        {
            Console.WriteLine($"== {provider}");
            ok &= await RunAsync(provider, Math.Min(options.Iterations, 2000));
        }
        return ok ? 0 : 1;
    }

    private static async Task<bool> RunAsync(DatabaseProvider provider, int iterations)
    {
        var serverTimes = new ConcurrentDictionary<string, Samples>();
        var baselineCommands = 0L;
        BenchHost? hostRef = null;
        // A set-up site (the micro-wish recipe, as WishBenchmark), quiet logs.
        await using var host = await BenchHost.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Portal:RecipesPath"] = Path.Combine(BenchOptions.RepositoryRoot(), "recipes"),
            ["Portal:Setup:SiteName"] = "压测", ["Portal:Setup:AdminUserName"] = "admin", ["Portal:Setup:AdminEmail"] = "admin@bench.test",
            ["Portal:Setup:AdminPassword"] = "Bench-2026-ok", ["Portal:Setup:Recipe"] = "micro-wish",
        }, http: true,
            configure: b => b.Services.AddSingleton<IStartupFilter>(new ServerTiming(serverTimes)),
            routes: app =>
            {
                app.MapPost(BaselinePath, (HttpContext http) => HandWrittenAsync(http, hostRef!, () => Interlocked.Add(ref baselineCommands, 1), metered: false));
                app.MapPost(MeteredPath, (HttpContext http) => HandWrittenAsync(http, hostRef!, () => Interlocked.Add(ref baselineCommands, 1), metered: true));
            });
        hostRef = host;
        var seed = Stopwatch.StartNew();
        await SeedAsync(host);
        Console.WriteLine($"   seeded {Stories} published stories and {Campaigns} campaigns through ContentManager in {seed.Elapsed.TotalSeconds:F0} s");
        var secret = await host.InScopeAsync(async sp =>
        {
            var (_, s, errors) = await sp.GetRequiredService<ApiClientService>().CreateAsync(new ApiClientInput("bench-partner", ["Story", "Campaign"], 100_000));
            return s ?? throw new InvalidOperationException(string.Join("; ", errors));
        });

        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var body = JsonSerializer.Serialize(new { query = PartnerQuery });
        async Task<string> Post(string path)
        {
            using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {text}");
            return text;
        }

        // The same answer, or the comparison means nothing.
        var engineJson = JsonNode.Parse(await Post("/api/graphql"));
        var baselineJson = JsonNode.Parse(await Post(BaselinePath));
        if (engineJson?["errors"] is not null || !JsonNode.DeepEquals(engineJson, baselineJson))
        {
            Console.WriteLine($"   the answers differ:\n   graphql:  {engineJson?.ToJsonString()[..Math.Min(600, engineJson.ToJsonString().Length)]}\n   baseline: {baselineJson?.ToJsonString()[..Math.Min(600, baselineJson.ToJsonString().Length)]}");
            return false;
        }
        Console.WriteLine($"   answers identical: {engineJson!["data"]!["story"]!.AsArray().Count} stories, {Encoding.UTF8.GetByteCount(engineJson.ToJsonString()):N0} bytes");

        if (!JsonNode.DeepEquals(engineJson, JsonNode.Parse(await Post(MeteredPath)))) throw new InvalidOperationException("The metered endpoint answers differently.");
        for (var i = 0; i < 50; i++) { await Post("/api/graphql"); await Post(BaselinePath); await Post(MeteredPath); }
        serverTimes.Clear();
        var (engineRound, baselineRound) = (new Samples(), new Samples());
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await Post("/api/graphql");
            engineRound.Add(start);
            start = Stopwatch.GetTimestamp();
            await Post(BaselinePath);
            baselineRound.Add(start);
            await Post(MeteredPath);
        }
        var engine = serverTimes["/api/graphql"];
        var baseline = serverTimes[BaselinePath];
        var metered = serverTimes[MeteredPath];
        serverTimes.Clear();
        var (engineCpu, engineCommands) = await CostAsync(host, iterations / 2, () => Post("/api/graphql"), () => host.Commands.Count);
        var (baselineCpu, baseCommands) = await CostAsync(host, iterations / 2, () => Post(BaselinePath), () => Interlocked.Read(ref baselineCommands));
        var (meteredCpu, meteredCommands) = await CostAsync(host, iterations / 2, () => Post(MeteredPath), () => Interlocked.Read(ref baselineCommands));

        var ratio = engine.Percentile(50) / baseline.Percentile(50);
        var pass = ratio <= 1.5;
        Console.WriteLine($"   {"",-22} {"server p50",10} {"server p99",10} {"round trip p50",14} {"CPU ms/req",10} {"SQL/req",8}");
        Console.WriteLine($"   {"GraphQL /api/graphql",-22} {engine.Percentile(50),10:F2} {engine.Percentile(99),10:F2} {engineRound.Percentile(50),14:F2} {engineCpu,10:F2} {engineCommands,8:F1}");
        Console.WriteLine($"   {"hand-written endpoint",-22} {baseline.Percentile(50),10:F2} {baseline.Percentile(99),10:F2} {baselineRound.Percentile(50),14:F2} {baselineCpu,10:F2} {baseCommands,8:F1}");
        Console.WriteLine($"   {"hand-written + writes",-22} {metered.Percentile(50),10:F2} {metered.Percentile(99),10:F2} {"",14} {meteredCpu,10:F2} {meteredCommands,8:F1}");
        Console.WriteLine($"   (hand-written + writes: also the rate-limit UPDATE and the request-log INSERT the API makes per request; GraphQL / it: p50 {engine.Percentile(50) / metered.Percentile(50):F2}x, CPU {engineCpu / meteredCpu:F2}x)");
        Console.WriteLine($"   ratio server p50 {ratio:F2}x  p99 {engine.Percentile(99) / baseline.Percentile(99):F2}x  CPU {engineCpu / baselineCpu:F2}x   target <= 1.5x: {(pass ? "PASS" : "FAIL")}");
        return pass;
    }

    /// <summary>CPU ms and SQL commands per request over <paramref name="n"/> requests of one kind alone.</summary>
    private static async Task<(double CpuMs, double Commands)> CostAsync(BenchHost host, int n, Func<Task<string>> request, Func<long> commands)
    {
        var process = Process.GetCurrentProcess();
        var (before, cpu) = (commands(), process.TotalProcessorTime);
        for (var i = 0; i < n; i++) await request();
        process.Refresh();
        return ((process.TotalProcessorTime - cpu).TotalMilliseconds / n, (commands() - before) / (double)n);
    }

    /// <summary>The partner query written by hand: the client's secret, the stories, their campaigns, the same JSON.</summary>
    private static async Task HandWrittenAsync(HttpContext http, BenchHost host, Action counted, bool metered)
    {
        var authorization = http.Request.Headers.Authorization.ToString();
        await using var db = await host.OpenConnectionAsync();
        counted();
        var started = Stopwatch.GetTimestamp();
        var client = authorization.StartsWith("Bearer ") ? await db.QueryFirstOrDefaultAsync<(long Id, string Scopes)>(
            """SELECT "Id", "Scopes" FROM "ApiClients" WHERE "SecretHash" = @hash AND "RevokedUtc" IS NULL""", new { hash = ApiClientService.Hash(authorization[7..]) }) : default;
        if (client.Scopes is null || !client.Scopes.Split(',').Contains("Story"))
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        if (metered)
        {
            counted();
            await db.ExecuteAsync("""UPDATE "ApiClients" SET "WindowCount" = "WindowCount" + 1, "RequestCount" = "RequestCount" + 1, "LastUsedUtc" = @now WHERE "Id" = @id""",
                new { now = DateTime.UtcNow, id = client.Id });
        }
        counted();
        var stories = (await db.QueryAsync<ContentItemRecord>(
            """SELECT "ContentItemId", "DisplayText", "PublishedUtc", "Data" FROM "ContentItems" WHERE "Published" AND "ContentType" = 'Story' ORDER BY "PublishedUtc" DESC, "Id" DESC LIMIT 20""")).ToList();
        var parsed = stories.Select(s => JsonNode.Parse(s.Data)!).ToList();
        var campaignIds = parsed.SelectMany(d => d["Story"]?["Campaign"]?["ContentItemIds"]?.AsArray().Select(n => n!.GetValue<string>()) ?? []).Distinct().ToArray();
        var campaigns = new Dictionary<string, (string DisplayText, JsonNode Data)>();
        if (campaignIds.Length > 0)
        {
            counted();
            foreach (var c in await db.QueryAsync<ContentItemRecord>(
                """SELECT "ContentItemId", "DisplayText", "Data" FROM "ContentItems" WHERE "Published" AND "ContentItemId" IN @ids""", new { ids = campaignIds }))
                campaigns[c.ContentItemId] = (c.DisplayText, JsonNode.Parse(c.Data)!);
        }

        http.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(http.Response.Body, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        writer.WriteStartObject();
        writer.WriteStartObject("data");
        writer.WriteStartArray("story");
        for (var i = 0; i < stories.Count; i++)
        {
            var (s, d) = (stories[i], parsed[i]);
            writer.WriteStartObject();
            writer.WriteString("contentItemId", s.ContentItemId);
            writer.WriteString("displayText", s.DisplayText);
            writer.WriteString("publishedUtc", DateTime.SpecifyKind(s.PublishedUtc!.Value, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'"));
            foreach (var field in new[] { "Subtitle", "Dateline", "Source", "Reporter" })
                WriteText(writer, char.ToLowerInvariant(field[0]) + field[1..], d["Story"]?[field]?["Text"]);
            writer.WriteStartObject("autoroutePart");
            WriteText(writer, "path", d["AutoroutePart"]?["Path"]);
            writer.WriteEndObject();
            writer.WriteStartObject("campaign");
            writer.WriteStartArray("contentItems");
            foreach (var id in d["Story"]?["Campaign"]?["ContentItemIds"]?.AsArray() ?? [])
            {
                if (!campaigns.TryGetValue(id!.GetValue<string>(), out var c)) continue;
                writer.WriteStartObject();
                writer.WriteString("contentItemId", id.GetValue<string>());
                writer.WriteString("displayText", c.DisplayText);
                WriteText(writer, "slogan", c.Data["Campaign"]?["Slogan"]?["Text"]);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
        await writer.FlushAsync();
        if (metered)
        {
            counted();
            await db.ExecuteAsync("""INSERT INTO "ApiRequests" ("ClientId", "AtUtc", "Status", "DurationMs", "OperationName", "Error") VALUES (@id, @now, 200, @ms, 'Partner', NULL)""",
                new { id = client.Id, now = DateTime.UtcNow, ms = (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds });
        }
    }

    private static void WriteText(Utf8JsonWriter writer, string name, JsonNode? value)
    {
        if (value is null) writer.WriteNull(name);
        else writer.WriteString(name, value.GetValue<string>());
    }

    /// <summary>Campaigns and published stories as communications staff make them: one ContentManager save each.</summary>
    private static async Task SeedAsync(BenchHost host)
    {
        var faker = new Faker("zh_CN") { Random = new Randomizer(5) };
        async Task<string> Create(string type, Action<ContentItem> fill) => await host.InScopeAsync(async sp =>
        {
            var cm = sp.GetRequiredService<ContentManager>();
            var item = (await cm.NewAsync(type))!;
            fill(item);
            var result = await cm.CreateAsync(item, publish: true);
            if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Message)));
            return result.Item!.ContentItemId;
        });
        var campaigns = new List<string>();
        for (var i = 0; i < Campaigns; i++)
            campaigns.Add(await Create("Campaign", item =>
            {
                item.Part("TitlePart")["Title"] = $"{faker.Address.City()}微心愿行动 {i}";
                item.Field("Campaign", "Slogan")["Text"] = faker.Lorem.Sentence(4);
                item.Field("Campaign", "StartDate")["Value"] = "2026-09-01";
                item.Field("Campaign", "EndDate")["Value"] = "2026-12-31";
                item.Field("Campaign", "Goal")["Value"] = 50;
            }));
        for (var i = 0; i < Stories; i++)
            await Create("Story", item =>
            {
                item.Part("TitlePart")["Title"] = $"{faker.Name.FullName()}的心愿实现了 {i}";
                item.Part("HtmlBodyPart")["Html"] = $"<p>{faker.Lorem.Paragraph()}</p><p>{faker.Lorem.Paragraph()}</p>";
                item.Field("Story", "Subtitle")["Text"] = faker.Lorem.Sentence(5);
                item.Field("Story", "Dateline")["Text"] = $"本网{faker.Address.City()}11月{i % 28 + 1}日讯";
                item.Field("Story", "Source")["Text"] = "社区通讯";
                item.Field("Story", "Reporter")["Text"] = faker.Name.FullName();
                item.Field("Story", "Campaign")["ContentItemIds"] = new JsonArray(campaigns[i % Campaigns]);
            });
    }

    /// <summary>The time the server spends on each request, per path, from the first middleware on.</summary>
    private sealed class ServerTiming(ConcurrentDictionary<string, Samples> samples) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (http, call) =>
            {
                var start = Stopwatch.GetTimestamp();
                await call(http);
                var path = http.Request.Path.Value ?? "";
                var bucket = samples.GetOrAdd(path, _ => new Samples());
                lock (bucket) bucket.Add(start);
            });
            next(app);
        };
    }
}
