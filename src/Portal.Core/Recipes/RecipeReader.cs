using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portal.Core.Recipes;

/// <summary>A parsed recipe file: its header fields and its steps, with expressions not yet evaluated.</summary>
public sealed record RecipeDocument(
    string Name,
    string DisplayName,
    string Description,
    bool IsSetupRecipe,
    JsonObject Variables,
    IReadOnlyList<JsonObject> Steps,
    JsonObject Json)
{
    public static string StepName(JsonObject step) => step["name"]?.GetValue<string>() ?? "";
}

/// <summary>Reads recipe JSON as Orchard Core writes it: <c>//</c> comments and trailing commas allowed.</summary>
public static class RecipeReader
{
    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 64,
    };

    public static async Task<RecipeDocument> ReadFileAsync(string filePath)
    {
        if (!File.Exists(filePath))
            throw new RecipeFormatException($"The recipe file '{filePath}' does not exist.");
        string json;
        try
        {
            json = await File.ReadAllTextAsync(filePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RecipeFormatException($"The recipe file '{filePath}' cannot be read: {e.Message}", e);
        }
        return Parse(json, Path.GetFileName(filePath), DefaultName(filePath));
    }

    /// <summary>Parses recipe JSON; <paramref name="source"/> names it in error messages.</summary>
    public static RecipeDocument Parse(string json, string source, string defaultName = "")
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: Options);
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var position = (e.BytePositionInLine ?? 0) + 1;
            throw new RecipeFormatException($"{source} is not valid JSON: line {line}, position {position}: {Reason(e)}", e);
        }
        if (root is not JsonObject recipe)
            throw new RecipeFormatException($"{source} is not a recipe: the file must hold one JSON object.");

        var steps = new List<JsonObject>();
        switch (Property(recipe, "steps"))
        {
            case null:
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is not JsonObject step || step["name"] is not JsonValue stepName || !stepName.TryGetValue<string>(out var text) || text.Length == 0)
                        throw new RecipeFormatException($"{source}: step {i + 1} must be an object with a \"name\".");
                    steps.Add(step);
                }
                break;
            default:
                throw new RecipeFormatException($"{source}: \"steps\" must be a list.");
        }
        var variables = Property(recipe, "variables") switch
        {
            null => new JsonObject(),
            JsonObject v => v,
            _ => throw new RecipeFormatException($"{source}: \"variables\" must be an object."),
        };
        var name = Text(recipe, "name") ?? defaultName;
        return new RecipeDocument(name, Text(recipe, "displayName") ?? name, Text(recipe, "description") ?? "",
            Property(recipe, "issetuprecipe") is JsonValue setup && setup.TryGetValue<bool>(out var isSetup) && isSetup,
            variables, steps, recipe);
    }

    public static RecipeDescriptor Describe(RecipeDocument document, string filePath) =>
        new(document.Name, document.DisplayName, document.Description, document.IsSetupRecipe, Path.GetFullPath(filePath));

    public static string DefaultName(string filePath)
    {
        var file = Path.GetFileName(filePath);
        return file.EndsWith(".recipe.json", StringComparison.OrdinalIgnoreCase) ? file[..^".recipe.json".Length] : Path.GetFileNameWithoutExtension(file);
    }

    // Orchard Core writes "displayName" and "issetuprecipe"; accept any casing.
    private static JsonNode? Property(JsonObject recipe, string name) =>
        recipe.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static string? Text(JsonObject recipe, string name) =>
        Property(recipe, name) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    // System.Text.Json appends "LineNumber: n | BytePositionInLine: m." to its messages; the location is reported already.
    private static string Reason(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Trim();
    }
}
