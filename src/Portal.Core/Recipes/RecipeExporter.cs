using System.Text.Json.Nodes;

namespace Portal.Core.Recipes;

/// <summary>Assembles the registered <see cref="IRecipeExportStep"/>s into one recipe.</summary>
public sealed class RecipeExporter(IEnumerable<IRecipeExportStep> exportSteps)
{
    public async Task<JsonObject> ExportAsync(RecipeExportRequest request, string name = "export")
    {
        var steps = new JsonArray();
        foreach (var exportStep in exportSteps)
        {
            if (await exportStep.ExportAsync(request) is { } step) steps.Add(step);
        }
        return new JsonObject
        {
            ["name"] = name,
            ["displayName"] = name,
            ["description"] = "",
            ["author"] = "",
            ["website"] = "",
            ["version"] = "1.0.0",
            ["issetuprecipe"] = false,
            ["categories"] = new JsonArray(),
            ["tags"] = new JsonArray(),
            ["variables"] = new JsonObject(),
            ["steps"] = steps,
        };
    }
}
