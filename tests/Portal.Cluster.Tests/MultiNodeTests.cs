using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Cluster;
using Portal.Core.Data;
using Portal.Testing;
using Portal.Wishes.Models;
using Xunit.Abstractions;

namespace Portal.Cluster.Tests;

/// <summary>What a load balancer in front of two nodes must not be able to break. Figures go to the test output.</summary>
public sealed class MultiNodeTests(TwoNodeCluster cluster, ITestOutputHelper output) : IClassFixture<TwoNodeCluster>
{
    [Fact]
    public async Task Ten_thousand_claims_split_across_both_nodes_leave_every_wish_with_exactly_one_claim()
    {
        const int wishes = 200, volunteers = 50;
        var browsers = await Task.WhenAll(Enumerable.Range(0, volunteers).Select(async v =>
        {
            var name = $"v{v}-{Guid.NewGuid():N}"[..12];
            await cluster.CreateVolunteerAsync(name);
            var cookies = new CookieContainer();
            // Signed in on one node; the cookie is then used on both.
            using var client = cluster.Nodes[v % 2].NewClient(cookies);
            await PortalServer.SignInClientAsync(client, name, TwoNodeCluster.Password);
            return cookies;
        }));
        var clients = new HttpClient[volunteers, 2];
        for (var v = 0; v < volunteers; v++)
            for (var n = 0; n < 2; n++)
                clients[v, n] = cluster.Nodes[n].NewClient(browsers[v]);
        var wishIds = new List<string>();
        for (var w = 0; w < wishes; w++) wishIds.Add(await cluster.PublishedWishAsync());

        var statuses = new Dictionary<HttpStatusCode, int>();
        var createdPerWish = new Dictionary<string, int>();
        var watch = Stopwatch.StartNew();
        for (var w = 0; w < wishes; w++)
        {
            var wish = wishIds[w];
            var responses = await Task.WhenAll(Enumerable.Range(0, volunteers).Select(v =>
                clients[v, (v + w) % 2].PostAsJsonAsync($"/api/wishes/{wish}/claims", new { })));
            foreach (var response in responses)
                statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
            createdPerWish[wish] = responses.Count(r => r.StatusCode == HttpStatusCode.Created);
        }
        watch.Stop();

        var claimsPerWish = await cluster.Admin.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<WishClaimRecord>()
            .Where(c => wishIds.Contains(c.WishId)).GroupBy(c => c.WishId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        var attempts = wishes * volunteers;
        output.WriteLine($"{attempts} claim attempts over two nodes in {watch.Elapsed.TotalSeconds:F1} s ({attempts / watch.Elapsed.TotalSeconds:F0}/s): " +
            string.Join(", ", statuses.Select(s => $"{(int)s.Key} x {s.Value}")));
        Assert.Equal(attempts, statuses.Values.Sum());
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], statuses.Keys.Order());
        Assert.All(createdPerWish.Values, created => Assert.Equal(1, created));
        Assert.Equal(wishes, claimsPerWish.Count);
        Assert.All(claimsPerWish, c => Assert.Equal(1, c.Count));
    }

    [Fact]
    public async Task A_content_type_created_in_node_A_admin_shows_in_node_B_admin_within_a_second()
    {
        var browser = new CookieContainer();
        using var onA = cluster.Nodes[0].NewClient(browser);
        using var onB = cluster.Nodes[1].NewClient(browser);
        await PortalServer.SignInClientAsync(onA, TwoNodeCluster.AdminUserName, TwoNodeCluster.Password);
        var name = "Bulletin" + Guid.NewGuid().ToString("N")[..6];
        Assert.DoesNotContain(name, await onB.GetStringAsync("/admin/content-types"));

        var created = await PortalServer.PostFormAsync(onA, "/admin/content-types/create",
            new() { ["displayName"] = name, ["name"] = name, ["parts"] = "TitlePart" });
        var watch = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        // When B showed it: the moment the first request that saw it was sent (the page's own render time aside).
        var askedAt = TimeSpan.Zero;
        while (!(await onB.GetStringAsync("/admin/content-types")).Contains(name))
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"node B did not show {name} within 5 s");
            await Task.Delay(10);
            askedAt = watch.Elapsed;
        }

        output.WriteLine($"Node B's admin showed the type created on node A to a request sent {askedAt.TotalMilliseconds:F0} ms after node A answered");
        Assert.True(askedAt < TimeSpan.FromSeconds(1), $"node B showed {name} only to a request sent {askedAt.TotalMilliseconds:F0} ms after");
    }

    [Fact]
    public async Task When_the_node_running_the_expiry_job_is_killed_the_other_takes_it_over_within_the_lease()
    {
        const string lease = "wishes:expiry";
        var leases = cluster.Admin.Services.GetRequiredService<BackgroundLeases>();
        var owner = await WithinAsync(() => leases.OwnerAsync(lease), o => o is not null, TimeSpan.FromSeconds(10));
        var ownerIndex = Array.FindIndex(cluster.Nodes, n => PidOf(owner) == n.ProcessId);
        Assert.NotEqual(-1, ownerIndex);
        var survivor = cluster.Nodes[1 - ownerIndex];

        cluster.Nodes[ownerIndex].Kill();
        var watch = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(TwoNodeCluster.LeaseSeconds * 2);
        var next = await WithinAsync(() => leases.OwnerAsync(lease), o => PidOf(o) == survivor.ProcessId, limit);
        watch.Stop();

        output.WriteLine($"The expiry job moved to the surviving node {watch.Elapsed.TotalMilliseconds:F0} ms after its owner was killed (lease {TwoNodeCluster.LeaseSeconds} s)");
        Assert.NotEqual(owner, next);
        await cluster.RestartAsync(ownerIndex);
    }

    /// <summary>Lease owners are "host/pid/random".</summary>
    private static int? PidOf(string? owner) => owner?.Split('/') is [_, var pid, _] ? int.Parse(pid) : null;

    private static async Task<T> WithinAsync<T>(Func<Task<T>> read, Func<T, bool> wanted, TimeSpan within)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (wanted(value)) return value;
            if (watch.Elapsed > within) throw new TimeoutException($"Still '{value}' after {within.TotalSeconds} s.");
            await Task.Delay(25);
        }
    }
}
