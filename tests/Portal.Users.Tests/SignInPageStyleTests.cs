using System.Net;
using System.Text.RegularExpressions;
using Portal.Testing;

namespace Portal.Users.Tests;

/// <summary>The sign-in pages take their look from a stylesheet, so their CSP allows no inline style either.</summary>
internal static class SignInPageStyle
{
    public static async Task AssertStyledWithoutInlineCssAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        var policy = string.Join(",", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("style-src 'self';", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.DoesNotContain("<style", html);
        Assert.DoesNotContain("style=", html);
        var stylesheet = Regex.Match(html, "<link rel=\"stylesheet\" href=\"([^\"]+)\"").Groups[1].Value;
        Assert.StartsWith("/users/assets/users.css?v=", stylesheet);
        var css = await client.GetAsync(stylesheet);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);
        Assert.Contains(".error-summary", await css.Content.ReadAsStringAsync());
    }
}

public class SignInPageStyleTests(ProbeServer server) : IClassFixture<ProbeServer>
{
    [Theory]
    [InlineData("/login")]
    [InlineData("/access-denied")]
    public async Task Sign_in_pages_use_the_stylesheet_and_the_strict_policy(string path)
    {
        using var client = server.NewClient();
        await SignInPageStyle.AssertStyledWithoutInlineCssAsync(client, path);
    }
}

/// <summary>On a site that is not set up yet, where every other path leads to /setup.</summary>
public class SetupPageStyleTests(PortalServer server) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task The_setup_page_uses_the_stylesheet_and_the_strict_policy_before_the_site_is_set_up()
    {
        using var client = server.NewClient();
        await SignInPageStyle.AssertStyledWithoutInlineCssAsync(client, "/setup");
    }
}
