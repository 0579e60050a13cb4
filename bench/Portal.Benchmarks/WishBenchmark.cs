using System.Diagnostics;
using System.Net;
using System.Security.Claims;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Users.Services;
using Portal.Workflows.Services;
using Portal.Wishes.Models;
using Portal.Wishes.Services;

namespace Portal.Benchmarks;

/// <summary>
/// The wish domain under load. Claims, on a site set up with the micro-wish recipe (its Wish type, roles and
/// workflows): first one claim at a time (latency, CPU ms and database commands per claim beside /health), then 200
/// signed-in volunteers post a claim at the same moment, four to each of 50 one-slot wishes, over real HTTP: latency
/// per request, throughput, and a count of double claims (must be 0). Baseline in the same run: the same 200 clients
/// asking /health at once. Queue and dashboard: the staff work queue (all tab counts plus a page) and the dashboard
/// over 100,000 wishes, against one COUNT of the same table.
/// </summary>
public static class WishBenchmark
{
    private const int Volunteers = 200, Wishes = 50, Rounds = 5;
    private const string Password = "Bench-2026-ok";

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var ok = true;
        foreach (var provider in options.Providers)
        {
            Console.WriteLine($"== {provider}");
            ok &= await ClaimsAsync(provider);
            ok &= await QueueAndDashboardAsync(provider, options.Items, Math.Min(options.Iterations, 500));
        }
        return ok ? 0 : 1;
    }

    private static async Task<bool> ClaimsAsync(DatabaseProvider provider)
    {
        // The site as people run it: the micro-wish recipe (its Wish type, roles and workflows: a claim starts the
        // claim-confirmation workflow, publishing goes through the review workflow's task).
        await using var host = await BenchHost.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Portal:Wishes:MaxOpenClaimsPerVolunteer"] = "1000",
            ["Portal:RateLimits:LoginPerMinute"] = "100000", // 200 sign-ins from one address
            ["Portal:RecipesPath"] = Path.Combine(BenchOptions.RepositoryRoot(), "recipes"),
            ["Portal:Setup:SiteName"] = "压测", ["Portal:Setup:AdminUserName"] = "admin", ["Portal:Setup:AdminEmail"] = "admin@bench.test",
            ["Portal:Setup:AdminPassword"] = Password, ["Portal:Setup:Recipe"] = "micro-wish",
        }, http: true);
        var community = await host.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<ContentItemRecord>()
            .Where(r => r.ContentType == "Community" && r.Published).Select(r => r.ContentItemId).FirstAsync());
        var clients = new HttpClient[Volunteers];
        for (var i = 0; i < Volunteers; i++)
        {
            // Users are made directly (the bench measures claiming, not password hashing at sign-up).
            await host.InScopeAsync(async sp =>
                (await sp.GetRequiredService<UserService>().CreateAsync(new NewUser($"v{i:000}", $"v{i:000}@bench.test", Password, ["Volunteer"]))).User!.Id);
            clients[i] = new HttpClient(new SocketsHttpHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false, MaxConnectionsPerServer = 4 })
            {
                BaseAddress = host.BaseAddress,
            };
            await SignInAsync(clients[i], $"v{i:000}");
        }

        // One claim at a time first: what a claim costs without queueing (latency, CPU, database commands), beside /health.
        var single = new Samples();
        var singleHealth = new Samples();
        var singleWishes = await PublishedWishesAsync(host, community, Wishes);
        var (commandsBefore, cpuBefore) = (host.Commands.Count, Process.GetCurrentProcess().TotalProcessorTime);
        foreach (var (wish, i) in singleWishes.Select((w, i) => (w, i)))
        {
            var start = Stopwatch.GetTimestamp();
            using var response = await ClaimAsync(clients[i], wish);
            single.Add(start);
            if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"A claim failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        var (claimCommands, claimCpu) = ((host.Commands.Count - commandsBefore) / (double)Wishes, (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / Wishes);
        // The profile of one more claim: every command it sends, in order.
        var profiledWish = (await PublishedWishesAsync(host, community, 1))[0];
        var profile = host.Commands.Recording = [];
        using (var profiled = await ClaimAsync(clients[Wishes], profiledWish)) host.Commands.Recording = null;
        Console.WriteLine($"   the commands of one claim ({profile.Count}):");
        foreach (var sql in profile) Console.WriteLine("     " + (sql.Length > 160 ? sql[..160] + "…" : sql));
        cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < Wishes; i++)
        {
            var start = Stopwatch.GetTimestamp();
            using var response = await clients[i].GetAsync("/health");
            singleHealth.Add(start);
        }
        var healthCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / Wishes;

        var claims = new Samples();
        var health = new Samples();
        int created = 0, conflicts = 0, other = 0;
        var wall = TimeSpan.Zero;
        var allWishes = new List<string>(singleWishes);
        for (var round = 0; round < Rounds; round++)
        {
            var wishes = await PublishedWishesAsync(host, community, Wishes);
            allWishes.AddRange(wishes);
            await Together(clients, async (client, i) =>
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync("/health");
                lock (health) health.Add(start);
            });
            var clock = Stopwatch.StartNew();
            await Together(clients, async (client, i) =>
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await ClaimAsync(client, wishes[i % Wishes]);
                lock (claims)
                {
                    claims.Add(start);
                    if (response.StatusCode == HttpStatusCode.Created) created++;
                    else if (response.StatusCode == HttpStatusCode.Conflict) conflicts++;
                    else other++;
                }
            });
            wall += clock.Elapsed;
        }

        var doubles = await host.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            var perWish = await db.Set<WishClaimRecord>().Where(c => allWishes.Contains(c.WishId) && c.Status == ClaimStatus.Active)
                .GroupBy(c => c.WishId).Select(g => g.Count()).ToListAsync();
            var slots = await db.Set<WishIndexRecord>().Where(w => allWishes.Contains(w.WishId)).Select(w => w.SlotsClaimed).ToListAsync();
            return perWish.Count(n => n > 1) + slots.Count(n => n > 1);
        });
        foreach (var client in clients) client.Dispose();

        var p99 = claims.Percentile(99);
        var pass = p99 < 200 && doubles == 0 && created == Rounds * Wishes && other == 0;
        Console.WriteLine($"   one claim at a time: p50 {single.Percentile(50):F1}  p99 {single.Percentile(99):F1} ms; {claimCpu:F1} ms CPU and {claimCommands:F1} database commands per claim" +
            $"   (/health: p50 {singleHealth.Percentile(50):F1} ms, {healthCpu:F1} ms CPU)");
        Console.WriteLine($"   claims: {claims.Count} requests ({Volunteers} at once x {Rounds} rounds, {Wishes} wishes each): " +
            $"{created} created, {conflicts} already claimed, {other} other; {claims.Count / wall.TotalSeconds:F0} requests/s");
        Console.WriteLine($"   claim latency ms  p50 {claims.Percentile(50):F1}  p90 {claims.Percentile(90):F1}  p99 {p99:F1}  max {claims.Percentile(100):F1}");
        Console.WriteLine($"   /health baseline  p50 {health.Percentile(50):F1}  p99 {health.Percentile(99):F1}   ratio p50 {claims.Percentile(50) / health.Percentile(50):F1}x  p99 {p99 / health.Percentile(99):F1}x");
        Console.WriteLine($"   double claims: {doubles}   target p99 < 200 ms, 0 double claims: {(pass ? "PASS" : "FAIL")}");
        return pass;
    }

    private static Task<HttpResponseMessage> ClaimAsync(HttpClient client, string wishId) =>
        client.PostAsync($"/api/wishes/{wishId}/claims", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

    private static async Task<bool> QueueAndDashboardAsync(DatabaseProvider provider, int items, int iterations)
    {
        await using var host = await BenchHost.StartAsync(provider);
        var seed = Stopwatch.StartNew();
        await SeedAsync(host, items);
        Console.WriteLine($"   seeded {items:N0} wishes in {seed.Elapsed.TotalSeconds:F0} s");

        await using var connection = await host.OpenConnectionAsync();
        async Task Baseline(int _)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM \"WishIndex\" WHERE \"Status\" = 'Published'";
            await command.ExecuteScalarAsync();
        }
        var queue = await Measurement.RunAsync("work queue (4 counts + a page)", 50, iterations,
            _ => host.InScopeAsync(async sp =>
            {
                var board = sp.GetRequiredService<WishBoard>();
                await board.QueueCountsAsync();
                return await board.QueueAsync(WorkQueue.Overdue, 1);
            }), Baseline);
        // The overdue count as the queue reads it (deadline-day counts, today's wishes from the index) against the scan it replaced.
        async Task<(int Counted, int Scanned)> Overdue() => await host.InScopeAsync(async sp =>
        {
            var now = DateTime.UtcNow;
            return (await sp.GetRequiredService<WishCounts>().PastDeadlineAsync(WishBoard.Active, now), await OverdueScanAsync(sp, now));
        });
        var (counted, scanned) = await Overdue();
        Console.WriteLine($"   overdue wishes: {counted:N0} from the deadline-day counts, {scanned:N0} by scanning the index{(counted == scanned ? "" : "  MISMATCH")}");
        var overdue = await Measurement.RunAsync("overdue count (deadline days)", null, iterations,
            _ => host.InScopeAsync(sp => sp.GetRequiredService<WishCounts>().PastDeadlineAsync(WishBoard.Active, DateTime.UtcNow)),
            _ => host.InScopeAsync(sp => OverdueScanAsync(sp, DateTime.UtcNow)));
        Console.WriteLine($"   {overdue.Name,-32} p50 {overdue.Engine.Percentile(50),7:F2} ms  p99 {overdue.Engine.Percentile(99),7:F2} ms   " +
            $"the scan p50 {overdue.Baseline.Percentile(50):F2} ms  p99 {overdue.Baseline.Percentile(99):F2} ms  ratio {overdue.Ratio:F3}x");
        // The queue's two halves apart, to see which one costs.
        var tabCounts = await Measurement.RunAsync("queue: the 4 tab counts", null, iterations,
            _ => host.InScopeAsync(sp => sp.GetRequiredService<WishBoard>().QueueCountsAsync()), Baseline);
        var overduePage = await Measurement.RunAsync("queue: the overdue page", null, iterations,
            _ => host.InScopeAsync(sp => sp.GetRequiredService<WishBoard>().QueueAsync(WorkQueue.Overdue, 1)), Baseline);
        foreach (var m in new[] { tabCounts, overduePage })
            Console.WriteLine($"   {m.Name,-32} p50 {m.Engine.Percentile(50),7:F2} ms  p99 {m.Engine.Percentile(99),7:F2} ms   baseline COUNT p50 {m.Baseline.Percentile(50):F2} ms  ratio {m.Ratio:F1}x");
        var confirm = await Measurement.RunAsync("claims to confirm (a page)", 50, iterations,
            _ => host.InScopeAsync(sp => sp.GetRequiredService<WishBoard>().ClaimsToConfirmAsync(1)), Baseline);
        var dashboard = await Measurement.RunAsync("dashboard", 50, iterations,
            _ => host.InScopeAsync(sp => sp.GetRequiredService<WishStats>().DashboardAsync()), Baseline);
        var ok = true;
        foreach (var m in new[] { queue, confirm, dashboard })
        {
            Console.WriteLine($"   {m.Name,-32} p50 {m.Engine.Percentile(50),7:F2} ms  p99 {m.Engine.Percentile(99),7:F2} ms   " +
                $"baseline COUNT p50 {m.Baseline.Percentile(50):F2} ms  ratio {m.Ratio:F1}x  target < 50 ms: {(m.Pass == true ? "PASS" : "FAIL")}");
            ok &= m.Pass == true;
        }
        return ok && counted == scanned;
    }

    /// <summary>What the queue's overdue count was before the deadline-day counts: unfinished wishes past their deadline, counted in the index.</summary>
    private static Task<int> OverdueScanAsync(IServiceProvider sp, DateTime now) =>
        sp.GetRequiredService<PortalDbContext>().Set<WishIndexRecord>().AsNoTracking()
            .CountAsync(w => WishBoard.Active.Contains(w.Status) && w.DeadlineUtc < now);

    /// <summary>Runs one call per client, all released at the same moment.</summary>
    private static async Task Together(HttpClient[] clients, Func<HttpClient, int, Task> work)
    {
        var gate = new TaskCompletionSource();
        var tasks = clients.Select((c, i) => Task.Run(async () => { await gate.Task; await work(c, i); })).ToList();
        gate.SetResult();
        await Task.WhenAll(tasks);
    }

    /// <summary>One-slot wishes of the recipe's type, with the resident's consent, published through the review workflow's task.</summary>
    private static async Task<List<string>> PublishedWishesAsync(BenchHost host, string community, int count)
    {
        var reviewer = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, "Administrator"), new Claim(ClaimTypes.Name, "admin")], "bench"));
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await host.InScopeAsync(async sp =>
            {
                var cm = sp.GetRequiredService<ContentManager>();
                var item = (await cm.NewAsync("Wish"))!;
                item.Part("TitlePart")["Title"] = $"压测心愿 {i}";
                item.Field("Wish", "ItemText")["Text"] = "一个书包";
                item.Field("Wish", "Category")["Value"] = "study-supplies";
                item.Field("Wish", "Kind")["Value"] = "material";
                item.Field("Wish", "IntakeChannel")["Value"] = "wish-card";
                item.Field("Wish", "Alias")["Text"] = "小明";
                item.Field("Wish", "Community")["ContentItemIds"] = new JsonArray(community);
                item.Field("Wish", "Slots")["Value"] = 1;
                item.Field("Wish", "PublishConsent")["Value"] = true;
                var result = await cm.CreateAsync(item);
                if (!result.Succeeded) throw new InvalidOperationException(result.ToString());
                var id = result.Item!.ContentItemId;
                var submitted = await sp.GetRequiredService<WishLifecycle>().MoveAsync(id, WishStatus.Submitted);
                if (!submitted.Succeeded) throw new InvalidOperationException(submitted.Error);
                var tasks = sp.GetRequiredService<UserTaskService>();
                var review = (await tasks.PendingAsync(reviewer, id)).Single();
                var decided = await tasks.DecideAsync(reviewer, review.InstanceId, review.ActivityId, "Approve", null);
                if (!decided.Succeeded) throw new InvalidOperationException(decided.Message);
                return id;
            }));
        }
        return ids;
    }

    private static async Task SignInAsync(HttpClient client, string userName)
    {
        var html = await client.GetStringAsync("/login");
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        using var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName, ["Password"] = Password, ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Signing in {userName} failed: {(int)response.StatusCode}");
    }

    /// <summary>
    /// Index rows spread like a real programme's: every state, six categories, 40 communities, 12 campaigns, deadlines
    /// from 60 days ago to 90 days ahead; and one claim for each claimed-or-later wish. Bulk-inserted (the index is what is measured).
    /// </summary>
    private static async Task SeedAsync(BenchHost host, int items)
    {
        var statuses = Enum.GetValues<WishStatus>();
        string[] categories = ["essential-supplies", "study-supplies", "spiritual-cultural", "policy-support", "employment-guidance", "other"];
        var random = new Random(7);
        var now = DateTime.UtcNow;
        const int batch = 5_000;
        for (var offset = 0; offset < items; offset += batch)
        {
            await host.InScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<PortalDbContext>();
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                for (var i = offset; i < Math.Min(items, offset + batch); i++)
                {
                    var status = statuses[random.Next(statuses.Length)];
                    var id = IdGenerator.NewId();
                    var created = now.AddDays(-random.Next(1, 365));
                    db.Add(new WishIndexRecord
                    {
                        WishId = id, Status = status, Category = categories[random.Next(categories.Length)],
                        CommunityId = $"community{random.Next(40):00}", CampaignId = random.Next(3) == 0 ? null : $"campaign{random.Next(12):00}",
                        SlotsTotal = 1, SlotsClaimed = WishStats.ClaimedOrLater.Contains(status) ? 1 : 0,
                        DeadlineUtc = now.AddDays(random.Next(-60, 90)), CreatedUtc = created, StatusChangedUtc = created.AddDays(1),
                    });
                    if (WishStats.ClaimedOrLater.Contains(status))
                    {
                        db.Add(new WishClaimRecord
                        {
                            WishId = id, ClaimantId = $"volunteer{random.Next(2000)}", ClaimantKind = ClaimantKind.Volunteer,
                            Status = status switch { WishStatus.Claimed => random.Next(2) == 0 ? ClaimStatus.Active : ClaimStatus.Confirmed, WishStatus.Scheduled => ClaimStatus.Scheduled, _ => ClaimStatus.Fulfilled },
                            ClaimedUtc = created.AddDays(2),
                        });
                    }
                }
                await db.SaveChangesAsync();
                return 0;
            });
        }
        // The rows were written past the lifecycle: count them as a site that imported them in bulk does.
        await host.InScopeAsync(async sp => { await sp.GetRequiredService<WishCounts>().RecountAsync(); return 0; });
        if (host.Provider == DatabaseProvider.Sqlite)
            await host.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Database.ExecuteSqlRawAsync("ANALYZE"));
        else
            await host.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Database.ExecuteSqlRawAsync("ANALYZE \"WishIndex\"; ANALYZE \"WishClaims\"; ANALYZE \"WishCounts\""));
    }
}
