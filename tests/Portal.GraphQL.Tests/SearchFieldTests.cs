using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content.Definitions;
using Portal.Core.Data;
using Portal.GraphQL.ApiClients;
using Portal.Search.Services;
using Portal.Testing;

namespace Portal.GraphQL.Tests;

/// <summary>The test portal with Story's and Wish's public text indexed for search.</summary>
public class SearchGraphQLServer : GraphQLServer
{
    public SearchGraphQLServer() { }

    protected SearchGraphQLServer(DatabaseProvider provider) : base(provider) { }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var scope = Services.CreateAsyncScope();
        var errors = await scope.ServiceProvider.GetRequiredService<ContentDefinitionStore>().AlterAsync(d =>
        {
            foreach (var (type, part) in new[] { ("Story", "TitlePart"), ("Story", "HtmlBodyPart"), ("Wish", "TitlePart") })
                SearchIndexSettings.SetIncluded(d.ContentTypes.First(t => t.Name == type).Parts.First(p => p.PartName == part).Settings, true);
            foreach (var (part, field) in new[] { ("Story", "Subtitle"), ("Wish", "Alias"), ("Wish", "Phone") })
                SearchIndexSettings.SetIncluded(d.ContentParts.First(p => p.Name == part).Fields.First(f => f.Name == field).Settings, true);
        });
        Assert.Empty(errors);
    }
}

public sealed class PostgresSearchGraphQLServer() : SearchGraphQLServer(DatabaseProvider.Postgres);

public sealed class SearchFieldTests(SearchGraphQLServer server) : SearchFieldSuite(server), IClassFixture<SearchGraphQLServer>;

public sealed class PostgresSearchFieldTests(PostgresSearchGraphQLServer server) : SearchFieldSuite(server), IClassFixture<PostgresSearchGraphQLServer>;

/// <summary>GraphQL <c>search</c> over HTTP: ranked hits with snippets, cursors, and the caller's type scopes.</summary>
public abstract class SearchFieldSuite(SearchGraphQLServer server)
{
    private const string Query = """
        query Find($q: String, $type: [String!], $first: Int, $after: String, $from: DateTime, $to: DateTime) {
          search(query: $q, type: $type, first: $first, after: $after, from: $from, to: $to) {
            totalCount totalCountIsEstimate
            pageInfo { hasNextPage endCursor }
            nodes { contentItemId contentType title snippet rank item { contentItemId displayText ... on Story { subtitle } ... on Wish { alias } } }
          }
        }
        """;

    private static string Marker() => "g" + Guid.NewGuid().ToString("N")[..10];

    private async Task<HttpClient> PartnerAsync(params string[] scopes)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var (_, secret, errors) = await scope.ServiceProvider.GetRequiredService<ApiClientService>()
            .CreateAsync(new ApiClientInput("search-" + Guid.NewGuid().ToString("N")[..8], scopes, 1000));
        Assert.Empty(errors);
        var client = server.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    /// <summary>A story and an open wish (reviewed and published through the lifecycle) that share the marker.</summary>
    private async Task<(string Story, string Wish)> ContentAsync(string m)
    {
        var story = await server.StoryAsync($"路灯亮了 {m}", $"老街的路灯 {m}", 1);
        var wish = await server.WishAsync($"想要一盏路灯 {m}", "马奶奶");
        return (story, wish);
    }

    private static JsonNode Search(JsonNode? body) => body?["data"]?["search"] ?? throw new Xunit.Sdk.XunitException("No search in " + body?.ToJsonString());

