using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Core.Cluster;
using Portal.Core.Data;
using Portal.Testing;

namespace Portal.Core.Tests.Cluster;

/// <summary>Leases on each database; two <see cref="BackgroundLeases"/> instances stand for two nodes.</summary>
public abstract class BackgroundLeaseSuite(DatabaseProvider provider) : IAsyncLifetime
{
    private PortalTestHost host = null!;

    public async Task InitializeAsync() => host = await PortalTestHost.StartAsync(provider);

    public async Task DisposeAsync() => await host.DisposeAsync();

    private BackgroundLeases Node(double seconds = 30) =>
        new(host.Services.GetRequiredService<IServiceScopeFactory>(), Options.Create(new ClusterOptions { LeaseSeconds = seconds }));

    [Fact]
    public async Task Of_two_nodes_asking_for_the_same_lease_at_once_exactly_one_gets_it_and_keeps_it_on_renewal()
    {
        var (a, b) = (Node(), Node());
        for (var round = 0; round < 20; round++)
        {
            var name = $"job-{round}";
            var results = await Task.WhenAll(a.TryAcquireAsync(name), b.TryAcquireAsync(name));
            Assert.Single(results, held => held);
            var owner = results[0] ? a : b;
            var other = results[0] ? b : a;
            Assert.True(await owner.TryAcquireAsync(name));
            Assert.False(await other.TryAcquireAsync(name));
            Assert.Equal(owner.NodeId, await a.OwnerAsync(name));
        }
    }

    [Fact]
    public async Task An_expired_lease_goes_to_the_next_node_that_asks_and_a_released_one_at_once()
    {
        var (a, b) = (Node(seconds: 0.3), Node(seconds: 0.3));
        Assert.True(await a.TryAcquireAsync("expiring"));
        Assert.False(await b.TryAcquireAsync("expiring"));
        await Task.Delay(400);
        Assert.Null(await a.OwnerAsync("expiring"));
        Assert.True(await b.TryAcquireAsync("expiring"));
        Assert.False(await a.TryAcquireAsync("expiring"));

        var (c, d) = (Node(), Node());
        Assert.True(await c.TryAcquireAsync("released"));
        await d.ReleaseAsync("released");
        Assert.False(await d.TryAcquireAsync("released"));
        await c.ReleaseAsync("released");
        Assert.True(await d.TryAcquireAsync("released"));
    }
}

public sealed class SqliteBackgroundLeaseTests() : BackgroundLeaseSuite(DatabaseProvider.Sqlite);

public sealed class PostgresBackgroundLeaseTests() : BackgroundLeaseSuite(DatabaseProvider.Postgres);
