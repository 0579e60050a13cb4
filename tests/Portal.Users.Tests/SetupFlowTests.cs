using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Settings;
using Portal.Testing;
using Portal.Users.Models;
using Portal.Users.Services;

namespace Portal.Users.Tests;

internal static class SetupChecks
{
    public static readonly string[] DomainRoles = ["Administrator", "CommunityStaff", "Editor", "GridWorker", "Organisation", "Partner", "Resident", "Volunteer"];

    public static Dictionary<string, string> Form(string recipe, string userName = "admin") => new()
    {
        ["SiteName"] = "临江微心愿",
        ["AdminUserName"] = userName,
        ["AdminEmail"] = userName + "@example.test",
        ["Password"] = PortalServer.Password,
        ["PasswordConfirmation"] = PortalServer.Password,
        ["Recipe"] = recipe,
    };

    public static async Task<(IReadOnlyList<(PortalUser User, IReadOnlyList<string> Roles)> Users, IReadOnlyList<RoleDefinition> Roles, string SiteName)> StateAsync(PortalServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserService>().ListAsync(),
            await scope.ServiceProvider.GetRequiredService<RoleService>().ListAsync(),
            await scope.ServiceProvider.GetRequiredService<SiteSettingsStore>().SiteNameAsync());
    }
}

/// <summary>Setting up an empty site through the form, with the shipped micro-wish recipe.</summary>
public class WebSetupTests(PortalServer server) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task The_form_creates_the_administrator_runs_the_recipe_signs_in_and_closes_setup()
    {
        using var client = server.NewClient();
        Assert.Contains("<option value=\"micro-wish\"", await client.GetStringAsync("/setup"));

        var response = await PortalServer.PostFormAsync(client, "/setup", SetupChecks.Form("micro-wish"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/setup")).StatusCode);
        Assert.NotEqual("/setup", (await client.GetAsync("/")).Headers.Location?.OriginalString);
        var (users, roles, siteName) = await SetupChecks.StateAsync(server);
        var admin = Assert.Single(users);
        Assert.Equal("admin", admin.User.UserName);
        Assert.Equal(["Administrator"], admin.Roles);
        Assert.Equal(SetupChecks.DomainRoles, roles.Select(r => r.Name).Order());
        Assert.Contains("ClaimWishes", roles.Single(r => r.Name == "Volunteer").Permissions);
        Assert.Equal("临江微心愿", siteName);
    }
}

/// <summary>A recipes folder with a setup recipe whose second step fails, and one that works.</summary>
public sealed class BrokenRecipeServer : PortalServer
{
    public BrokenRecipeServer() : base(Portal.Core.Data.DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Portal:RecipesPath"] = Folder }) { }

    private static string Folder { get; } = CreateFolder();

    private static string CreateFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "portal-tests", "recipes-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "broken.recipe.json"), """
            { "name": "broken", "displayName": "Broken", "issetuprecipe": true, "steps": [
              { "name": "settings", "General": { "SiteName": "[js: parameters('SiteName')]" } },
              { "name": "Roles", "Roles": [ { "Name": "Editor", "Permissions": [ "NoSuchPermission" ] } ] } ] }
            """);
        File.WriteAllText(Path.Combine(folder, "plain.recipe.json"), """
            { "name": "plain", "displayName": "Plain", "issetuprecipe": true, "steps": [
              { "name": "Roles", "Roles": [ { "Name": "Editor", "Description": "编辑", "Permissions": [ "AccessAdmin" ] } ] } ] }
            """);
        return folder;
    }
}

public class FailedSetupTests(BrokenRecipeServer server) : IClassFixture<BrokenRecipeServer>
{
    [Fact]
    public async Task A_failing_recipe_is_reported_with_its_step_and_leaves_the_site_not_set_up()
    {
        using var client = server.NewClient();

        var failed = await PortalServer.PostFormAsync(client, "/setup?culture=en", SetupChecks.Form("broken"));
        var html = await failed.Content.ReadAsStringAsync();
        var (users, roles, siteName) = await SetupChecks.StateAsync(server);
        var stillEmpty = await client.GetAsync("/");
        var retried = await PortalServer.PostFormAsync(client, "/setup", SetupChecks.Form("plain"));

        Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);
        Assert.Contains("Step 2 (Roles) failed: Role &#x27;Editor&#x27; names the unknown permission &#x27;NoSuchPermission&#x27;.", html);
        Assert.Empty(users);
        Assert.Empty(roles);
        Assert.Equal("Portal", siteName);
        Assert.Equal("/setup", stillEmpty.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        Assert.Equal(["Administrator", "Editor"], (await SetupChecks.StateAsync(server)).Roles.Select(r => r.Name).Order());
    }
}

/// <summary>Start-up with Portal:Setup:* configured sets the site up with the micro-wish recipe.</summary>
public class UnattendedSetupTests(MicroWishPortalServer server) : IClassFixture<MicroWishPortalServer>
{
    [Fact]
    public async Task The_site_is_set_up_from_configuration_and_the_administrator_can_sign_in()
    {
        using var client = await server.AdminClientAsync();

        var (users, roles, siteName) = await SetupChecks.StateAsync(server);

        Assert.Equal(["Administrator"], users.Single(u => u.User.UserName == SetUpPortalServer.AdminUserName).Roles);
        Assert.Equal(SetupChecks.DomainRoles, roles.Select(r => r.Name).Order());
        Assert.Equal(SetUpPortalServer.SiteName, siteName);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/setup")).StatusCode);
    }
}

public class UnattendedSetupFailureTests
{
    private sealed class MisconfiguredServer(Dictionary<string, string?> settings) : PortalServer(Portal.Core.Data.DatabaseProvider.Sqlite, settings);

    [Fact]
    public async Task An_unknown_recipe_stops_start_up_with_the_reason()
    {
        var server = new MisconfiguredServer(new()
        {
            ["Portal:Setup:SiteName"] = "x",
            ["Portal:Setup:AdminUserName"] = "admin",
            ["Portal:Setup:AdminEmail"] = "admin@example.test",
            ["Portal:Setup:AdminPassword"] = PortalServer.Password,
            ["Portal:Setup:Recipe"] = "no-such-recipe",
        });

        var error = await Assert.ThrowsAnyAsync<Exception>(server.InitializeAsync);

        Assert.Contains("Unattended setup failed: Recipe: There is no setup recipe named 'no-such-recipe'.", error.ToString());
        await ((IAsyncLifetime)server).DisposeAsync();
    }

    [Fact]
    public async Task Incomplete_settings_stop_start_up_naming_what_is_missing()
    {
        var server = new MisconfiguredServer(new() { ["Portal:Setup:SiteName"] = "x", ["Portal:Setup:Recipe"] = "micro-wish" });

        var error = await Assert.ThrowsAnyAsync<Exception>(server.InitializeAsync);

        Assert.Contains("Portal:Setup is incomplete: set Portal:Setup:AdminUserName, Portal:Setup:AdminEmail, Portal:Setup:AdminPassword.", error.ToString());
        await ((IAsyncLifetime)server).DisposeAsync();
    }
}
