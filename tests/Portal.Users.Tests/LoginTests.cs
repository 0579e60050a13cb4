using System.Net;
using Portal.Testing;

namespace Portal.Users.Tests;

public class LoginTests(ProbeServer server) : IClassFixture<ProbeServer>
{
    private static string NewName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    private static Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string password, string? returnUrl = null) =>
        PortalServer.PostFormAsync(client, "/login?culture=en", new()
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["ReturnUrl"] = returnUrl ?? "",
        });

    [Fact]
    public async Task Login_page_is_Chinese_by_default_and_English_on_request()
    {
        using var client = server.NewClient();

        var chinese = await client.GetStringAsync("/login");
        var english = await client.GetStringAsync("/login?culture=en");

        Assert.Contains("<html lang=\"zh-CN\">", chinese);
        Assert.Contains("登录", chinese);
        Assert.Contains("autocomplete=\"current-password\"", chinese);
        Assert.Contains("<label for=\"UserName\">", chinese);
        Assert.Contains("Log in", english);
    }

    [Fact]
    public async Task Signing_in_with_the_right_password_returns_to_the_local_return_url()
    {
        var name = NewName("vol");
        await server.CreateUserAsync(name, PortalServer.Password, "Volunteer");
        using var client = server.NewClient();

        var response = await PostLoginAsync(client, name, PortalServer.Password, "/wishes?page=2");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/wishes?page=2", response.Headers.Location!.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("portal.auth=", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example")]
    public async Task A_return_url_to_another_site_is_refused(string returnUrl)
    {
        var name = NewName("vol");
        await server.CreateUserAsync(name, PortalServer.Password);
        using var client = server.NewClient();

        var response = await PostLoginAsync(client, name, PortalServer.Password, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_user_get_the_same_message_and_no_cookie()
    {
        var name = NewName("vol");
        await server.CreateUserAsync(name, PortalServer.Password);
        using var client = server.NewClient();

        var wrongPassword = await PostLoginAsync(client, name, "Wrong-pass-1");
        var unknownUser = await PostLoginAsync(client, NewName("nobody"), "Wrong-pass-1");

        foreach (var response in new[] { wrongPassword, unknownUser })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("Invalid user name or password.", await response.Content.ReadAsStringAsync());
            Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("portal.auth=", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task Empty_fields_are_named_in_the_error_summary()
    {
        using var client = server.NewClient();

        var response = await PostLoginAsync(client, "", "");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("role=\"alert\"", html);
        Assert.Contains("<a href=\"#UserName\">Enter your user name.</a>", html);
        Assert.Contains("<a href=\"#Password\">Enter your password.</a>", html);
    }

    [Fact]
    public async Task Five_failed_attempts_lock_the_account_for_fifteen_minutes_even_for_the_right_password()
    {
        var name = NewName("vol");
        await server.CreateUserAsync(name, PortalServer.Password);
        using var client = server.NewClient();

        for (var attempt = 1; attempt <= 4; attempt++)
            Assert.Contains("Invalid user name or password.", await (await PostLoginAsync(client, name, "Wrong-pass-1")).Content.ReadAsStringAsync());
        var fifth = await (await PostLoginAsync(client, name, "Wrong-pass-1")).Content.ReadAsStringAsync();
        var rightPassword = await PostLoginAsync(client, name, PortalServer.Password);

        Assert.Contains("this account is locked. Try again in 15 minutes.", fifth);
        Assert.Equal(HttpStatusCode.BadRequest, rightPassword.StatusCode);
        Assert.Contains("Try again in", await rightPassword.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_disabled_user_cannot_sign_in()
    {
        var name = NewName("vol");
        await server.CreateUserAsync(name, PortalServer.Password);
        await server.DisableUserAsync(name);
        using var client = server.NewClient();

        var response = await PostLoginAsync(client, name, PortalServer.Password);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("This account is disabled.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Logout_needs_a_POST_with_the_antiforgery_token()
    {
        using var client = await server.AdminClientAsync();

        var get = await client.GetAsync("/logout");
        var withoutToken = await client.PostAsync("/logout", new FormUrlEncodedContent([]));
        var stillIn = await client.GetAsync("/admin/probe");
        var logout = await PortalServer.PostFormAsync(client, "/logout", [], formPage: "/access-denied");
        var afterwards = await client.GetAsync("/admin/probe");

        // The public theme's permalink route takes every GET it can match, so a GET here is 404 rather than 405.
        Assert.Contains(get.StatusCode, new[] { HttpStatusCode.MethodNotAllowed, HttpStatusCode.NotFound });
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, afterwards.StatusCode);
        Assert.StartsWith("/login?ReturnUrl=%2Fadmin%2Fprobe", afterwards.Headers.Location!.PathAndQuery);
    }
}
