using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;
using Portal.Core.Settings;

namespace Portal.Core.Recipes.Steps;

/// <summary>All content types and parts, as the ContentDefinition step reads them.</summary>
public sealed class ContentDefinitionExportStep(ContentDefinitionStore definitions) : IRecipeExportStep
{
    public string Name => "ContentDefinition";

    public async Task<JsonObject?> ExportAsync(RecipeExportRequest request)
    {
        if (!request.IncludeDefinitions) return null;
        var document = await definitions.GetAsync();
        if (document.ContentTypes.Count == 0 && document.ContentParts.Count == 0) return null;
        var step = new JsonObject { ["name"] = Name };
        foreach (var (key, value) in JsonSerializer.SerializeToNode(document, ContentJson.Options)!.AsObject())
            step[key] = value?.DeepClone();
        return step;
    }
}

/// <summary>Every site settings group, by name.</summary>
public sealed class SettingsExportStep(SiteSettingsStore settings) : IRecipeExportStep
{
    public string Name => "settings";

    public async Task<JsonObject?> ExportAsync(RecipeExportRequest request)
    {
        if (!request.IncludeSettings) return null;
        var groups = await settings.GetAllAsync();
        if (groups.Count == 0) return null;
        var step = new JsonObject { ["name"] = Name };
        foreach (var (group, values) in groups.OrderBy(g => g.Key, StringComparer.Ordinal)) step[group] = values;
        return step;
    }
}

/// <summary>The items of the requested types: each item's published version, or its latest when it was never published.</summary>
public sealed class ContentExportStep(ContentManager content) : IRecipeExportStep
{
    public string Name => "content";

    public async Task<JsonObject?> ExportAsync(RecipeExportRequest request)
    {
        if (request.ContentTypes.Count == 0) return null;
        var types = request.ContentTypes.ToList();
        var records = await content.Records
            .Where(r => types.Contains(r.ContentType) && (r.Published || r.Latest))
            .ToListAsync();
        var items = records
            .GroupBy(r => r.ContentItemId)
            .Select(g => g.FirstOrDefault(r => r.Published) ?? g.First())
            .OrderBy(r => types.IndexOf(r.ContentType)).ThenBy(r => r.CreatedUtc).ThenBy(r => r.ContentItemId, StringComparer.Ordinal)
            .Select(r => JsonSerializer.SerializeToNode(ContentManager.Read(r), ContentJson.Options));
        return new JsonObject { ["name"] = Name, ["Data"] = new JsonArray(items.ToArray()) };
    }
}
