using System.Net;
using Portal.Testing;

namespace Portal.Users.Tests;

/// <summary>An empty site: no users, never set up.</summary>
public class SetupTests(PortalServer server) : IClassFixture<PortalServer>
{
    private static Dictionary<string, string> ValidForm() => new()
    {
        ["SiteName"] = "台州微心愿",
        ["AdminUserName"] = "admin",
        ["AdminEmail"] = "admin@example.test",
        ["Password"] = PortalServer.Password,
        ["PasswordConfirmation"] = PortalServer.Password,
        ["Recipe"] = "micro-wish",
    };

    private async Task<(HttpStatusCode Status, string Html)> PostAsync(Dictionary<string, string> form)
    {
        using var client = server.NewClient();
        var response = await PortalServer.PostFormAsync(client, "/setup?culture=en", form);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task AssertStillNotSetUpAsync()
    {
        using var client = server.NewClient();
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/setup", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/login")]
    [InlineData("/admin")]
    [InlineData("/stories/street-lamp?x=1")]
    public async Task Every_page_of_an_empty_site_redirects_to_setup(string path)
    {
        using var client = server.NewClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/setup", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Health_and_the_setup_form_stay_reachable()
    {
        using var client = server.NewClient();

        var health = await client.GetAsync("/health");
        var setup = await client.GetStringAsync("/setup");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("初始化门户", setup);
        Assert.Contains("<label for=\"SiteName\">", setup);
        Assert.Contains("autocomplete=\"new-password\"", setup);
    }

    [Fact]
    public async Task A_weak_password_is_refused_with_its_reasons()
    {
        var form = ValidForm();
        form["Password"] = form["PasswordConfirmation"] = "weakpass";

        var (status, html) = await PostAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("<a href=\"#Password\">The password must contain a digit (0-9).</a>", html);
        Assert.Contains("The password must contain an upper-case letter (A-Z).", html);
        Assert.Contains("value=\"台州微心愿\"", html);
        Assert.DoesNotContain("weakpass", html);
        await AssertStillNotSetUpAsync();
    }

    [Fact]
    public async Task Passwords_that_differ_are_refused()
    {
        var form = ValidForm();
        form["PasswordConfirmation"] = PortalServer.Password + "x";

        var (status, html) = await PostAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("<a href=\"#PasswordConfirmation\">The two passwords do not match.</a>", html);
        await AssertStillNotSetUpAsync();
    }

    [Fact]
    public async Task A_missing_site_name_and_email_are_named()
    {
        var form = ValidForm();
        form["SiteName"] = " ";
        form["AdminEmail"] = "";

        var (status, html) = await PostAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("<a href=\"#SiteName\">Enter the site&#x27;s name.</a>", html);
        Assert.Contains("<a href=\"#AdminEmail\">Enter the administrator&#x27;s email.</a>", html);
        Assert.Matches("<input type=\"text\" id=\"SiteName\"[^>]*aria-invalid=\"true\"", html);
        Assert.Contains("aria-invalid=\"true\"", html);
        await AssertStillNotSetUpAsync();
    }

    [Fact]
    public async Task An_unknown_recipe_is_refused()
    {
        var form = ValidForm();
        form["Recipe"] = "no-such-recipe";

        var (status, html) = await PostAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("There is no setup recipe named &#x27;no-such-recipe&#x27;.", html);
        await AssertStillNotSetUpAsync();
    }

    [Fact]
    public async Task Setup_without_the_antiforgery_token_is_refused()
    {
        using var client = server.NewClient();

        var response = await client.PostAsync("/setup", new FormUrlEncodedContent(ValidForm()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertStillNotSetUpAsync();
    }
}
