using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Core.Recipes;

namespace Portal.Core.Tests.Recipes;

public sealed class RecipeCatalogTests : TempFolderTests
{
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
        await File.WriteAllTextAsync(Path.Combine(Folder, "good.recipe.json"), """{ "displayName": "Good one", "steps": [] }""");
        await File.WriteAllTextAsync(Path.Combine(Folder, "broken.recipe.json"), """{ "name": "broken", """);
        await File.WriteAllTextAsync(Path.Combine(Folder, "notes.json"), """{ "name": "not a recipe file name" }""");

        var recipes = await Catalog(Folder).ListAsync();

        var recipe = Assert.Single(recipes);
        Assert.Equal("good", recipe.Name);
        Assert.Equal("Good one", recipe.DisplayName);
        Assert.False(recipe.IsSetupRecipe);
        Assert.Null(await Catalog(Folder).FindAsync("broken"));
    }
}
