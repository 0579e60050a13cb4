using Portal.Core.Recipes;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace Portal.Core.Tests.Recipes;

public sealed class RecipeExpressionsTests : TempFolderTests
{
    private RecipeExpressions Expressions(JsonObject? variables = null, Dictionary<string, string?>? parameters = null) =>
        new(variables ?? new JsonObject(), parameters ?? [],
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Portal:Greeting"] = "你好" }).Build(),
            Path.Combine(Folder, "recipe"));

    private static string? Text(JsonNode? node) => node?.GetValue<string>();

    [Fact]
    public void Uuid_gives_a_new_26_character_id_each_time()
    {
        var step = Expressions().Evaluate(new JsonObject { ["a"] = "[js: uuid()]", ["b"] = "[js:uuid()]" })!;
        Assert.Matches("^[0-9a-z]{26}$", Text(step["a"]));
        Assert.NotEqual(Text(step["a"]), Text(step["b"]));
    }

    [Fact]
    public void Variables_are_evaluated_once_and_reused_at_any_depth()
    {
        var expressions = Expressions(new JsonObject { ["id"] = "[js: uuid()]", ["label"] = "[js: 'wish-' + variables('id')]" });
        var step = expressions.Evaluate(JsonNode.Parse("""
            { "Data": [ { "ContentItemId": "[js: variables('id')]", "Wish": { "Ref": { "ContentItemIds": ["[js: variables('id')]"] } } } ],
              "Label": "[js: variables('label')]" }
            """))!;
        var id = Text(step["Data"]![0]!["ContentItemId"]);
        Assert.Matches("^[0-9a-z]{26}$", id);
        Assert.Equal(id, Text(step["Data"]![0]!["Wish"]!["Ref"]!["ContentItemIds"]![0]));
        Assert.Equal("wish-" + id, Text(step["Label"]));
        Assert.Equal(id, Text(expressions.Evaluate(JsonValue.Create("[js: variables('id')]"))));
    }

    [Fact]
    public void Parameters_configuration_and_base64_are_available()
    {
        var step = Expressions(parameters: new() { ["SiteName"] = "微心愿" }).Evaluate(new JsonObject
        {
            ["site"] = "[js: parameters('SiteName')]",
            ["missing"] = "[js: parameters('Nope') || 'fallback']",
            ["configured"] = "[js: configuration('Portal:Greeting', 'x')]",
            ["defaulted"] = "[js: configuration('Portal:Absent', 'default')]",
            ["decoded"] = "[js: base64('" + Convert.ToBase64String(Encoding.UTF8.GetBytes("马奶奶的路灯")) + "')]",
            ["number"] = "[js: 6 * 7]",
            ["plain"] = "no expression [js: here]",
        })!;
        Assert.Equal("微心愿", Text(step["site"]));
        Assert.Equal("fallback", Text(step["missing"]));
        Assert.Equal("你好", Text(step["configured"]));
        Assert.Equal("default", Text(step["defaulted"]));
        Assert.Equal("马奶奶的路灯", Text(step["decoded"]));
        Assert.Equal(42, step["number"]!.GetValue<long>());
        Assert.Equal("no expression [js: here]", Text(step["plain"]));
    }

    [Fact]
    public void File_text_reads_a_file_beside_the_recipe()
    {
        Directory.CreateDirectory(Path.Combine(Folder, "recipe", "bodies"));
        File.WriteAllText(Path.Combine(Folder, "recipe", "bodies", "lamp.html"), "<p>路灯亮了</p>");
        var value = Expressions().Evaluate(JsonValue.Create("[file:text('bodies/lamp.html')]"));
        Assert.Equal("<p>路灯亮了</p>", Text(value));
    }

    [Theory]
    [InlineData("../secret.txt")]
    [InlineData("bodies/../../secret.txt")]
    [InlineData("/etc/passwd")]
    public void File_text_refuses_paths_outside_the_recipe_folder(string path)
    {
        File.WriteAllText(Path.Combine(Folder, "secret.txt"), "secret");
        var e = Assert.Throws<RecipeExpressionException>(() => Expressions().Evaluate(JsonValue.Create($"[file:text('{path}')]")));
        Assert.Contains("outside the recipe's folder", e.Message);
    }

    [Fact]
    public void A_runaway_script_is_stopped()
    {
        var watch = Stopwatch.StartNew();
        var e = Assert.Throws<RecipeExpressionException>(() => Expressions().Evaluate(JsonValue.Create("[js: while (true) {}]")));
        Assert.Contains("ran longer than", e.Message);
        Assert.True(watch.Elapsed < RecipeExpressions.ScriptTimeout + TimeSpan.FromSeconds(5), watch.Elapsed.ToString());
    }

    [Fact]
    public void Unbounded_recursion_is_stopped()
    {
        var e = Assert.Throws<RecipeExpressionException>(() => Expressions().Evaluate(JsonValue.Create("[js: (function f() { return f(); })()]")));
        Assert.Contains("[js: (function f()", e.Message);
    }

    [Theory]
    [InlineData("[js: nosuchfunction()]", "nosuchfunction")]
    [InlineData("[js: variables('absent')]", "no variable 'absent'")]
    [InlineData("[js: base64('%%%')]", "not valid base64")]
    [InlineData("[js: (]", "failed")]
    public void An_expression_error_has_a_clear_message(string expression, string expected)
    {
        var e = Assert.Throws<RecipeExpressionException>(() => Expressions().Evaluate(JsonValue.Create(expression)));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_variable_that_refers_to_itself_is_refused()
    {
        var e = Assert.Throws<RecipeExpressionException>(() =>
            Expressions(new JsonObject { ["a"] = "[js: variables('a')]" }).Evaluate(JsonValue.Create("[js: variables('a')]")));
        Assert.Contains("refers to itself", e.Message);
    }
}
