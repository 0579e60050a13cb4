using System.Net;
using Portal.Core.Data;
using Portal.Testing;

namespace Portal.Web.Tests;

public class SecurityHeaderTests(PortalServer server) : IClassFixture<PortalServer>
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/no-such-page")]
    [InlineData("/admin")]
    public async Task Every_response_forbids_sniffing_and_framing_and_allows_no_inline_script_or_style(string path)
    {
        using var client = server.NewClient();

        var response = await client.GetAsync(path);

        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        var policy = Header(response, "Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Contains("script-src 'self';", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task HSTS_is_sent_when_a_trusted_proxy_says_the_request_came_over_HTTPS()
    {
        using var client = server.NewClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Host = "portal.example";
        request.Headers.Add("X-Forwarded-Proto", "https");

        var response = await client.SendAsync(request);

        Assert.StartsWith("max-age=", Header(response, "Strict-Transport-Security"));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";
}

public sealed class LimitedLoginServer() : SetUpPortalServer(DatabaseProvider.Sqlite, settings: new Dictionary<string, string?> { ["Portal:RateLimits:LoginPerMinute"] = "3" });

public class LoginRateLimitTests(LimitedLoginServer server) : IClassFixture<LimitedLoginServer>
{
    [Fact]
    public async Task A_fourth_sign_in_attempt_in_a_minute_from_one_address_gets_429_with_Retry_After()
    {
        using var client = server.NewClient();
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 4; attempt++)
            statuses.Add((await PortalServer.PostFormAsync(client, "/login", new() { ["UserName"] = "nobody", ["Password"] = "Wrong-2026-pw" })).StatusCode);

        var refused = await PortalServer.PostFormAsync(client, "/login", new() { ["UserName"] = "nobody", ["Password"] = "Wrong-2026-pw" });

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(3));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[3]);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/login")).StatusCode);
    }
}
