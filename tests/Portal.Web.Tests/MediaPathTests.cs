using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Recipes;
using Portal.Testing;

namespace Portal.Web.Tests;

public class MediaPathTests
{
    [Fact]
    public async Task Media_go_to_the_configured_shared_folder_instead_of_the_node_data_folder()
    {
        var shared = Path.Combine(Path.GetTempPath(), "portal-tests", "shared-media-" + Guid.NewGuid().ToString("N")[..8]);
        await using var host = await PortalTestHost.StartAsync(DatabaseProvider.Sqlite, settings: new Dictionary<string, string?> { ["Portal:MediaPath"] = shared });
        var recipePath = Path.Combine(host.Database.DataPath, "media.recipe.json");
        await File.WriteAllTextAsync(recipePath, """
            { "name": "media-only", "steps": [ { "name": "media", "Files": [ { "TargetPath": "stories/hello.txt", "Base64": "aGVsbG8=" } ] } ] }
            """);

        var result = await host.InScopeAsync(async sp =>
            await sp.GetRequiredService<IRecipeExecutor>().ExecuteAsync(await sp.GetRequiredService<IRecipeCatalog>().LoadAsync(recipePath)));

        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.Equal(shared, host.Services.GetRequiredService<PortalDatabaseSettings>().MediaPath);
        Assert.Equal("hello", await File.ReadAllTextAsync(Path.Combine(shared, "stories", "hello.txt")));
        Assert.False(Directory.Exists(Path.Combine(host.Database.DataPath, "media")));
        Directory.Delete(shared, recursive: true);
    }
}
