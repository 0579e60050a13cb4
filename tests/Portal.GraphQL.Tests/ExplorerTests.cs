using System.Net;
using System.Text.RegularExpressions;
using Portal.Testing;

namespace Portal.GraphQL.Tests;

/// <summary>The explorer at /admin/graphql: who may open it, its script under the site's CSP, its languages.</summary>
public class ExplorerTests(GraphQLServer server) : IClassFixture<GraphQLServer>
{
    [Fact]
    public async Task Anonymous_visitors_are_sent_to_the_login_page()
    {
        using var anonymous = server.NewClient();
        var response = await anonymous.GetAsync("/admin/graphql");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Staff_without_ManageApiClients_get_403()
    {
        var role = "Editor" + Guid.NewGuid().ToString("N")[..6];
        await server.CreateRoleAsync(role, "AccessAdmin", "EditContent");
        using var staff = await server.NewSignedInClientAsync("e" + Guid.NewGuid().ToString("N")[..8], role);
        var response = await staff.GetAsync("/admin/graphql");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/access-denied", response.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync(response.Headers.Location)).StatusCode);
        Assert.DoesNotContain("/admin/graphql\"", await (await staff.GetAsync("/admin")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_administrator_opens_the_explorer_whose_script_is_a_file_the_policy_allows()
    {
        using var admin = await server.AdminClientAsync();
        var response = await admin.GetAsync("/admin/graphql");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("GraphQL 查询浏览器", html);
        Assert.DoesNotContain("&#x", html);
        Assert.Contains("<a href=\"/admin/graphql\" aria-current=\"page\">", html);
        Assert.Contains("<label for=\"graphql-query\">查询</label>", html);
        Assert.DoesNotMatch(new Regex("<script(?![^>]*\\bsrc=)[^>]*>"), html);
        Assert.DoesNotContain(" style=\"", html);

        var src = Regex.Match(html, "<script src=\"(/admin/graphql/assets/explorer\\.js\\?v=[0-9a-f]+)\"").Groups[1].Value;
        Assert.NotEmpty(src);
        var script = await admin.GetAsync(src);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.StartsWith("text/javascript", script.Content.Headers.ContentType!.ToString());
        Assert.Contains("__schema", await script.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_explorer_reads_in_Traditional_Chinese_and_English()
    {
        using var admin = await server.AdminClientAsync();
        await admin.GetAsync("/culture/zh-TW?returnUrl=%2Fadmin");
        var traditional = await admin.GetStringAsync("/admin/graphql");
        Assert.Contains("GraphQL 查詢瀏覽器", traditional);
        Assert.Contains("變數（JSON）", traditional);
        await admin.GetAsync("/culture/en?returnUrl=%2Fadmin");
        var english = await admin.GetStringAsync("/admin/graphql");
        Assert.Contains("<h1>GraphQL explorer</h1>", english);
        Assert.Contains("Variables (JSON)", english);
    }
}
