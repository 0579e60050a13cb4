using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Portal.Testing;

namespace Portal.Cluster.Tests;

/// <summary>The repository's nginx configuration in front of the two nodes.</summary>
public sealed partial class MultiNodeTests
{
    [Fact]
    public async Task Behind_nginx_requests_reach_both_nodes_a_session_works_on_either_https_is_seen_and_a_killed_node_leaves_the_site_up()
    {
        await using var nginx = await NginxProxy.StartAsync([.. cluster.Nodes.Select(n => n.BaseAddress)]);
        var nodes = cluster.Nodes.Select(n => n.BaseAddress.Authority).ToHashSet();
        using var browser = nginx.NewClient();
        // The site's name, not a loopback address: HSTS is never sent to localhost.
        browser.DefaultRequestHeaders.Host = "portal.example.org";

        // Plain HTTP is sent to HTTPS.
        using (var plain = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = nginx.HttpAddress })
        {
            var redirect = await plain.GetAsync("/admin");
            Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
            Assert.Equal("https", redirect.Headers.Location!.Scheme);
        }

        // Signed in through the balancer: the sign-in lands on one node, the admin pages after it on both.
        var signIn = await PortalServer.PostFormAsync(browser, "/login",
            new() { ["UserName"] = TwoNodeCluster.AdminUserName, ["Password"] = TwoNodeCluster.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        // X-Forwarded-Proto reached the node: it marks the cookie Secure and sends HSTS, as it does only on HTTPS.
        Assert.Contains(signIn.Headers.GetValues("Set-Cookie"), c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        Assert.True(signIn.Headers.Contains("Strict-Transport-Security"));
        var admin = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var page = await browser.GetAsync("/admin");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            admin.Add(Assert.Single(page.Headers.GetValues("X-Request-Id")));
        }
        var upstreams = new List<string>();
        foreach (var id in admin) upstreams.Add(await UpstreamOfAsync(nginx, id));
        var logged = nginx.AccessLog.Length; // every request so far is in the log now
        Assert.Equal(nodes, upstreams.ToHashSet());

        // One node dies: every request still gets its answer, from the other.
        var victim = 0;
        cluster.Nodes[victim].Kill();
        var survivor = cluster.Nodes[1 - victim].BaseAddress.Authority;
        var statuses = new List<HttpStatusCode>();
        var slowest = TimeSpan.Zero;
        for (var i = 0; i < 20; i++)
        {
            var watch = Stopwatch.StartNew();
            statuses.Add((await browser.GetAsync(i % 2 == 0 ? "/admin" : "/health/ready")).StatusCode);
            slowest = watch.Elapsed > slowest ? watch.Elapsed : slowest;
        }
        var afterKill = (await LogAsync(nginx, log => log.Length >= logged + 20))
            .TakeLast(20).Select(line => Upstream().Match(line).Groups[1].Value).ToList();
        output.WriteLine($"Through nginx: {admin.Count} admin pages answered by {string.Join(" and ", upstreams.GroupBy(u => u).Select(g => $"{g.Key} ({g.Count()})"))}; " +
            $"after killing {cluster.Nodes[victim].BaseAddress.Authority}: {statuses.Count(s => s == HttpStatusCode.OK)}/20 answered 200, slowest {slowest.TotalMilliseconds:F0} ms; " +
            $"{afterKill.Count(u => u.Contains(','))} of them tried the dead node first");
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        // nginx lists every node it tried ("dead, survivor"): the last one answered.
        Assert.All(afterKill, u => Assert.EndsWith(survivor, u));
        await cluster.RestartAsync(victim);
    }

    /// <summary>The node that answered the request with this id, from nginx's access log (<c>upstream=</c> and <c>request_id=</c>).</summary>
    private static async Task<string> UpstreamOfAsync(NginxProxy nginx, string requestId)
    {
        bool Answered(string line) => line.EndsWith("request_id=" + requestId, StringComparison.Ordinal);
        var log = await LogAsync(nginx, lines => lines.Any(Answered));
        return Upstream().Match(log.Single(Answered)).Groups[1].Value;
    }

    /// <summary>nginx writes a request's log line after it has sent the answer, so a test reading the log waits for it.</summary>
    private static async Task<string[]> LogAsync(NginxProxy nginx, Func<string[], bool> complete)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var log = nginx.AccessLog;
        while (!complete(log) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            log = nginx.AccessLog;
        }
        return log;
    }

    [GeneratedRegex("upstream=\"([^\"]*)\"")]
    private static partial Regex Upstream();
}
