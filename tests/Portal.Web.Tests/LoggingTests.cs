using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Testing;
using Xunit.Abstractions;

namespace Portal.Web.Tests;

/// <summary>
/// The logs of a real Portal.Web process (its console, as a log collector reads it): one JSON object a line, the request
/// id on every line of a request, and none of the secrets that pass through it.
/// </summary>
public sealed partial class LoggingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Logs_are_json_lines_carry_the_request_id_and_never_show_a_secret()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var secrets = new Dictionary<string, string>
        {
            ["database password"] = "db-" + Guid.NewGuid().ToString("N"),
            ["administrator password"] = "Adm-" + Guid.NewGuid().ToString("N")[..12] + "-1a",
            ["mistyped password"] = "Typo-" + Guid.NewGuid().ToString("N")[..12] + "-1a",
        };
        var role = "log_" + Guid.NewGuid().ToString("N")[..10];
        await PortalServer.AdministerPostgresAsync(
            $"CREATE ROLE {role} LOGIN PASSWORD '{secrets["database password"]}'; ALTER DATABASE \"{database.PostgresName}\" OWNER TO {role}");
        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = role, Password = secrets["database password"] }.ToString();
        var settings = new Dictionary<string, string?>
        {
            ["Portal:Database:ConnectionString"] = connectionString,
            ["Portal:Setup:SiteName"] = "日志测试",
            ["Portal:Setup:AdminUserName"] = "admin",
            ["Portal:Setup:AdminEmail"] = "admin@example.test",
            ["Portal:Setup:AdminPassword"] = secrets["administrator password"],
            ["Portal:Setup:Recipe"] = "micro-wish",
        };
        string requestId;
        string logged = "logged-" + Guid.NewGuid().ToString("N")[..8];
        var node = await PortalNode.StartAsync(database, settings);
        try
        {
            using var browser = node.NewClient();
            var mistyped = await PortalServer.PostFormAsync(browser, "/login", new() { ["UserName"] = "admin", ["Password"] = secrets["mistyped password"] });
            Assert.Equal(HttpStatusCode.BadRequest, mistyped.StatusCode);
            await PortalServer.SignInClientAsync(browser, "admin", secrets["administrator password"]);

            var created = await PortalServer.PostFormAsync(browser, "/admin/api-clients/create",
                new() { ["name"] = "partner", ["scopes"] = "Story", ["rateLimit"] = "60" });
            var secret = SecretInput().Match(await created.Content.ReadAsStringAsync()).Groups[1].Value;
            Assert.NotEmpty(secret);
            secrets["API client secret"] = secret;
            using var partner = node.NewClient();
            partner.DefaultRequestHeaders.Authorization = new("Bearer", secret);
            Assert.Equal(HttpStatusCode.OK, (await partner.PostAsJsonAsync("/api/graphql", new { query = "{ story { contentItemId } }" })).StatusCode);
            partner.DefaultRequestHeaders.Authorization = new("Bearer", secret[..^4] + "AAAA");
            Assert.Equal(HttpStatusCode.Unauthorized, (await partner.PostAsJsonAsync("/api/graphql", new { query = "{ story { contentItemId } }" })).StatusCode);

            var storyId = await StoryIdAsync(database, connectionString);
            var shared = await PortalServer.PostFormAsync(browser, $"/admin/desk/{storyId}/share", new(), "/admin/desk");
            var link = ShareInput().Match(await shared.Content.ReadAsStringAsync()).Groups[1].Value;
            var token = link[(link.IndexOf("/preview/", StringComparison.Ordinal) + "/preview/".Length)..];
            Assert.True(token.Length > 40, link);
            secrets["reviewer link token"] = Uri.UnescapeDataString(token);
            using var reviewer = node.NewClient();
            Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync("/preview/" + token)).StatusCode);

            // A request whose work logs a line: a workflow started by its signed URL, with a Log activity.
            var saved = await browser.PostAsJsonAsync("/api/workflows/types", JsonNode.Parse($$"""
                { "Name": "log {{logged}}", "IsEnabled": true,
                  "Activities": [ { "ActivityId": "called", "Name": "HttpRequestEvent", "IsStart": true, "Properties": {} },
                                  { "ActivityId": "log", "Name": "LogTask", "Properties": { "Text": "{{logged}}" } } ],
                  "Transitions": [ { "SourceActivityId": "called", "SourceOutcomeName": "Done", "DestinationActivityId": "log" } ] }
                """));
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            var typeId = (await saved.Content.ReadFromJsonAsync<JsonObject>())!["workflowTypeId"]!.GetValue<string>();
            var invokeUrl = (await browser.GetFromJsonAsync<string>($"/api/workflows/types/{typeId}/activities/called/url"))!;
            secrets["workflow start token"] = Uri.UnescapeDataString(invokeUrl[(invokeUrl.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
            var invoked = await reviewer.PostAsync(invokeUrl, null);
            Assert.Equal(HttpStatusCode.OK, invoked.StatusCode);
            requestId = Assert.Single(invoked.Headers.GetValues("X-Request-Id"));
        }
        finally
        {
            await node.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
        }

        var lines = node.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var entries = lines.Select(line => (Line: line, Json: TryParse(line))).ToList();
        output.WriteLine($"{lines.Length} log lines; the workflow's line: {entries.FirstOrDefault(e => e.Line.Contains(logged)).Line}");
        Assert.True(lines.Length > 5, node.Output);
        Assert.All(entries, e => Assert.True(e.Json?["Category"] is not null && e.Json["LogLevel"] is not null, $"not a JSON log line: {e.Line}"));
        Assert.Empty(entries.Where(e => e.Json!["LogLevel"]!.GetValue<string>() is "Error" or "Critical").Select(e => e.Line));
        var workflowLine = Assert.Single(entries, e => e.Line.Contains(logged));
        Assert.Contains(workflowLine.Json!["Scopes"]!.AsArray(), s => s?["RequestId"]?.GetValue<string>() == requestId);
        foreach (var (what, value) in secrets)
            Assert.False(node.Output.Contains(value, StringComparison.Ordinal), $"the {what} is in the logs");
        await PortalServer.AdministerPostgresAsync($"DROP DATABASE IF EXISTS \"{database.PostgresName}\" WITH (FORCE); DROP ROLE IF EXISTS {role}");
    }

    [Theory]
    [InlineData("/preview/CfDJ8Hq0Zx7-very-long-data-protected-token-Abcdefghijklmnop", "/preview/…")]
    [InlineData("/admin/content/4f9s1x2c3v4b5n6m7k8j9h0g1f/edit", "/admin/content/4f9s1x2c3v4b5n6m7k8j9h0g1f/edit")]
    [InlineData("", "/")]
    public void A_logged_path_leaves_out_segments_long_enough_to_be_tokens(string path, string logged) =>
        Assert.Equal(logged, Portal.Core.Hosting.PortalLogging.LoggedPath(new Microsoft.AspNetCore.Http.PathString(path.Length == 0 ? null : path)));

    private static async Task<string> StoryIdAsync(TestDatabase database, string connectionString)
    {
        await using var host = await PortalTestHost.AttachAsync(database, new Dictionary<string, string?> { ["Portal:Database:ConnectionString"] = connectionString });
        return await host.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<ContentItemRecord>()
            .Where(r => r.ContentType == "Story" && r.Latest).Select(r => r.ContentItemId).FirstAsync());
    }

    private static JsonObject? TryParse(string line)
    {
        try
        {
            return JsonNode.Parse(line) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex("id=\"secret\" readonly value=\"([^\"]+)\"")]
    private static partial Regex SecretInput();

    [GeneratedRegex("id=\"share-url\" class=\"share-url\" readonly value=\"([^\"]+)\"")]
    private static partial Regex ShareInput();
}
