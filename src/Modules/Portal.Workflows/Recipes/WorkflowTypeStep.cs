using System.Text.Json.Nodes;
using Portal.Core.Recipes;
using Portal.Workflows.Services;

namespace Portal.Workflows.Recipes;

/// <summary>
/// Orchard's <c>WorkflowType</c> recipe step: <c>data</c> holds workflow types; an imported type replaces the one
/// with the same id. Activities no module provides are kept (the designer shows them as missing). Exports every type.
/// </summary>
public sealed class WorkflowTypeStep(WorkflowTypeStore types) : IRecipeStep, IRecipeExportStep
{
    public string Name => "WorkflowType";

    public async Task ExecuteAsync(RecipeStepContext context)
    {
        if (context.Step["data"] is not JsonArray data)
        {
            context.Error("The WorkflowType step needs a 'data' array of workflow types.");
            return;
        }
        for (var i = 0; i < data.Count; i++)
        {
            var (type, error) = WorkflowTypeStore.Parse(data[i]);
            if (type is null)
            {
                context.Error($"data[{i}]: {error}");
                continue;
            }
            var result = await types.SaveAsync(type);
            foreach (var problem in result.Errors) context.Error($"data[{i}] ({type.Name}): {problem}");
        }
    }

    public async Task<JsonObject?> ExportAsync(RecipeExportRequest request)
    {
        var records = await types.ListAsync();
        if (records.Count == 0) return null;
        var data = new JsonArray();
        foreach (var record in records)
            if (await types.GetAsync(record.Id) is { } type) data.Add(type.ToJson());
        return new JsonObject { ["name"] = Name, ["data"] = data };
    }
}
