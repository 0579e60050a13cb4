using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;
using Portal.Core.Data;
using Portal.Testing;

namespace Portal.GraphQL.Tests;

public sealed class PostgresGraphQLServer() : GraphQLServer(DatabaseProvider.Postgres);

/// <summary>
/// A set-up portal with Campaign, Wish (with a sensitive phone field) and Story types and some published content.
/// Story and Campaign are public; Wish is not.
/// </summary>
public class GraphQLServer : SetUpPortalServer
{
    public const string SecretPhone = "13800138000";

    public GraphQLServer() : this(DatabaseProvider.Sqlite) { }

    protected GraphQLServer(DatabaseProvider provider) : base(provider, settings: new Dictionary<string, string?>
    {
        ["Portal:GraphQL:PublicTypes:0"] = "Story",
        ["Portal:GraphQL:PublicTypes:1"] = "Campaign",
        ["Portal:GraphQL:MaxQueryLength"] = "5000",
    })
    {
    }

    public string CampaignId { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var scope = Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ContentDefinitionStore>();
        await new DefinitionBuilder("Campaign").Parts("TitlePart", "AutoroutePart").Field("Slogan", "TextField").Field("Goal", "NumericField").SaveAsync(store);
        await new DefinitionBuilder("Wish").Parts("TitlePart").Field("Alias", "TextField").Field("Phone", "TextField")
            .Field("Campaign", "ContentPickerField").Field("Slots", "NumericField").SaveAsync(store);
        await store.AlterAsync(d => d.ContentParts.First(p => p.Name == "Wish").Fields.First(f => f.Name == "Phone")
            .SettingsGroup("ContentPartFieldSettings")["Sensitive"] = true);
        await new DefinitionBuilder("Story").Parts("TitlePart", "AutoroutePart", "HtmlBodyPart").Field("Subtitle", "TextField")
            .Field("Rank", "NumericField").Field("RelatedWishes", "ContentPickerField", new JsonObject { ["Multiple"] = true })
            .Field("Campaign", "ContentPickerField").SaveAsync(store);
        CampaignId = await CreateAsync("Campaign", "点亮路灯", item =>
        {
            item.Field("Campaign", "Slogan")["Text"] = "一起点亮";
            item.Field("Campaign", "Goal")["Value"] = 50;
        });
    }

    public async Task<string> CreateAsync(string type, string title, Action<ContentItem>? fill = null, bool publish = true)
    {
        await using var scope = Services.CreateAsyncScope();
        var cm = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var item = (await cm.NewAsync(type))!;
        item.Part("TitlePart")["Title"] = title;
        // No consent, no publication: the resident agreed to these test wishes being published.
        if (type == "Wish")
        {
            item.Field("Wish", "PublishConsent")["Value"] = true;
            item.Field("Wish", "StoryConsent")["Value"] = true;
        }
        fill?.Invoke(item);
        // Wishes are published by their review, the rest at once.
        var result = await cm.CreateAsync(item, publish && type != "Wish");
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Message)));
        if (publish && type == "Wish") await WishMoves.PublishAsync(scope.ServiceProvider, result.Item!.ContentItemId);
        return result.Item!.ContentItemId;
    }

    public async Task<string> WishAsync(string title, string alias)
    {
        var campaign = CampaignId;
        return await CreateAsync("Wish", title, item =>
        {
            item.Field("Wish", "Alias")["Text"] = alias;
            item.Field("Wish", "Phone")["Text"] = SecretPhone;
            item.Field("Wish", "Campaign")["ContentItemIds"] = new JsonArray(campaign);
            item.Field("Wish", "Slots")["Value"] = 1;
        });
    }

    public async Task<string> StoryAsync(string title, string subtitle, int rank, IEnumerable<string>? wishes = null, bool publish = true)
    {
        var campaign = CampaignId;
        return await CreateAsync("Story", title, item =>
        {
            item.Field("Story", "Subtitle")["Text"] = subtitle;
            item.Field("Story", "Rank")["Value"] = rank;
            item.Field("Story", "RelatedWishes")["ContentItemIds"] = new JsonArray((wishes ?? []).Select(w => (JsonNode)w).ToArray());
            item.Field("Story", "Campaign")["ContentItemIds"] = new JsonArray(campaign);
        }, publish);
    }

    public static async Task<(HttpResponseMessage Response, JsonNode? Body)> PostAsync(HttpClient client, string query, object? variables = null,
        string? accept = null, string? operationName = null)
    {
        var payload = JsonSerializer.Serialize(new { query, variables, operationName });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/graphql") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        if (accept is not null) request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length > 0 ? JsonNode.Parse(text) : null);
    }

    public static string Errors(JsonNode? body) => string.Join("; ", body?["errors"]?.AsArray().Select(e => e!["message"]!.GetValue<string>()) ?? []);
}
