using Portal.Core.Recipes;
namespace Portal.Core.Tests.Recipes;

public sealed class RecipeReaderTests
{
    [Fact]
    public void Comments_and_trailing_commas_are_allowed()
    {
        var recipe = RecipeReader.Parse("""
            {
              // Orchard Core recipes carry comments
              "name": "demo",
              "displayName": "Demo",
              "issetuprecipe": true,
              "variables": { "id": "[js: uuid()]", },
              "steps": [
                { "name": "settings", "General": { "SiteName": "x" } }, // trailing comma next
              ],
            }
            """, "demo.recipe.json");

        Assert.Equal("demo", recipe.Name);
        Assert.Equal("Demo", recipe.DisplayName);
        Assert.True(recipe.IsSetupRecipe);
        Assert.Equal("settings", RecipeDocument.StepName(Assert.Single(recipe.Steps)));
        Assert.Equal("[js: uuid()]", recipe.Variables["id"]!.GetValue<string>());
    }

    [Fact]
    public void Malformed_json_names_the_file_line_and_position()
    {
        var e = Assert.Throws<RecipeFormatException>(() => RecipeReader.Parse("""
            {
              "name": "broken",
              "steps": [ { "name": "settings" "General": {} } ]
            }
            """, "broken.recipe.json"));

        Assert.Contains("broken.recipe.json", e.Message);
        Assert.Contains("line 3", e.Message);
        Assert.Contains("position 35", e.Message);
    }

    [Theory]
    [InlineData("[1, 2]", "must hold one JSON object")]
    [InlineData("""{ "steps": { "name": "x" } }""", "\"steps\" must be a list")]
    [InlineData("""{ "steps": [ { "Data": [] } ] }""", "step 1 must be an object with a \"name\"")]
    [InlineData("""{ "variables": [], "steps": [] }""", "\"variables\" must be an object")]
    public void A_file_that_is_not_a_recipe_is_refused_with_the_reason(string json, string reason)
    {
        var e = Assert.Throws<RecipeFormatException>(() => RecipeReader.Parse(json, "x.recipe.json"));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public async Task A_missing_file_is_named()
    {
        var e = await Assert.ThrowsAsync<RecipeFormatException>(() => RecipeReader.ReadFileAsync("/nowhere/gone.recipe.json"));
        Assert.Contains("/nowhere/gone.recipe.json", e.Message);
        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public void The_name_defaults_to_the_file_name()
    {
        Assert.Equal("demo", RecipeReader.Parse("{}", "demo.recipe.json", RecipeReader.DefaultName("/r/demo.recipe.json")).Name);
    }
}
