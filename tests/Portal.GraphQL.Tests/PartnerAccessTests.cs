using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Recipes;
using Portal.GraphQL.ApiClients;
using Portal.Testing;

namespace Portal.GraphQL.Tests;

/// <summary>Partners' API clients: Bearer secrets, scopes, rate limits, the request log, the recipe step and the admin pages.</summary>
public class PartnerAccessTests(GraphQLServer server) : IClassFixture<GraphQLServer>
{
    private async Task<(string Secret, long Id)> ClientAsync(string[] scopes, int rateLimit = 100)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var (client, secret, errors) = await scope.ServiceProvider.GetRequiredService<ApiClientService>()
            .CreateAsync(new ApiClientInput("partner-" + Guid.NewGuid().ToString("N")[..8], scopes, rateLimit));
        Assert.Empty(errors);
        return (secret!, client!.Id);
    }

    private HttpClient Partner(string secret)
    {
        var client = server.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    [Fact]
    public async Task A_client_reads_its_scopes_and_gets_403_for_others_and_a_bad_secret_gets_401()
    {
        await server.WishAsync("一盏台灯", "赵**");
        var (secret, _) = await ClientAsync(["Wish", "Story"]);
        using var partner = Partner(secret);
        var (ok, body) = await GraphQLServer.PostAsync(partner, "{ wish { alias } }");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.NotEmpty(body!["data"]!["wish"]!.AsArray());

        var (forbidden, forbiddenBody) = await GraphQLServer.PostAsync(partner, "{ campaign { slogan } }");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("This client is not granted the scope \"Campaign\".", GraphQLServer.Errors(forbiddenBody));

        var (drafts, draftsBody) = await GraphQLServer.PostAsync(partner, "{ story(status: DRAFT) { displayText } }");
        Assert.Contains("drafts", GraphQLServer.Errors(draftsBody));

        using var wrong = Partner(secret + "x");
        var (unauthorized, _) = await GraphQLServer.PostAsync(wrong, "{ story { displayText } }");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal("Bearer", unauthorized.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task A_revoked_client_is_refused_at_once_though_its_last_request_was_a_moment_ago()
    {
        var (secret, id) = await ClientAsync(["Story"]);
        using var partner = Partner(secret);
        Assert.Equal(HttpStatusCode.OK, (await GraphQLServer.PostAsync(partner, "{ story(first: 1) { displayText } }")).Response.StatusCode);

        await using (var scope = server.Services.CreateAsyncScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<ApiClientService>().RevokeAsync(id));

        Assert.Equal(HttpStatusCode.Unauthorized, (await GraphQLServer.PostAsync(partner, "{ story(first: 1) { displayText } }")).Response.StatusCode);
    }

    [Fact]
    public async Task The_secret_is_stored_hashed()
    {
        var (secret, id) = await ClientAsync(["Story"]);
        await using var scope = server.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<ApiClientRecord>().SingleAsync(c => c.Id == id);
        Assert.NotEqual(secret, stored.SecretHash);
        Assert.DoesNotContain(secret, stored.SecretHash);
        Assert.Equal(ApiClientService.Hash(secret), stored.SecretHash);
    }

    [Fact]
    public async Task Over_the_rate_limit_a_client_gets_429_and_the_log_counts_it()
    {
        var (secret, id) = await ClientAsync(["Story"], rateLimit: 3);
        using var partner = Partner(secret);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++) statuses.Add((await GraphQLServer.PostAsync(partner, "query Latest { story(first: 1) { displayText } }")).Response.StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, (HttpStatusCode)429, (HttpStatusCode)429], statuses);

        await using var scope = server.Services.CreateAsyncScope();
        var clients = scope.ServiceProvider.GetRequiredService<ApiClientService>();
        var client = (await clients.FindAsync(id))!;
        Assert.Equal(3, client.RequestCount);
        Assert.Equal(2, client.RejectedCount);
        var log = await clients.RecentRequestsAsync(id);
        Assert.Equal([429, 429, 200, 200, 200], log.Select(r => r.Status));
        Assert.Equal("Latest", log[^1].OperationName);
    }

    [Fact]
    public async Task Introspected_as_a_partner_the_schema_has_no_sensitive_field_and_answers_have_no_sensitive_value()
    {
        var wish = await server.WishAsync("一辆自行车", "陈**");
        await server.StoryAsync("自行车到了", "partner-privacy", 1, [wish]);
        var (secret, _) = await ClientAsync(["Wish", "Story", "Campaign"]);
        using var partner = Partner(secret);
        var (_, schema) = await GraphQLServer.PostAsync(partner, Engine.Types.Introspection.FullQuery);
        Assert.Null(schema!["errors"]);
        Assert.DoesNotContain("phone", schema.ToJsonString(), StringComparison.OrdinalIgnoreCase);

        // Every field of Wish whose value is a scalar (the picker is asked for separately).
        var scalarFields = schema["data"]!["__schema"]!["types"]!.AsArray().Single(t => t!["name"]!.GetValue<string>() == "Wish")!["fields"]!.AsArray()
            .Where(f => (f!["type"]!["ofType"] ?? f["type"])!["kind"]!.GetValue<string>() == "SCALAR")
            .Select(f => f!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("alias", scalarFields);
        var query = "{ wish(first: 100) { " + string.Join(" ", scalarFields) + " campaign { contentItemIds contentItems { displayText } } } story(first: 100) { relatedWishes { contentItems { ... on Wish { " + string.Join(" ", scalarFields) + " } } } } }";
        var (response, body) = await GraphQLServer.PostAsync(partner, query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body!["errors"] is null, body.ToJsonString());
        var text = body.ToJsonString();
        Assert.DoesNotContain(GraphQLServer.SecretPhone, text);
        Assert.Contains(wish, text);
    }

    [Fact]
    public async Task The_recipe_step_creates_clients_whose_secret_works()
    {
        var name = "city-news-" + Guid.NewGuid().ToString("N")[..6];
        var secret = "recipe-secret-" + Guid.NewGuid().ToString("N");
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var step = scope.ServiceProvider.GetServices<IRecipeStep>().Single(s => s.Name == "ApiClients");
            var bad = new RecipeStepContext(JsonNode.Parse($$"""{ "name": "ApiClients", "Clients": [ { "Name": "{{name}}", "Secret": "{{secret}}", "Scopes": [ "Story", "Nope" ] } ] }""")!.AsObject(), 0, ".", scope.ServiceProvider);
            await step.ExecuteAsync(bad);
            Assert.Equal([$"{name}: The scope \"Nope\" is neither a content type nor submitWish or drafts."], bad.Errors);
            var good = new RecipeStepContext(JsonNode.Parse($$"""{ "name": "ApiClients", "Clients": [ { "Name": "{{name}}", "Secret": "{{secret}}", "Scopes": [ "Story", "Wish", "submitWish" ] } ] }""")!.AsObject(), 0, ".", scope.ServiceProvider);
            await step.ExecuteAsync(good);
            Assert.Empty(good.Errors);
        }
        using var partner = Partner(secret);
        var (response, _) = await GraphQLServer.PostAsync(partner, "{ wish { alias } }");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_administrator_creates_a_client_sees_the_secret_once_and_revokes_it()
    {
        using var admin = await server.AdminClientAsync();
        var name = "district-" + Guid.NewGuid().ToString("N")[..6];
        var invalid = await PortalServer.PostFormAsync(admin, "/admin/api-clients/create", new() { ["name"] = name, ["rateLimit"] = "60" });
        Assert.Contains("Grant at least one scope.", await invalid.Content.ReadAsStringAsync());

        var created = await PortalServer.PostFormAsync(admin, "/admin/api-clients/create", new() { ["name"] = name, ["scopes"] = "Story", ["rateLimit"] = "60" });
        var page = await created.Content.ReadAsStringAsync();
        var secret = System.Text.RegularExpressions.Regex.Match(page, "id=\"secret\" readonly value=\"([^\"]+)\"").Groups[1].Value;
        Assert.StartsWith("pk_", secret);

        using var partner = Partner(secret);
        Assert.Equal(HttpStatusCode.OK, (await GraphQLServer.PostAsync(partner, "{ story { displayText } }")).Response.StatusCode);

        var list = await admin.GetStringAsync("/admin/api-clients");
        Assert.Contains(name, list);
        Assert.DoesNotContain(secret, list);
        long id;
        await using (var scope = server.Services.CreateAsyncScope())
            id = (await scope.ServiceProvider.GetRequiredService<ApiClientService>().ListAsync()).Single(c => c.Name == name).Id;
        Assert.Contains("200", await admin.GetStringAsync($"/admin/api-clients/{id}"));

        var revoked = await PortalServer.PostFormAsync(admin, $"/admin/api-clients/{id}/revoke", [], formPage: $"/admin/api-clients/{id}/revoke");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GraphQLServer.PostAsync(partner, "{ story { displayText } }")).Response.StatusCode);
    }

    [Fact]
    public async Task Staff_without_the_permission_cannot_open_the_admin_pages()
    {
        using var staff = await server.NewSignedInClientAsync("e" + Guid.NewGuid().ToString("N")[..8], "Editor" + Guid.NewGuid().ToString("N")[..4]);
        var response = await staff.GetAsync("/admin/api-clients");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
