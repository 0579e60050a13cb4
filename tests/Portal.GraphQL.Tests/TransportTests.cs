using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Portal.GraphQL.Tests;

/// <summary>GraphQL over HTTP at /api/graphql: methods, media types and status codes, over real HTTP.</summary>
public class TransportTests(GraphQLServer server) : IClassFixture<GraphQLServer>
{
    [Fact]
    public async Task A_POST_query_answers_200_with_json_data()
    {
        using var client = server.NewClient();
        var (response, body) = await GraphQLServer.PostAsync(client, "{ campaign { displayText slogan goal } }");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("一起点亮", body!["data"]!["campaign"]![0]!["slogan"]!.GetValue<string>());
        Assert.Equal(50, body["data"]!["campaign"]![0]!["goal"]!.GetValue<double>());
    }

    [Fact]
    public async Task The_graphql_response_media_type_is_used_when_accepted_and_request_errors_become_400()
    {
        using var client = server.NewClient();
        var (ok, _) = await GraphQLServer.PostAsync(client, "{ campaign { displayText } }", accept: "application/graphql-response+json");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("application/graphql-response+json", ok.Content.Headers.ContentType!.MediaType);

        var (syntax, body) = await GraphQLServer.PostAsync(client, "{ campaign { ", accept: "application/graphql-response+json");
        Assert.Equal(HttpStatusCode.BadRequest, syntax.StatusCode);
        Assert.Equal("Syntax Error: Expected Name, found <EOF>.", GraphQLServer.Errors(body));
        Assert.Null(body!["data"]);

        var (invalid, invalidBody) = await GraphQLServer.PostAsync(client, "{ campaign { nope } }", accept: "application/graphql-response+json");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(1, invalidBody!["errors"]![0]!["locations"]![0]!["line"]!.GetValue<int>());

        var (legacy, legacyBody) = await GraphQLServer.PostAsync(client, "{ campaign { nope } }", accept: "application/json");
        Assert.Equal(HttpStatusCode.OK, legacy.StatusCode);
        Assert.Equal("Cannot query field \"nope\" on type \"Campaign\".", GraphQLServer.Errors(legacyBody));
    }

    [Fact]
    public async Task GET_runs_queries_with_variables_and_operation_name()
    {
        using var client = server.NewClient();
        var query = Uri.EscapeDataString("query A { x: campaign { displayText } } query B($n: Int) { campaign(first: $n) { slogan } }");
        var variables = Uri.EscapeDataString("""{"n":1}""");
        var response = await client.GetAsync($"/api/graphql?query={query}&operationName=B&variables={variables}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("一起点亮", body!["data"]!["campaign"]![0]!["slogan"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_mutation_over_GET_answers_405_and_allows_POST()
    {
        using var client = server.NewClient();
        var response = await client.GetAsync("/api/graphql?query=" + Uri.EscapeDataString("mutation { submitWish { id } }"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("POST", string.Join(",", response.Content.Headers.Allow));
    }

    public static TheoryData<string, string, HttpStatusCode> BadBodies => new()
    {
        { "text/plain", "{ campaign { displayText } }", HttpStatusCode.UnsupportedMediaType },
        { "application/json", "{ not json", HttpStatusCode.BadRequest },
        { "application/json", "[1, 2]", HttpStatusCode.BadRequest },
        { "application/json", """{"query": 5}""", HttpStatusCode.BadRequest },
        { "application/json", """{"query": "{ campaign { displayText } }", "variables": [1]}""", HttpStatusCode.BadRequest },
    };

    [Theory, MemberData(nameof(BadBodies))]
    public async Task Malformed_requests_get_a_clear_error(string contentType, string payload, HttpStatusCode expected)
    {
        using var client = server.NewClient();
        var response = await client.PostAsync("/api/graphql", new StringContent(payload, Encoding.UTF8, contentType));
        Assert.Equal(expected, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        Assert.NotEmpty(GraphQLServer.Errors(body));
    }

    [Fact]
    public async Task Invalid_UTF8_and_huge_bodies_are_refused_before_parsing()
    {
        using var client = server.NewClient();
        var bytes = Encoding.UTF8.GetBytes("""{"query": "{ campaign { displayText } }", "x": "__"}""");
        bytes[^4] = 0xC3;
        bytes[^3] = 0x28;
        var invalid = new ByteArrayContent(bytes);
        invalid.Headers.ContentType = new("application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/api/graphql", invalid)).StatusCode);

        var huge = new StringContent("{\"query\": \"{ campaign { displayText } }\", \"variables\": {\"x\": \"" + new string('x', 1024 * 1024) + "\"}}", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await client.PostAsync("/api/graphql", huge)).StatusCode);
    }

    [Fact]
    public async Task A_query_longer_than_the_limit_is_an_error_naming_the_limit()
    {
        using var client = server.NewClient();
        var (_, body) = await GraphQLServer.PostAsync(client, "{ campaign { displayText } }" + new string(' ', 6000));
        Assert.Equal("maxQueryLength", body!["errors"]![0]!["extensions"]!["limit"]!.GetValue<string>());
    }
}
