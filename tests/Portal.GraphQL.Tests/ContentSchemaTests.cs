using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content.Definitions;

namespace Portal.GraphQL.Tests;

public sealed class ContentSchemaTests(GraphQLServer server) : ContentSchemaSuite(server), IClassFixture<GraphQLServer>;

public sealed class PostgresContentSchemaTests(PostgresGraphQLServer server) : ContentSchemaSuite(server), IClassFixture<PostgresGraphQLServer>;

/// <summary>The content schema in Orchard Core's shape, against a seeded site, on each database.</summary>
public abstract class ContentSchemaSuite(GraphQLServer server)
{
    private async Task<JsonNode> DataAsync(HttpClient client, string query, object? variables = null)
    {
        var (response, body) = await GraphQLServer.PostAsync(client, query, variables);
        Assert.True(response.StatusCode == HttpStatusCode.OK && body!["errors"] is null, $"{response.StatusCode}: {body?.ToJsonString()}");
        return body!["data"]!;
    }

    [Fact]
    public async Task Lists_filter_with_operator_suffixes_and_order_by_fields()
    {
        var tag = "t" + Guid.NewGuid().ToString("N")[..8];
        await server.StoryAsync("路灯亮了", tag + " 路灯", 3);
        await server.StoryAsync("书包到了", tag + " 书包", 1);
        await server.StoryAsync("旧闻", tag + " 旧闻", 2);
        using var client = server.NewClient();
        var data = await DataAsync(client, """
            query ($tag: String) {
              story(where: { subtitle_starts_with: $tag, OR: [{ rank_gte: 3 }, { displayText_contains: "书包" }] }, orderBy: { rank: ASC }) {
                displayText subtitle rank titlePart { title } contentType published
              }
            }
            """, new { tag });
        var titles = data["story"]!.AsArray().Select(s => s!["displayText"]!.GetValue<string>()).ToList();
        Assert.Equal(["书包到了", "路灯亮了"], titles);
        Assert.Equal("书包到了", data["story"]![0]!["titlePart"]!["title"]!.GetValue<string>());

        var negated = await DataAsync(client, "query ($tag: String) { story(where: { subtitle_starts_with: $tag, NOT: { rank_lt: 2 } }, orderBy: { rank: DESC }, first: 1, skip: 1) { rank } }", new { tag });
        Assert.Equal(2, negated["story"]![0]!["rank"]!.GetValue<double>());
    }

