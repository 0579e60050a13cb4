using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Portal.Core.Recipes;

/// <summary>The <c>*.recipe.json</c> files of the recipes folder: <c>{app}/recipes</c>, or <c>Portal:RecipesPath</c>.</summary>
public sealed class RecipeCatalog(IConfiguration configuration, ILogger<RecipeCatalog> logger) : IRecipeCatalog
{
    public string Folder { get; } = configuration["Portal:RecipesPath"] is { Length: > 0 } path
        ? Path.GetFullPath(path)
        : Path.Combine(AppContext.BaseDirectory, "recipes");

    public async Task<IReadOnlyList<RecipeDescriptor>> ListAsync()
    {
        if (!Directory.Exists(Folder)) return [];
        var recipes = new List<RecipeDescriptor>();
        foreach (var file in Directory.EnumerateFiles(Folder, "*.recipe.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            try
            {
                recipes.Add(await LoadAsync(file));
            }
            catch (RecipeFormatException e)
            {
                logger.LogWarning("Skipping a recipe that cannot be read: {Reason}", e.Message);
            }
        }
        return recipes;
    }

    public async Task<RecipeDescriptor?> FindAsync(string name) =>
        (await ListAsync()).FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));

    public async Task<RecipeDescriptor> LoadAsync(string filePath) =>
        RecipeReader.Describe(await RecipeReader.ReadFileAsync(filePath), filePath);
}
