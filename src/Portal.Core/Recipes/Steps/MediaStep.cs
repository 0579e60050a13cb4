using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;

namespace Portal.Core.Recipes.Steps;

/// <summary>
/// <c>{ "name": "media", "Files": [ { "TargetPath": "stories/lamp.jpg", "SourcePath": "media/lamp.jpg" } ] }</c>:
/// copies files (or <c>Base64</c> content) into the media folder (<c>Portal:MediaPath</c>, by default <c>{DataPath}/media</c>). Paths that leave the media folder or
/// the recipe's folder are refused before anything is written.
/// </summary>
public sealed class MediaStep : IRecipeStep
{
    public string Name => "media";

    public static string MediaRoot(IServiceProvider services) =>
        services.GetRequiredService<PortalDatabaseSettings>().MediaPath;

    public async Task ExecuteAsync(RecipeStepContext context)
    {
        if (context.Step["Files"] is not JsonArray files)
        {
            context.Error("Files must be a list of { \"TargetPath\", \"SourcePath\" or \"Base64\" }.");
            return;
        }
        var root = MediaRoot(context.Services);
        var planned = new List<(string Target, Func<Task<byte[]>> Content)>();
        for (var i = 0; i < files.Count; i++)
        {
            if (Plan(context, files[i] as JsonObject, $"Files[{i}]", root) is { } entry) planned.Add(entry);
        }
        if (context.Errors.Count > 0) return;
        var journal = context.Services.GetRequiredService<RecipeFileJournal>();
        foreach (var (target, content) in planned)
            await journal.WriteAsync(target, await content());
    }

    private static (string, Func<Task<byte[]>>)? Plan(RecipeStepContext context, JsonObject? file, string path, string root)
    {
        var targetPath = Text(file, "TargetPath");
        var target = targetPath is null ? null : RecipeExpressions.ResolveInside(root, targetPath);
        if (target is null)
        {
            context.Error($"{path}.TargetPath '{targetPath}' must be a relative path inside the media library (no '..', no absolute path).");
            return null;
        }
        if (Text(file, "Base64") is { } base64)
        {
            try
            {
                var bytes = Convert.FromBase64String(base64);
                return (target, () => Task.FromResult(bytes));
            }
            catch (FormatException)
            {
                context.Error($"{path}.Base64 is not valid base64.");
                return null;
            }
        }
        var sourcePath = Text(file, "SourcePath");
        var source = sourcePath is null ? null : RecipeExpressions.ResolveInside(context.RecipeDirectory, sourcePath);
        if (source is null)
        {
            context.Error($"{path}.SourcePath '{sourcePath}' must be a relative path inside the recipe's folder (or give Base64).");
            return null;
        }
        if (!File.Exists(source))
        {
            context.Error($"{path}.SourcePath '{sourcePath}' does not exist beside the recipe.");
            return null;
        }
        return (target, () => File.ReadAllBytesAsync(source));
    }

    private static string? Text(JsonObject? file, string key) =>
        file?[key] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
}