    [Fact]
    public async Task Connections_give_the_total_and_page_with_cursors()
    {
        var tag = "c" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 5; i++) await server.StoryAsync($"故事{i}", $"{tag}-{i}", i);
        using var client = server.NewClient();
        const string query = "query ($tag: String, $after: String) { storyConnection(first: 2, after: $after, where: { subtitle_starts_with: $tag }, orderBy: { rank: ASC }) { totalCount pageInfo { hasNextPage endCursor } nodes { rank } } }";
        var seen = new List<double>();
        string? after = null;
        for (var page = 0; page < 3; page++)
        {
            var connection = (await DataAsync(client, query, new { tag, after }))["storyConnection"]!;
            Assert.Equal(5, connection["totalCount"]!.GetValue<int>());
            seen.AddRange(connection["nodes"]!.AsArray().Select(n => n!["rank"]!.GetValue<double>()));
            after = connection["pageInfo"]!["endCursor"]?.GetValue<string>();
            Assert.Equal(page < 2, connection["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        }
        Assert.Equal([0, 1, 2, 3, 4], seen);
    }

    [Fact]
    public async Task A_page_larger_than_the_limit_is_an_error_naming_the_limit()
    {
        using var client = server.NewClient();
        var (_, body) = await GraphQLServer.PostAsync(client, "{ story(first: 1000) { displayText } }");
        Assert.Equal("maxPageSize", body!["errors"]![0]!["extensions"]!["limit"]!.GetValue<string>());
        Assert.Equal(["story"], body["errors"]![0]!["path"]!.AsArray().Select(p => p!.GetValue<string>()));
    }

    [Fact]
    public async Task ContentItem_finds_one_item_of_a_readable_type()
    {
        var story = await server.StoryAsync("单条", "single", 1);
        var wish = await server.WishAsync("想要一盏灯", "张**");
        using var client = server.NewClient();
        var data = await DataAsync(client, "query ($s: ID!, $w: ID!) { s: contentItem(contentItemId: $s) { contentType ... on Story { subtitle } } w: contentItem(contentItemId: $w) { contentType } }", new { s = story, w = wish });
        Assert.Equal("single", data["s"]!["subtitle"]!.GetValue<string>());
        Assert.Null(data["w"]);
    }

    [Fact]
    public async Task Anonymous_callers_get_401_for_types_that_are_not_public_and_drafts_are_refused()
    {
        using var client = server.NewClient();
        var (response, body) = await GraphQLServer.PostAsync(client, "{ wish { alias } }");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Bearer", GraphQLServer.Errors(body));

        var (_, drafts) = await GraphQLServer.PostAsync(client, "{ story(status: DRAFT) { displayText } }");
        Assert.Contains("drafts", GraphQLServer.Errors(drafts));
    }

    [Fact]
    public async Task Staff_who_edit_content_read_every_type_and_drafts()
    {
        var title = "草稿" + Guid.NewGuid().ToString("N")[..6];
        await server.StoryAsync(title, "draft", 1, publish: false);
        using var admin = await server.AdminClientAsync();
        var data = await DataAsync(admin, "query ($t: String) { story(status: DRAFT, where: { displayText: $t }) { displayText published } wish(first: 1) { alias } }", new { t = title });
        Assert.Equal(title, data["story"]![0]!["displayText"]!.GetValue<string>());
        Assert.False(data["story"]![0]!["published"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Sensitive_fields_are_absent_from_the_schema_and_from_every_answer()
    {
        var wish = await server.WishAsync("需要轮椅", "李**");
        await server.StoryAsync("轮椅送到", "privacy", 1, [wish]);
        using var admin = await server.AdminClientAsync();
        var (_, schema) = await GraphQLServer.PostAsync(admin, "{ __schema { types { name fields { name } inputFields { name } } } }");
        var names = schema!.ToJsonString();
        Assert.DoesNotContain("phone", names, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"alias\"", names);
        var (_, refused) = await GraphQLServer.PostAsync(admin, "{ wish { phone } }");
        Assert.Equal("Cannot query field \"phone\" on type \"Wish\".", GraphQLServer.Errors(refused));
        var (_, everything) = await GraphQLServer.PostAsync(admin, "{ wish { contentItemId displayText alias slots campaign { contentItemIds } } story { relatedWishes { contentItems { ... on Wish { alias displayText } } } } }");
        var text = everything!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.DoesNotContain(GraphQLServer.SecretPhone, text);
        Assert.Contains("李**", text);
    }

    [Fact]
    public async Task The_schema_follows_a_changed_type()
    {
        using var client = server.NewClient();
        var (_, before) = await GraphQLServer.PostAsync(client, "{ campaign { district } }");
        Assert.Contains("Cannot query field \"district\"", GraphQLServer.Errors(before));
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<ContentDefinitionStore>();
            await store.AlterAsync(d => d.ContentParts.First(p => p.Name == "Campaign").Fields.Add(new ContentPartFieldDefinition { Name = "District", FieldName = "TextField" }));
        }
        var data = await DataAsync(client, "{ campaign { district } }");
        Assert.NotNull(data["campaign"]);
    }

    [Fact]
    public async Task Introspection_answers_the_full_tooling_query()
    {
        using var client = server.NewClient();
        var (response, body) = await GraphQLServer.PostAsync(client, Engine.Types.Introspection.FullQuery);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(body!["errors"]);
        var types = body["data"]!["__schema"]!["types"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("StoryWhereInput", types);
        Assert.Contains("ContentItem", types);
    }
}
