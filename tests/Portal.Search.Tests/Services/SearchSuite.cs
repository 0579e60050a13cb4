using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;
using Portal.Core.Data;
using Portal.Core.Recipes;
using Portal.Search.Recipes;
using Portal.Search.Services;
using Portal.Testing;

namespace Portal.Search.Tests.Services;

/// <summary>A portal with a Story type (some fields indexed, one sensitive) and a Campaign type, indexed by the recipe step.</summary>
public abstract class SearchHost(DatabaseProvider provider) : IAsyncLifetime
{
    public PortalTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await PortalTestHost.StartAsync(provider);
        await Host.InScopeAsync(async sp =>
        {
            var store = sp.GetRequiredService<ContentDefinitionStore>();
            await new DefinitionBuilder("Campaign").Parts("TitlePart", "HtmlBodyPart").Field("Slogan", "TextField").SaveAsync(store);
            await new DefinitionBuilder("Community").Parts("TitlePart").SaveAsync(store);
            await new DefinitionBuilder("Memo").Parts("TitlePart").SaveAsync(store);
            await new DefinitionBuilder("Story").Parts("TitlePart", "HtmlBodyPart")
                .Field("Subtitle", "TextField")
                .Field("Tags", "TextField")
                .Field("Phone", "TextField")
                .Field("Category", "EnumerationField", new JsonObject { ["Options"] = new JsonArray("study", "repair") })
                .Field("Campaign", "ContentPickerField", new JsonObject { ["DisplayedContentTypes"] = new JsonArray("Campaign") })
                .Field("Community", "ContentPickerField", new JsonObject { ["DisplayedContentTypes"] = new JsonArray("Community") })
                .SaveAsync(store);
            // Marked sensitive the way privacy settings mark a field: it must stay out even though it is listed below.
            Assert.Empty(await store.AlterAsync(d => d.ContentParts.First(p => p.Name == "Story").Fields.First(f => f.Name == "Phone")
                .SettingsGroup("ContentPartFieldSettings")["Sensitive"] = true));
            var step = new RecipeStepContext(new JsonObject
            {
                ["ContentTypes"] = new JsonObject
                {
                    ["Story"] = new JsonArray("TitlePart", "HtmlBodyPart", "Subtitle", "Story.Phone"),
                    ["Campaign"] = new JsonArray("TitlePart", "HtmlBodyPart"),
                },
            }, 0, "", sp);
            await new SearchIndexSettingsStep().ExecuteAsync(step);
            Assert.Empty(step.Errors);
        });
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class SqliteSearchHost() : SearchHost(DatabaseProvider.Sqlite);
public sealed class PostgresSearchHost() : SearchHost(DatabaseProvider.Postgres);

/// <summary>
/// Search as visitors meet it, on each database. Each test writes a marker word of its own into its items and
/// searches with it, so tests sharing the database never see each other's items.
/// </summary>
public abstract partial class SearchSuite(PortalTestHost host)
{
    protected PortalTestHost Host => host;

    protected static string Marker() => "m" + Guid.NewGuid().ToString("N")[..10];

    protected Task<string> StoryAsync(string title, string body = "", bool publish = true, string? subtitle = null, string? tags = null,
        string? phone = null, string? category = null, string? campaign = null, string? community = null) =>
        host.InScopeAsync(async sp =>
        {
            var cm = sp.GetRequiredService<ContentManager>();
            var item = (await cm.NewAsync("Story"))!;
            item.Part("TitlePart")["Title"] = title;
            item.Part("HtmlBodyPart")["Html"] = body;
            if (subtitle is not null) item.Field("Story", "Subtitle")["Text"] = subtitle;
            if (tags is not null) item.Field("Story", "Tags")["Text"] = tags;
            if (phone is not null) item.Field("Story", "Phone")["Text"] = phone;
            if (category is not null) item.Field("Story", "Category")["Value"] = category;
            if (campaign is not null) item.Field("Story", "Campaign")["ContentItemIds"] = new JsonArray(campaign);
            if (community is not null) item.Field("Story", "Community")["ContentItemIds"] = new JsonArray(community);
            var result = await cm.CreateAsync(item, publish);
            Assert.True(result.Succeeded, result.ToString());
            return result.Item!.ContentItemId;
        });

    protected Task<string> ItemAsync(string type, string title, string body = "") =>
        host.InScopeAsync(async sp =>
        {
            var cm = sp.GetRequiredService<ContentManager>();
            var item = (await cm.NewAsync(type))!;
            item.Part("TitlePart")["Title"] = title;
            if (item.HasPart("HtmlBodyPart")) item.Part("HtmlBodyPart")["Html"] = body;
            var result = await cm.CreateAsync(item, publish: true);
            Assert.True(result.Succeeded, result.ToString());
            return result.Item!.ContentItemId;
        });

    protected Task<ContentResult> ContentAsync(Func<ContentManager, Task<ContentResult>> work) =>
        host.InScopeAsync(sp => work(sp.GetRequiredService<ContentManager>()));

    protected Task<SearchResults> SearchAsync(SearchRequest request) =>
        host.InScopeAsync(sp => sp.GetRequiredService<ISearchService>().SearchAsync(request));

    protected async Task<List<string>> IdsAsync(string query)
    {
        var results = await SearchAsync(new SearchRequest(query, PageSize: 50));
        Assert.True(results.Succeeded, string.Join("; ", results.Problems));
        return results.Hits.Select(h => h.ContentItemId).ToList();
    }
}

public sealed class SqliteSearchTests(SqliteSearchHost fixture) : SearchSuite(fixture.Host), IClassFixture<SqliteSearchHost>;

public sealed class PostgresSearchTests(PostgresSearchHost fixture) : SearchSuite(fixture.Host), IClassFixture<PostgresSearchHost>;
