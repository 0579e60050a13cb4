using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Settings;

namespace Portal.Core.Recipes.Steps;

/// <summary><c>{ "name": "settings", "General": { "SiteName": "..." }, ... }</c>: every other property is a settings group, merged into the stored one.</summary>
public sealed class SettingsStep : IRecipeStep
{
    public string Name => "settings";

    public async Task ExecuteAsync(RecipeStepContext context)
    {
        var groups = context.Step.Where(p => p.Key != "name").ToList();
        foreach (var (group, value) in groups.Where(g => g.Value is not JsonObject))
            context.Error($"The settings group '{group}' must be an object, not {value?.GetValueKind().ToString() ?? "null"}.");
        if (context.Errors.Count > 0) return;
        var store = context.Services.GetRequiredService<SiteSettingsStore>();
        foreach (var (group, value) in groups)
            await store.SetAsync(group, (JsonObject)value!);
    }
}
