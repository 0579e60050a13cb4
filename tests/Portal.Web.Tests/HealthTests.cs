using System.Net;
using Portal.Testing;

namespace Portal.Web.Tests;

public class HealthTests(PortalServer server) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task Health_answers_200_over_real_HTTP_when_the_database_is_reachable()
    {
        using var client = server.NewClient();

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        Assert.Equal("127.0.0.1", server.BaseAddress.Host);
    }

    [Fact]
    public void The_server_uses_the_test_database_not_the_default_data_folder()
    {
        var settings = (Portal.Core.Data.PortalDatabaseSettings)server.Services.GetService(typeof(Portal.Core.Data.PortalDatabaseSettings))!;

        Assert.Equal(server.Database.DataPath, settings.DataPath);
        Assert.Contains(server.Database.DataPath, settings.ConnectionString);
    }
}

public class DatabaseOutageHealthTests(PostgresPortalServer server) : IClassFixture<PostgresPortalServer>
{
    [Fact]
    public async Task Health_answers_503_while_the_database_refuses_connections_and_200_again_when_it_is_back()
    {
        using var client = server.NewClient();
        var name = server.Database.PostgresName!;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        await PortalServer.AdministerPostgresAsync($"ALTER DATABASE \"{name}\" WITH ALLOW_CONNECTIONS false");
        await PortalServer.AdministerPostgresAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'");
        try
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusWithinAsync(client, HttpStatusCode.ServiceUnavailable));
        }
        finally
        {
            await PortalServer.AdministerPostgresAsync($"ALTER DATABASE \"{name}\" WITH ALLOW_CONNECTIONS true");
        }

        Assert.Equal(HttpStatusCode.OK, await StatusWithinAsync(client, HttpStatusCode.OK));
    }

    /// <summary>Polls /health for up to ten seconds: pooled connections notice the change on their next use.</summary>
    private static async Task<HttpStatusCode> StatusWithinAsync(HttpClient client, HttpStatusCode wanted)
    {
        var status = HttpStatusCode.InternalServerError;
        for (var attempt = 0; attempt < 50 && status != wanted; attempt++)
        {
            if (attempt > 0) await Task.Delay(200);
            status = (await client.GetAsync("/health")).StatusCode;
        }
        return status;
    }
}

public class SiteRootTests(SetUpPortalServer server) : IClassFixture<SetUpPortalServer>
{
    [Fact]
    public async Task The_site_root_is_the_public_theme_home_page_not_a_redirect_to_the_admin()
    {
        using var client = server.NewClient();

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("class=\"masthead\"", await response.Content.ReadAsStringAsync());
    }
}
