using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Core.Recipes;

namespace Portal.Core.Tests.Recipes;

public sealed class RecipeCatalogTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("portal-catalog-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private RecipeCatalog Catalog(string? path) => new(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Portal:RecipesPath"] = path }).Build(),
        NullLogger<RecipeCatalog>.Instance);

    [Fact]
    public async Task The_shipped_recipes_are_found_beside_the_application()
    {
        var catalog = Catalog(null);

        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "recipes"), catalog.Folder);
        var microWish = await catalog.FindAsync("MICRO-WISH");
        Assert.NotNull(microWish);
        Assert.Equal("微心愿门户", microWish.DisplayName);
        Assert.True(microWish.IsSetupRecipe);
    }

    [Fact]
    public async Task A_configured_folder_is_listed_and_unreadable_recipes_are_left_out()
    {
        await File.WriteAllTextAsync(Path.Combine(folder, "good.recipe.json"), """{ "displayName": "Good one", "steps": [] }""");
        await File.WriteAllTextAsync(Path.Combine(folder, "broken.recipe.json"), """{ "name": "broken", """);
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.json"), """{ "name": "not a recipe file name" }""");

        var recipes = await Catalog(folder).ListAsync();

        var recipe = Assert.Single(recipes);
        Assert.Equal("good", recipe.Name);
        Assert.Equal("Good one", recipe.DisplayName);
        Assert.False(recipe.IsSetupRecipe);
        Assert.Null(await Catalog(folder).FindAsync("broken"));
    }
}
