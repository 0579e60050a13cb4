using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Portal.Testing;

namespace Portal.Cluster.Tests;

/// <summary>X-Forwarded-For and X-Forwarded-Proto: believed from the configured proxy, ignored from anyone else.</summary>
public sealed partial class MultiNodeTests
{
    [Fact]
    public async Task Forwarded_headers_count_from_the_known_proxy_only_so_a_fake_address_neither_reaches_the_log_nor_dodges_the_rate_limit()
    {
        const int limit = 3;
        // Only nginx's address (127.0.0.1) is a proxy; the test's clients come from other loopback addresses.
        await using var node = await cluster.StartNodeAsync(new()
        {
            ["Portal:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
            ["Portal:RateLimits:LoginPerMinute"] = limit.ToString(),
        });
        await using var nginx = await NginxProxy.StartAsync([node.BaseAddress, node.BaseAddress]);

        // Through nginx from 127.0.0.5, each attempt claiming another address: nginx appends the real one, the node takes it.
        using var proxied = ClientFrom("127.0.0.5", nginx.HttpsAddress);
        var throughProxy = await SignInAttemptsAsync(proxied, limit + 1, i => $"203.0.113.{i}", fakeProto: null);
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.BadRequest, limit), HttpStatusCode.TooManyRequests], throughProxy.Select(r => r.StatusCode));
        // nginx says https, and the node believes it: HSTS.
        Assert.True(throughProxy[0].Headers.Contains("Strict-Transport-Security"));

        // Another client behind the same proxy has its own allowance: the addresses reached the node.
        using var neighbour = ClientFrom("127.0.0.6", nginx.HttpsAddress);
        Assert.Equal(HttpStatusCode.BadRequest, Assert.Single(await SignInAttemptsAsync(neighbour, 1, _ => "203.0.113.1", fakeProto: null)).StatusCode);

        // Straight to the node from 127.0.0.7, not a proxy: its headers are ignored, address and scheme alike.
        using var direct = ClientFrom("127.0.0.7", node.BaseAddress);
        var straight = await SignInAttemptsAsync(direct, limit + 1, i => $"198.51.100.{i}", fakeProto: "https");
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.BadRequest, limit), HttpStatusCode.TooManyRequests], straight.Select(r => r.StatusCode));
        Assert.DoesNotContain(straight, r => r.Headers.Contains("Strict-Transport-Security"));

        // The node's log names the real clients it held back, never an address a client made up.
        var refused = await RefusedClientsAsync(node, 2);
        output.WriteLine($"Login limit {limit}/min: through nginx {string.Join(",", throughProxy.Select(r => (int)r.StatusCode))}, " +
            $"direct with fake headers {string.Join(",", straight.Select(r => (int)r.StatusCode))}; refusals logged for {string.Join(", ", refused)}");
        Assert.Equal(["127.0.0.5", "127.0.0.7"], refused.Order());
    }

    [Fact]
    public async Task A_known_network_alone_is_believed_from_inside_it_and_ignored_from_outside_it()
    {
        const int limit = 2, clients = 4;
        // No KnownProxies: the network alone replaces the loopback default, so 127.0.0.9 (loopback, outside /29) is nobody's proxy.
        await using var node = await cluster.StartNodeAsync(new()
        {
            ["Portal:ForwardedHeaders:KnownNetworks:0"] = "127.0.0.0/29",
            ["Portal:RateLimits:LoginPerMinute"] = limit.ToString(),
        });

        // From 127.0.0.4, inside the network: each client it speaks for has an allowance of its own, and https is believed.
        using var proxy = ClientFrom("127.0.0.4", node.BaseAddress);
        var perClient = new List<List<HttpResponseMessage>>();
        foreach (var client in Enumerable.Range(0, clients).Select(c => $"203.0.113.{c}"))
            perClient.Add(await SignInAttemptsAsync(proxy, limit + 1, _ => client, fakeProto: "https"));
        Assert.All(perClient, attempts => Assert.Equal(
            [.. Enumerable.Repeat(HttpStatusCode.BadRequest, limit), HttpStatusCode.TooManyRequests], attempts.Select(r => r.StatusCode)));
        Assert.All(perClient, attempts => Assert.True(attempts[0].Headers.Contains("Strict-Transport-Security")));

        // From 127.0.0.9, outside it: every attempt counts against 127.0.0.9, whatever address it claims, and http stays http.
        using var outsider = ClientFrom("127.0.0.9", node.BaseAddress);
        var straight = await SignInAttemptsAsync(outsider, limit + 1, i => $"198.51.100.{i}", fakeProto: "https");
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.BadRequest, limit), HttpStatusCode.TooManyRequests], straight.Select(r => r.StatusCode));
        Assert.DoesNotContain(straight, r => r.Headers.Contains("Strict-Transport-Security"));

        var refused = await RefusedClientsAsync(node, clients + 1);
        output.WriteLine($"KnownNetworks 127.0.0.0/29, login limit {limit}/min: from 127.0.0.4 for {clients} clients " +
            $"{string.Join(" | ", perClient.Select(a => string.Join(",", a.Select(r => (int)r.StatusCode))))}; " +
            $"from 127.0.0.9 with a new address each time {string.Join(",", straight.Select(r => (int)r.StatusCode))}; " +
            $"refusals logged for {string.Join(", ", refused)}");
        Assert.Equal(["127.0.0.9", .. Enumerable.Range(0, clients).Select(c => $"203.0.113.{c}")], refused.Order(StringComparer.Ordinal));
    }

    /// <summary>Failed sign-ins (an empty form, answered 400 with its messages: no account is locked) with a made-up X-Forwarded-For on each.</summary>
    private static async Task<List<HttpResponseMessage>> SignInAttemptsAsync(HttpClient client, int count, Func<int, string> fakeFor, string? fakeProto)
    {
        var token = await PortalServer.AntiforgeryTokenAsync(client, "/login");
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/login")
            {
                Content = new FormUrlEncodedContent([new("UserName", ""), new("Password", ""), new("__RequestVerificationToken", token)]),
            };
            request.Headers.Add("X-Forwarded-For", fakeFor(i));
            if (fakeProto is not null) request.Headers.Add("X-Forwarded-Proto", fakeProto);
            responses.Add(await client.SendAsync(request));
        }
        return responses;
    }

    /// <summary>A browser whose connections leave from <paramref name="local"/> (any 127.x address is this host on Linux).</summary>
    private static HttpClient ClientFrom(string local, Uri baseAddress) =>
        new(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            CookieContainer = new CookieContainer(),
            SslOptions = { RemoteCertificateValidationCallback = delegate { return true; } },
            ConnectCallback = async (context, cancel) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(local), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancel);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        {
            BaseAddress = baseAddress,
            // The site's name, not a loopback address: HSTS is never sent to localhost.
            DefaultRequestHeaders = { Host = "portal.example.org" },
        };

    /// <summary>The client addresses (from the request scope) of the node's "over the rate limit" lines, once it has written them.</summary>
    private static async Task<List<string>> RefusedClientsAsync(PortalNode node, int expected)
    {
        List<string> Read() => node.Output.Split('\n').Where(l => l.Contains("rate limit")).Select(l => ClientAddress().Match(l))
            .Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Read().Count < expected && DateTime.UtcNow < deadline) await Task.Delay(100);
        return Read();
    }

    [GeneratedRegex("\"ClientAddress\":\"([^\"]*)\"")]
    private static partial Regex ClientAddress();
}
