using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Commands;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;

namespace Portal.Core.Recipes;

public sealed class ImportRecipeCommand : IPortalCommand
{
    public string Name => "recipe import";
    public string Usage => "recipe import FILE|NAME [--param Name=Value ...]";
    public string Description => "Runs a recipe file (or a shipped recipe by name) in one transaction; --param sets parameters('Name').";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, TextWriter output, TextWriter error)
    {
        var files = new List<string>();
        var parameters = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i] != "--param")
            {
                if (arguments[i].StartsWith('-')) return PrintUsage(error);
                files.Add(arguments[i]);
                continue;
            }
            if (i + 1 >= arguments.Count || arguments[i + 1].IndexOf('=') <= 0) return PrintUsage(error);
            var pair = arguments[++i];
            var equals = pair.IndexOf('=');
            parameters[pair[..equals]] = pair[(equals + 1)..];
        }
        if (files.Count != 1) return PrintUsage(error);
        var catalog = services.GetRequiredService<IRecipeCatalog>();
        RecipeDocument document;
        RecipeDescriptor recipe;
        try
        {
            recipe = !File.Exists(files[0]) && await catalog.FindAsync(files[0]) is { } shipped
                ? shipped
                : await catalog.LoadAsync(files[0]);
            document = await RecipeReader.ReadFileAsync(recipe.FilePath);
        }
        catch (RecipeFormatException e)
        {
            error.WriteLine(e.Message);
            return 1;
        }
        output.WriteLine($"Importing recipe '{recipe.Name}' ({document.Steps.Count} steps) from {recipe.FilePath}");
        var result = await services.GetRequiredService<IRecipeExecutor>().ExecuteAsync(recipe, parameters);
        var done = result.Failure?.StepIndex ?? document.Steps.Count;
        for (var i = 0; i < done; i++)
            output.WriteLine($"  Step {i + 1} ({RecipeDocument.StepName(document.Steps[i])}) done");
        if (result.Failure is { } failure)
        {
            error.WriteLine(failure.ToString());
            error.WriteLine("Nothing of the recipe was kept.");
            return 1;
        }
        output.WriteLine($"Recipe '{recipe.Name}' imported: {result.StepsExecuted} steps.");
        return 0;
    }

    private int PrintUsage(TextWriter error)
    {
        error.WriteLine($"Usage: {Usage}");
        return 2;
    }
}

public sealed class ExportRecipeCommand : IPortalCommand
{
    public string Name => "recipe export";
    public string Usage => "recipe export FILE [--types Story,Wish]";
    public string Description => "Writes content definitions, settings and the chosen types' content to a recipe file.";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, TextWriter output, TextWriter error)
    {
        var types = new List<string>();
        var files = new List<string>();
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i] == "--types" && i + 1 < arguments.Count)
                types.AddRange(arguments[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            else if (arguments[i].StartsWith('-'))
            {
                error.WriteLine($"Unknown option '{arguments[i]}'. Usage: {Usage}");
                return 2;
            }
            else files.Add(arguments[i]);
        }
        if (files.Count != 1)
        {
            error.WriteLine($"Usage: {Usage}");
            return 2;
        }
        var definitions = await services.GetRequiredService<ContentDefinitionStore>().GetAsync();
        var unknown = types.Where(t => definitions.ContentTypes.All(d => d.Name != t)).ToList();
        if (unknown.Count > 0)
        {
            error.WriteLine($"Unknown content type(s): {string.Join(", ", unknown)}. Known types: {string.Join(", ", definitions.ContentTypes.Select(t => t.Name).Order())}.");
            return 1;
        }
        var recipe = await services.GetRequiredService<RecipeExporter>()
            .ExportAsync(new RecipeExportRequest(types), RecipeReader.DefaultName(files[0]));
        try
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(files[0]))!;
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(files[0], recipe.ToJsonString(ContentJson.Indented));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"Cannot write '{files[0]}': {e.Message}");
            return 1;
        }
        var steps = recipe["steps"]!.AsArray();
        output.WriteLine($"Exported {steps.Count} steps ({string.Join(", ", steps.Select(s => s!["name"]))}) to {Path.GetFullPath(files[0])}");
        return 0;
    }
}

public sealed class ListRecipesCommand : IPortalCommand
{
    public string Name => "recipe list";
    public string Usage => "recipe list";
    public string Description => "Lists the shipped recipes.";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, TextWriter output, TextWriter error)
    {
        if (arguments.Count > 0)
        {
            error.WriteLine($"Usage: {Usage}");
            return 2;
        }
        var recipes = await services.GetRequiredService<IRecipeCatalog>().ListAsync();
        if (recipes.Count == 0) output.WriteLine("No recipes found.");
        foreach (var recipe in recipes)
            output.WriteLine($"{recipe.Name,-24} {(recipe.IsSetupRecipe ? "setup" : ""),-6} {recipe.DisplayName} — {recipe.FilePath}");
        return 0;
    }
}
