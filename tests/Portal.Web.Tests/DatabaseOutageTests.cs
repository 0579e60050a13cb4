using System.Net;
using System.Net.Http.Json;
using Portal.Testing;

namespace Portal.Web.Tests;

/// <summary>The database refuses connections for a while, then comes back; nobody restarts the portal.</summary>
public class DatabaseOutageTests(PostgresSetUpPortalServer server) : IClassFixture<PostgresSetUpPortalServer>
{
    [Fact]
    public async Task While_the_database_is_away_pages_and_the_API_answer_503_with_an_explanation_and_recover_by_themselves()
    {
        using var admin = await server.AdminClientAsync();
        using var probe = server.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/content")).StatusCode);
        var name = server.Database.PostgresName!;

        await PortalServer.AdministerPostgresAsync($"ALTER DATABASE \"{name}\" WITH ALLOW_CONNECTIONS false");
        await PortalServer.AdministerPostgresAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'");
        HttpResponseMessage page, api, live, ready;
        try
        {
            page = await admin.GetAsync("/admin/content");
            api = await admin.PostAsJsonAsync("/api/wishes/nothing/claims", new { });
            live = await probe.GetAsync("/health/live");
            ready = await probe.GetAsync("/health/ready");
        }
        finally
        {
            await PortalServer.AdministerPostgresAsync($"ALTER DATABASE \"{name}\" WITH ALLOW_CONNECTIONS true");
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Equal("5", page.Headers.RetryAfter?.Delta?.TotalSeconds.ToString());
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("网站暂时无法访问", html);
        Assert.Contains("The database cannot be reached", html);
        Assert.DoesNotContain("Npgsql", html);
        // The id a report would quote is the one every log line of that request carries.
        Assert.Contains($"<code>{System.Net.WebUtility.HtmlEncode(Assert.Single(page.Headers.GetValues("X-Request-Id")))}</code>", html);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);

        var status = HttpStatusCode.ServiceUnavailable;
        for (var attempt = 0; attempt < 50 && status != HttpStatusCode.OK; attempt++)
        {
            if (attempt > 0) await Task.Delay(200);
            status = (await admin.GetAsync("/admin/content")).StatusCode;
        }
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/health/ready")).StatusCode);
    }
}
