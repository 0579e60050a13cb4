using Portal.Testing;

namespace Portal.E2E;

public class BrowserSmokeTests(Browser browser, PortalServer server) : IClassFixture<Browser>, IClassFixture<PortalServer>
{
    [Fact]
    public async Task Chromium_reaches_the_portal_over_real_HTTP()
    {
        var page = await browser.NewPageAsync(server.BaseAddress);

        var response = await page.GotoAsync("/health");

        Assert.Equal(200, response!.Status);
        Assert.Equal("Healthy", await page.InnerTextAsync("body"));
    }
}
