using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Core.Recipes;
using Portal.Core.Settings;
using Portal.Core.Tests.Content;
using Portal.Testing;

namespace Portal.Core.Tests.Recipes;

/// <summary>Recipes against a real database, run on each database (see the two classes at the end).</summary>
public abstract partial class RecipeSuite(PortalTestHost host)
{
    protected PortalTestHost Host => host;

    protected static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A folder of its own for one test's recipe files.</summary>
    protected string NewFolder() => Directory.CreateDirectory(Path.Combine(host.Database.DataPath, "recipe-files", Guid.NewGuid().ToString("N")[..8])).FullName;

    protected async Task<string> WriteRecipeAsync(string json, string? folder = null)
    {
        var path = Path.Combine(folder ?? NewFolder(), "test.recipe.json");
        await File.WriteAllTextAsync(path, json);
        return path;
    }

    protected static Task<RecipeResult> RunAsync(PortalTestHost on, string path, Dictionary<string, string?>? parameters = null) =>
        on.InScopeAsync(async sp =>
        {
            var recipe = await sp.GetRequiredService<IRecipeCatalog>().LoadAsync(path);
            return await sp.GetRequiredService<IRecipeExecutor>().ExecuteAsync(recipe, parameters);
        });

    protected Task<RecipeResult> RunAsync(string path, Dictionary<string, string?>? parameters = null) => RunAsync(host, path, parameters);

    protected async Task<RecipeResult> RunJsonAsync(string json) => await RunAsync(await WriteRecipeAsync(json));

    protected Task<int> CountItemsAsync(string type) =>
        host.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<ContentItemRecord>().CountAsync(r => r.ContentType == type));

    protected Task<bool> TypeExistsAsync(string type) =>
        host.InScopeAsync(async sp => await sp.GetRequiredService<Portal.Core.Content.Definitions.ContentDefinitionStore>().GetTypeAsync(type) is not null);

    protected Task<JsonObject> SettingsAsync(string group) =>
        host.InScopeAsync(sp => sp.GetRequiredService<SiteSettingsStore>().GetAsync(group));

    protected Task<ContentItem?> GetAsync(string id, VersionOptions options = VersionOptions.Published) =>
        host.InScopeAsync(sp => sp.GetRequiredService<ContentManager>().GetAsync(id, options));

    protected string MediaPath(string relative) => Path.Combine(host.Database.DataPath, "media", relative);

    /// <summary>A ContentDefinition step for a type with a title and its own part holding a short Subtitle.</summary>
    protected static string DefinitionStep(string type) => $$"""
        {
          "name": "ContentDefinition",
          "ContentTypes": [ {
            "Name": "{{type}}", "DisplayName": "{{type}}",
            "Settings": { "ContentTypeSettings": { "Creatable": true, "Listable": true, "Draftable": true } },
            "ContentTypePartDefinitionRecords": [
              { "PartName": "TitlePart", "Name": "TitlePart", "Settings": { "ContentTypePartSettings": { "Position": "0" } } },
              { "PartName": "{{type}}", "Name": "{{type}}", "Settings": { "ContentTypePartSettings": { "Position": "1" } } }
            ]
          } ],
          "ContentParts": [ {
            "Name": "{{type}}", "Settings": {},
            "ContentPartFieldDefinitionRecords": [ {
              "FieldName": "TextField", "Name": "Subtitle",
              "Settings": { "ContentPartFieldSettings": { "DisplayName": "Subtitle", "Position": "0" }, "TextFieldSettings": { "MaxLength": 10 } }
            } ]
          } ]
        }
        """;

    protected static string Item(string type, string id, string title, bool published = true, string subtitle = "short") => $$"""
        { "ContentItemId": "{{id}}", "ContentType": "{{type}}", "DisplayText": "{{title}}", "Published": {{(published ? "true" : "false")}},
          "TitlePart": { "Title": "{{title}}" }, "{{type}}": { "Subtitle": { "Text": "{{subtitle}}" } } }
        """;

    protected static string Recipe(params string[] steps) => $$"""
        { "name": "test", "steps": [ {{string.Join(",\n", steps)}} ] }
        """;

    protected static RecipeFailure Failed(RecipeResult result)
    {
        Assert.False(result.Succeeded, "the recipe should have failed");
        return result.Failure!;
    }

    protected static void Ok(RecipeResult result) => Assert.True(result.Succeeded, result.Failure?.ToString());
}

public sealed class SqliteRecipeTests(SqliteEngineHost fixture) : RecipeSuite(fixture.Host), IClassFixture<SqliteEngineHost>;

public sealed class PostgresRecipeTests(PostgresEngineHost fixture) : RecipeSuite(fixture.Host), IClassFixture<PostgresEngineHost>;