    [Fact]
    public async Task A_client_finds_ranked_hits_of_its_scopes_only_with_the_matches_marked()
    {
        var m = Marker();
        var (story, wish) = await ContentAsync(m);

        using var storyClient = await PartnerAsync("Story");
        var (response, body) = await GraphQLServer.PostAsync(storyClient, Query, new { q = $"路燈 {m}" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var found = Search(body);
        Assert.Equal(1, found["totalCount"]!.GetValue<int>());
        Assert.False(found["totalCountIsEstimate"]!.GetValue<bool>());
        var hit = found["nodes"]!.AsArray().Single()!;
        Assert.Equal(story, hit["contentItemId"]!.GetValue<string>());
        Assert.Equal("Story", hit["contentType"]!.GetValue<string>());
        Assert.Equal($"<mark>路灯</mark>亮了 <mark>{m}</mark>", hit["title"]!.GetValue<string>());
        Assert.Contains("<mark>路灯</mark>", hit["snippet"]!.GetValue<string>());
        Assert.True(hit["rank"]!.GetValue<double>() > 0);
        Assert.Equal($"老街的路灯 {m}", hit["item"]!["subtitle"]!.GetValue<string>());

        using var wishClient = await PartnerAsync("Wish");
        var wishes = Search((await GraphQLServer.PostAsync(wishClient, Query, new { q = m })).Body);
        Assert.Equal([wish], wishes["nodes"]!.AsArray().Select(n => n!["contentItemId"]!.GetValue<string>()));
        Assert.Equal("马奶奶", wishes["nodes"]![0]!["item"]!["alias"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_type_outside_the_scopes_is_refused_like_a_list_field_and_sensitive_fields_are_never_found()
    {
        var m = Marker();
        await ContentAsync(m);

        using var storyClient = await PartnerAsync("Story");
        var (refusedResponse, refused) = await GraphQLServer.PostAsync(storyClient, Query, new { q = m, type = new[] { "Wish" } });
        Assert.Equal(HttpStatusCode.Forbidden, refusedResponse.StatusCode);
        Assert.Null(refused!["data"]);
        Assert.Equal("This client is not granted the scope \"Wish\".", GraphQLServer.Errors(refused));
        Assert.Equal("FORBIDDEN", refused["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        var (listResponse, list) = await GraphQLServer.PostAsync(storyClient, "{ wish(first: 1) { alias } }");
        Assert.Equal((refusedResponse.StatusCode, GraphQLServer.Errors(refused)), (listResponse.StatusCode, GraphQLServer.Errors(list)));

        // The type given inline, and a second (aliased) search that asks for a readable type first, are refused alike.
        var (aliasedResponse, aliased) = await GraphQLServer.PostAsync(storyClient,
            $$"""{ ok: search(query: "{{m}}", type: ["Story"]) { totalCount } no: search(query: "{{m}}", type: ["Story", "Wish"]) { totalCount } }""");
        Assert.Equal(HttpStatusCode.Forbidden, aliasedResponse.StatusCode);
        Assert.Equal("This client is not granted the scope \"Wish\".", GraphQLServer.Errors(aliased));

        using var anonymous = server.NewClient();
        var (_, anonymousBody) = await GraphQLServer.PostAsync(anonymous, Query, new { q = m });
        Assert.Equal(["Story"], Search(anonymousBody)["nodes"]!.AsArray().Select(n => n!["contentType"]!.GetValue<string>()));
        var (anonymousResponse, anonymousWish) = await GraphQLServer.PostAsync(anonymous, Query, new { q = m, type = new[] { "Wish" } });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousResponse.StatusCode);
        Assert.Equal("Bearer", anonymousResponse.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("needs an API client", GraphQLServer.Errors(anonymousWish));
        Assert.Equal("UNAUTHENTICATED", anonymousWish!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());

        using var submitOnly = await PartnerAsync("submitWish");
        var (nothingResponse, nothing) = await GraphQLServer.PostAsync(submitOnly, Query, new { q = m });
        Assert.Equal(HttpStatusCode.Forbidden, nothingResponse.StatusCode);
        Assert.Equal("This client is granted no content type to search.", GraphQLServer.Errors(nothing));

        using var wishClient = await PartnerAsync("Wish");
        var phone = Search((await GraphQLServer.PostAsync(wishClient, Query, new { q = GraphQLServer.SecretPhone })).Body);
        Assert.Equal(0, phone["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Results_page_with_cursors_and_bad_input_is_a_clear_error()
    {
        var m = Marker();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) ids.Add(await server.StoryAsync($"第{i}篇 {m}", "副题", i));
        using var client = await PartnerAsync("Story");

        var first = Search((await GraphQLServer.PostAsync(client, Query, new { q = m, first = 2 })).Body);
        Assert.Equal(3, first["totalCount"]!.GetValue<int>());
        Assert.True(first["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        var after = first["pageInfo"]!["endCursor"]!.GetValue<string>();
        var second = Search((await GraphQLServer.PostAsync(client, Query, new { q = m, first = 2, after })).Body);
        Assert.False(second["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        var all = first["nodes"]!.AsArray().Concat(second["nodes"]!.AsArray()).Select(n => n!["contentItemId"]!.GetValue<string>());
        Assert.Equal(ids.Order(), all.Order());

        var (_, empty) = await GraphQLServer.PostAsync(client, Query, new { q = "" });
        Assert.Equal("BAD_USER_INPUT", empty!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        var (_, tooMany) = await GraphQLServer.PostAsync(client, Query, new { q = m, first = SearchRequest.MaxPageSize + 1 });
        Assert.Contains("maxPageSize", GraphQLServer.Errors(tooMany));
        var (_, badCursor) = await GraphQLServer.PostAsync(client, Query, new { q = m, after = "nope" });
        Assert.Contains("is not one this API gave out", GraphQLServer.Errors(badCursor));
        var reversedDates = new { q = m, from = "2026-02-01T00:00:00Z", to = "2026-01-01T00:00:00Z" };
        var (_, reversed) = await GraphQLServer.PostAsync(client, Query, reversedDates);
        Assert.Equal("结束日期不能早于开始日期。", GraphQLServer.Errors(reversed));
        Assert.Equal("to", reversed!["errors"]![0]!["extensions"]!["argument"]!.GetValue<string>());
        Assert.Null(reversed["data"]);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        Assert.Equal("The end date must not be before the start date.", GraphQLServer.Errors((await GraphQLServer.PostAsync(client, Query, reversedDates)).Body));

        var counted = Search((await GraphQLServer.PostAsync(client, Query, new { q = m, first = 0 })).Body);
        Assert.Equal(3, counted["totalCount"]!.GetValue<int>());
        Assert.Empty(counted["nodes"]!.AsArray());
    }
}
