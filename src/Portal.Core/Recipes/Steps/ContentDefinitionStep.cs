using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;

namespace Portal.Core.Recipes.Steps;

/// <summary>
/// <c>{ "name": "ContentDefinition", "ContentTypes": [...], "ContentParts": [...] }</c> in Orchard's shape:
/// each type or part replaces the one of the same name; the result is validated as a whole.
/// </summary>
public sealed class ContentDefinitionStep : IRecipeStep
{
    public string Name => "ContentDefinition";

    public async Task ExecuteAsync(RecipeStepContext context)
    {
        var types = Read<ContentTypeDefinition>(context, "ContentTypes");
        var parts = Read<ContentPartDefinition>(context, "ContentParts");
        if (context.Errors.Count > 0) return;
        var store = context.Services.GetRequiredService<ContentDefinitionStore>();
        var errors = await store.AlterAsync(document =>
        {
            foreach (var part in parts) Replace(document.ContentParts, part, p => p.Name == part.Name);
            foreach (var type in types) Replace(document.ContentTypes, type, t => t.Name == type.Name);
        });
        foreach (var error in errors) context.Error($"{error.Path}: {error.Message}");
    }

    private static List<T> Read<T>(RecipeStepContext context, string key)
    {
        switch (context.Step[key])
        {
            case null:
                return [];
            case JsonArray array:
                var list = new List<T>();
                for (var i = 0; i < array.Count; i++)
                {
                    try
                    {
                        if (array[i] is JsonObject obj && obj.Deserialize<T>(ContentJson.Options) is { } value) list.Add(value);
                        else context.Error($"{key}[{i}] must be an object.");
                    }
                    catch (JsonException e)
                    {
                        context.Error($"{key}[{i}] is not a valid definition: {e.Message}");
                    }
                }
                return list;
            default:
                context.Error($"{key} must be a list.");
                return [];
        }
    }

    private static void Replace<T>(List<T> list, T value, Predicate<T> sameName)
    {
        var index = list.FindIndex(sameName);
        if (index >= 0) list[index] = value;
        else list.Add(value);
    }
}
