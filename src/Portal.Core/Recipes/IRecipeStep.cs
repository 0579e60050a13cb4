using System.Text.Json.Nodes;

namespace Portal.Core.Recipes;

/// <summary>
/// A recipe step (Orchard Core's recipe format): modules register one per step name they handle
/// (<c>services.AddScoped&lt;IRecipeStep, RolesStep&gt;()</c>). Names match case-insensitively.
/// </summary>
public interface IRecipeStep
{
    string Name { get; }

    /// <summary>Applies the step. Report expected problems with <see cref="RecipeStepContext.Error"/>; the whole recipe is then rolled back.</summary>
    Task ExecuteAsync(RecipeStepContext context);
}

/// <summary>The step being run: its JSON with expressions already evaluated, and where to report problems.</summary>
public sealed class RecipeStepContext(JsonObject step, int index, string recipeDirectory, IServiceProvider services)
{
    private readonly List<string> errors = [];

    public JsonObject Step => step;

    /// <summary>Zero-based position of the step in the recipe.</summary>
    public int Index => index;

    /// <summary>The folder of the recipe file: relative paths in steps (media SourcePath) start here.</summary>
    public string RecipeDirectory => recipeDirectory;

    public IServiceProvider Services => services;

    public IReadOnlyList<string> Errors => errors;

    public void Error(string message) => errors.Add(message);
}

/// <summary>Contributes a step to recipe exports (content definitions, roles, settings, content).</summary>
public interface IRecipeExportStep
{
    string Name { get; }

    /// <summary>The step's JSON, or null when there is nothing to export.</summary>
    Task<JsonObject?> ExportAsync(RecipeExportRequest request);
}

/// <summary>What an export should contain: content of these types (all versions' latest published) when listed.</summary>
public sealed record RecipeExportRequest(IReadOnlyList<string> ContentTypes, bool IncludeDefinitions = true, bool IncludeRoles = true, bool IncludeSettings = true);
