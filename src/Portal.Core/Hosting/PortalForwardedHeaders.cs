using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Core.Hosting;

/// <summary>
/// Which proxies may tell the portal the client's address and scheme (<c>X-Forwarded-For</c>, <c>X-Forwarded-Proto</c>).
/// By default only a proxy on the same host (loopback). <c>Portal:ForwardedHeaders:KnownProxies</c> (addresses) and
/// <c>KnownNetworks</c> (CIDR, e.g. <c>10.0.0.0/24</c>) replace that default: only the proxies named are believed, so a
/// client elsewhere cannot pick its own address (and dodge a per-client rate limit) by sending the header itself.
/// Only the last hop is taken, the one the trusted proxy appended.
/// </summary>
public static class PortalForwardedHeaders
{
    public const string Section = "Portal:ForwardedHeaders";

    public static IServiceCollection AddPortalForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var proxies = section.GetSection("KnownProxies").Get<string[]>() ?? [];
        var networks = section.GetSection("KnownNetworks").Get<string[]>() ?? [];
        // Parsed now, so a mistyped address stops the node at start-up instead of silently trusting nobody.
        var proxyAddresses = proxies.Select(p => IPAddress.TryParse(p.Trim(), out var a) ? a
            : throw new InvalidOperationException($"{Section}:KnownProxies: '{p}' is not an IP address.")).ToList();
        var networkRanges = networks.Select(Network).ToList();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            if (proxyAddresses.Count + networkRanges.Count == 0) return; // the framework's default: loopback
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var address in proxyAddresses) o.KnownProxies.Add(address);
            foreach (var range in networkRanges) o.KnownIPNetworks.Add(range);
        });
        return services;
    }

    private static System.Net.IPNetwork Network(string entry)
    {
        if (!System.Net.IPNetwork.TryParse(entry.Trim(), out var range))
            throw new InvalidOperationException($"{Section}:KnownNetworks: '{entry}' is not a network in CIDR notation (10.0.0.0/24).");
        // The parser quietly clears host bits: '10.0.0.5/24', meant as one proxy, would trust its whole /24.
        if (!IPAddress.Parse(entry.Trim().Split('/')[0]).Equals(range.BaseAddress))
            throw new InvalidOperationException($"{Section}:KnownNetworks: '{entry}' has bits set past its prefix: " +
                $"the network is {range}, and a single proxy goes in KnownProxies.");
        return range;
    }
}
