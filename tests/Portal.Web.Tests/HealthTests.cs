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
}
