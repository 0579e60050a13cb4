using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Media;

namespace Portal.Core.Recipes.Steps;

/// <summary>
/// <c>{ "name": "media", "Files": [ { "TargetPath": "stories/lamp.jpg", "SourcePath": "media/lamp.jpg" } ] }</c>:
/// copies files (or <c>Base64</c> content) into the media folder (<c>Portal:MediaPath</c>, by default <c>{DataPath}/media</c>). Paths that leave the media folder or
/// the recipe's folder are refused before anything is written. A file named as an image (the names the library serves)
/// must be that image by its bytes, and is written without the metadata that can locate a person, as uploads are.
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
        var planned = new List<(string Target, byte[] Content)>();
        for (var i = 0; i < files.Count; i++)
        {
            if (await PlanAsync(context, files[i] as JsonObject, $"Files[{i}]", root) is { } entry) planned.Add(entry);
        }
        if (context.Errors.Count > 0) return;
        var journal = context.Services.GetRequiredService<RecipeFileJournal>();
        foreach (var (target, content) in planned)
            await journal.WriteAsync(target, content);
    }

    private static async Task<(string, byte[])?> PlanAsync(RecipeStepContext context, JsonObject? file, string path, string root)
    {
        if (await ReadAsync(context, file, path, root) is not var (target, bytes)) return null;
        if (MediaContentTypes.Of(target) is not { } named) return (target, bytes);
        var name = Path.GetFileName(target);
        if (ImageFile.Identify(bytes) is not { } image || image.ContentType != named)
        {
            context.Error($"{path}: '{name}' is not a {named[6..].ToUpperInvariant()} image by its content; nothing of this step was written.");
            return null;
        }
        if (ImageFile.StripMetadata(image.Format, bytes) is not { } clean)
        {
            context.Error($"{path}: '{name}' is damaged and cannot be read as an image; nothing of this step was written.");
            return null;
        }
        return (target, clean);
    }

    private static async Task<(string, byte[])?> ReadAsync(RecipeStepContext context, JsonObject? file, string path, string root)
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
                return (target, Convert.FromBase64String(base64));
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
        return (target, await File.ReadAllBytesAsync(source));
    }

    private static string? Text(JsonObject? file, string key) =>
        file?[key] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
}
