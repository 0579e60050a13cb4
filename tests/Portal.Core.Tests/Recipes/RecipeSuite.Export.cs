using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Recipes;
using Portal.Testing;

namespace Portal.Core.Tests.Recipes;

public abstract partial class RecipeSuite
{
    private static Task<string> ExportAsync(PortalTestHost on, params string[] types) =>
        on.InScopeAsync(async sp =>
            (await sp.GetRequiredService<RecipeExporter>().ExportAsync(new RecipeExportRequest(types), "round-trip")).ToJsonString(ContentJson.Indented));

    [Fact]
    public async Task An_export_imported_into_a_fresh_database_exports_again_unchanged()
    {
        var type = Unique("Story");
        var other = Unique("Note");
        Ok(await RunJsonAsync(Recipe(
            DefinitionStep(type),
            DefinitionStep(other),
            $$"""{ "name": "content", "Data": [ {{Item(type, Unique("a"), "马奶奶的路灯亮了")}}, {{Item(type, Unique("b"), "书包送到了", published: false)}}, {{Item(other, Unique("c"), "不导出")}} ] }""",
            """{ "name": "settings", "General": { "SiteName": "微心愿", "TimeZone": "Asia/Shanghai" } }""")));
        var first = await ExportAsync(Host, type);

        await using var fresh = await PortalTestHost.StartAsync(Host.Database.Provider);
        var folder = NewFolder();
        await File.WriteAllTextAsync(Path.Combine(folder, "round-trip.recipe.json"), first);
        Ok(await RunAsync(fresh, Path.Combine(folder, "round-trip.recipe.json")));
        var second = await ExportAsync(fresh, type);

        Assert.Equal(first, second);
        var items = JsonNode.Parse(first)!["steps"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "content")!["Data"]!.AsArray();
        Assert.Equal(["马奶奶的路灯亮了", "书包送到了"], items.Select(i => i!["DisplayText"]!.GetValue<string>()));
        Assert.Equal([true, false], items.Select(i => i!["Published"]!.GetValue<bool>()));
    }
}
