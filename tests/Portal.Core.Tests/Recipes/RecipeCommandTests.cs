using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Commands;
using Portal.Core.Settings;
using Portal.Core.Tests.Content;
using Portal.Testing;

namespace Portal.Core.Tests.Recipes;

/// <summary>The recipe commands as <c>dotnet run --project src/Portal.Web -- recipe ...</c> runs them.</summary>
public sealed class RecipeCommandTests(SqliteEngineHost fixture) : IClassFixture<SqliteEngineHost>
{
    private PortalTestHost Host => fixture.Host;

    private sealed record Run(int ExitCode, string Output, string Error);

    private async Task<Run> RunAsync(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var code = await CommandRunner.RunAsync(args, Host.Services, output, error);
        return new Run(code, output.ToString(), error.ToString());
    }

    private string WriteFile(string content)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Host.Database.DataPath, "cmd", Guid.NewGuid().ToString("N")[..8])).FullName;
        var path = Path.Combine(folder, "cmd.recipe.json");
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task Import_prints_each_step_and_a_summary()
    {
        var group = "Cmd" + Guid.NewGuid().ToString("N")[..8];
        var path = WriteFile($$"""{ "name": "cmd", "steps": [ { "name": "settings", "{{group}}": { "A": "1" } }, { "name": "settings", "{{group}}": { "B": "2" } } ] }""");

        var run = await RunAsync("recipe", "import", path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Step 1 (settings) done", run.Output);
        Assert.Contains("Step 2 (settings) done", run.Output);
        Assert.Contains("Recipe 'cmd' imported: 2 steps.", run.Output);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task Import_passes_parameters_to_the_recipe()
    {
        var group = "Cmd" + Guid.NewGuid().ToString("N")[..8];
        var path = WriteFile($$"""{ "name": "cmd", "steps": [ { "name": "settings", "{{group}}": { "SiteName": "[js: parameters('SiteName')]" } } ] }""");

        var run = await RunAsync("recipe", "import", path, "--param", "SiteName=东湖微心愿");

        Assert.Equal(0, run.ExitCode);
        var settings = await Host.InScopeAsync(sp => sp.GetRequiredService<SiteSettingsStore>().GetAsync(group));
        Assert.Equal("东湖微心愿", settings["SiteName"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_failing_import_names_the_step_on_stderr_and_exits_1()
    {
        var path = WriteFile("""{ "name": "cmd", "steps": [ { "name": "settings", "G": { "A": "1" } }, { "name": "Wobble" } ] }""");

        var run = await RunAsync("recipe", "import", path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Step 2 (Wobble) failed: There is no recipe step named 'Wobble'.", run.Error);
        Assert.Contains("Nothing of the recipe was kept.", run.Error);
    }

    [Fact]
    public async Task Bad_json_is_reported_with_its_line_and_exits_1()
    {
        var path = WriteFile("{\n  \"name\": \"cmd\",\n  \"steps\": [ oops ]\n}");

        var run = await RunAsync("recipe", "import", path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cmd.recipe.json is not valid JSON: line 3", run.Error);
    }

    [Fact]
    public async Task A_missing_file_is_named_and_exits_1()
    {
        var run = await RunAsync("recipe", "import", "/nowhere/missing.recipe.json");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("'/nowhere/missing.recipe.json' does not exist", run.Error);
    }

    [Theory]
    [InlineData("recipe", "import")]
    [InlineData("recipe", "import", "a.json", "b.json")]
    [InlineData("recipe", "import", "a.json", "--param", "NoEquals")]
    [InlineData("recipe", "import", "a.json", "--force")]
    [InlineData("recipe", "export")]
    [InlineData("recipe", "export", "out.json", "--bogus")]
    public async Task Missing_or_extra_arguments_print_the_usage_and_exit_2(params string[] args)
    {
        var run = await RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Usage: recipe " + args[1], run.Error);
    }

    [Fact]
    public async Task Export_writes_a_recipe_file_that_import_accepts()
    {
        var type = "Cmd" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(0, (await RunAsync("recipe", "import", WriteFile($$"""
            { "name": "cmd", "steps": [
              { "name": "ContentDefinition", "ContentTypes": [ { "Name": "{{type}}", "DisplayName": "{{type}}", "ContentTypePartDefinitionRecords": [ { "PartName": "TitlePart", "Name": "TitlePart" } ] } ] },
              { "name": "content", "Data": [ { "ContentItemId": "cmd1{{type[3..]}}", "ContentType": "{{type}}", "Published": true, "TitlePart": { "Title": "导出我" } } ] } ] }
            """))).ExitCode);
        var file = Path.Combine(Host.Database.DataPath, "exports", type + ".recipe.json");

        var run = await RunAsync("recipe", "export", file, "--types", type);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Exported 3 steps (ContentDefinition, settings, content)", run.Output);
        var recipe = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        var content = recipe["steps"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "content")!;
        Assert.Equal("导出我", content["Data"]![0]!["DisplayText"]!.GetValue<string>());
        Assert.Equal(0, (await RunAsync("recipe", "import", file)).ExitCode);
    }

    [Fact]
    public async Task Export_of_an_unknown_type_is_refused_and_writes_nothing()
    {
        var file = Path.Combine(Host.Database.DataPath, "exports", "unknown.recipe.json");

        var run = await RunAsync("recipe", "export", file, "--types", "NoSuchType");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Unknown content type(s): NoSuchType", run.Error);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task List_shows_the_shipped_setup_recipe()
    {
        var run = await RunAsync("recipe", "list");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("micro-wish", run.Output);
        Assert.Contains("setup", run.Output);
    }

    [Fact]
    public async Task Help_lists_the_recipe_commands()
    {
        var run = await RunAsync("--help");

        Assert.Contains("recipe import FILE|NAME", run.Output);
        Assert.Contains("recipe export FILE [--types Story,Wish]", run.Output);
        Assert.Contains("recipe list", run.Output);
    }
}
