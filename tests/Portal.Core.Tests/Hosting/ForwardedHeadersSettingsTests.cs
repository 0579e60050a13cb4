using Portal.Core.Data;
using Portal.Testing;

namespace Portal.Core.Tests.Hosting;

/// <summary>A mistyped trusted proxy must stop the portal, not leave it trusting nobody (or the loopback default) quietly.</summary>
public class ForwardedHeadersSettingsTests
{
    [Theory]
    [InlineData("KnownProxies", "nginx.internal")]
    [InlineData("KnownProxies", "10.0.0.256")]
    [InlineData("KnownNetworks", "10.0.0.0/33")]
    [InlineData("KnownNetworks", "10.0.0.5/24")] // host bits set: the operator meant 10.0.0.0/24 or the proxy 10.0.0.5
    [InlineData("KnownNetworks", "10.0.0.0")]
    public async Task A_bad_entry_stops_start_up_with_a_message_naming_it(string setting, string bad)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        // A good entry first: the message names the bad one, not the list.
        var good = setting == "KnownProxies" ? "10.0.0.5" : "10.0.0.0/24";
        var settings = new Dictionary<string, string?>
        {
            [$"Portal:ForwardedHeaders:{setting}:0"] = good,
            [$"Portal:ForwardedHeaders:{setting}:1"] = bad,
        };

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => PortalTestHost.StartOnAsync(database, settings: settings));

        Assert.Contains($"Portal:ForwardedHeaders:{setting}", failure.Message);
        Assert.Contains($"'{bad}'", failure.Message);
        Assert.DoesNotContain($"'{good}'", failure.Message);
    }
}
