using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Recipes;
using Portal.Users.Services;

namespace Portal.Users.Tests;

public sealed class SqliteRolesRecipeTests(SqliteUsersHost fixture) : RolesRecipeSuite(fixture.Host), IClassFixture<SqliteUsersHost>;
public sealed class PostgresRolesRecipeTests(PostgresUsersHost fixture) : RolesRecipeSuite(fixture.Host), IClassFixture<PostgresUsersHost>;

/// <summary>The Roles recipe step and its export, on each database.</summary>
public abstract class RolesRecipeSuite(Portal.Testing.PortalTestHost host)
{
    private static string NewName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    private Task<IReadOnlyList<string>> RunAsync(string json) =>
        host.InScopeAsync<IReadOnlyList<string>>(async sp =>
        {
            var step = sp.GetServices<IRecipeStep>().Single(s => string.Equals(s.Name, "roles", StringComparison.OrdinalIgnoreCase));
            var context = new RecipeStepContext(JsonNode.Parse(json)!.AsObject(), 0, ".", sp);
            await step.ExecuteAsync(context);
            return context.Errors;
        });

    private Task<IReadOnlyList<RoleDefinition>> RolesAsync() =>
        host.InScopeAsync(sp => sp.GetRequiredService<RoleService>().ListAsync());

    [Fact]
    public async Task The_step_creates_roles_and_then_updates_description_and_grants()
    {
        var role = NewName("Editor");

        var created = await RunAsync($$"""{ "name": "Roles", "Roles": [ { "Name": "{{role}}", "Description": "编辑", "Permissions": ["AccessAdmin", "EditContent"] } ] }""");
        var updated = await RunAsync($$"""{ "name": "Roles", "Roles": [ { "Name": "{{role}}", "Description": "编辑与通讯员", "Permissions": ["PublishContent"] } ] }""");

        Assert.Empty(created);
        Assert.Empty(updated);
        var stored = (await RolesAsync()).Single(r => r.Name == role);
        Assert.Equal("编辑与通讯员", stored.Description);
        Assert.Equal(["PublishContent"], stored.Permissions);
    }

    [Fact]
    public async Task An_unknown_permission_fails_the_step_naming_it_and_changes_nothing()
    {
        var existing = NewName("Staff");
        var added = NewName("Volunteer");
        await RunAsync($$"""{ "name": "Roles", "Roles": [ { "Name": "{{existing}}", "Description": "社区工作人员", "Permissions": ["AccessAdmin"] } ] }""");
        var before = await RolesAsync();

        var errors = await RunAsync($$"""
            { "name": "Roles", "Roles": [
              { "Name": "{{existing}}", "Description": "changed", "Permissions": [] },
              { "Name": "{{added}}", "Permissions": ["FlyToTheMoon"] } ] }
            """);

        Assert.Equal([$"Role '{added}' names the unknown permission 'FlyToTheMoon'."], errors);
        Assert.Equivalent(before, await RolesAsync(), strict: true);
    }

    [Fact]
    public async Task A_malformed_step_is_reported()
    {
        Assert.Equal(["The Roles step needs a \"Roles\" array."], await RunAsync("""{ "name": "Roles", "roles": {} }"""));
        Assert.Equal(["Roles[0] needs a \"Name\" string."], await RunAsync("""{ "name": "Roles", "Roles": [ { "Description": "x" } ] }"""));
    }

    [Fact]
    public async Task Export_writes_every_role_in_the_step_format_and_imports_unchanged()
    {
        var role = NewName("Partner");
        await RunAsync($$"""{ "name": "Roles", "Roles": [ { "Name": "{{role}}", "Description": "合作方", "Permissions": ["EditContent", "AccessAdmin"] } ] }""");
        var before = await RolesAsync();

        var exported = await host.InScopeAsync(sp => sp.GetServices<IRecipeExportStep>().Single(s => s.Name == "Roles")
            .ExportAsync(new RecipeExportRequest([])));
        var errors = await RunAsync(exported!.ToJsonString());

        Assert.Equal("Roles", exported["name"]!.GetValue<string>());
        var entry = exported["Roles"]!.AsArray().Single(r => r!["Name"]!.GetValue<string>() == role)!;
        Assert.Equal("合作方", entry["Description"]!.GetValue<string>());
        Assert.Equal(["AccessAdmin", "EditContent"], entry["Permissions"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Empty(errors);
        Assert.Equivalent(before, await RolesAsync(), strict: true);
    }
}
