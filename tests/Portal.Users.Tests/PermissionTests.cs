using System.Net;
using Portal.Testing;

namespace Portal.Users.Tests;

public class PermissionTests(ProbeServer server) : IClassFixture<ProbeServer>
{
    private static string NewName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task A_role_without_the_permission_is_sent_to_access_denied_which_answers_403()
    {
        using var client = await server.NewSignedInClientAsync(NewName("res"), NewName("Resident"));

        var response = await client.GetAsync("/probe/manage-users");
        var denied = await client.GetAsync(response.Headers.Location);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/access-denied", response.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("拒绝访问", await denied.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_api_caller_gets_plain_401_and_403()
    {
        using var anonymous = server.NewClient();
        using var resident = await server.NewSignedInClientAsync(NewName("res"), NewName("Resident"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/probe/manage-users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.GetAsync("/api/probe/manage-users")).StatusCode);
    }

    [Fact]
    public async Task A_role_granted_the_permission_passes_and_a_revoked_grant_applies_at_once()
    {
        var role = NewName("Staff");
        await server.CreateRoleAsync(role, "ManageUsers");
        using var client = await server.NewSignedInClientAsync(NewName("staff"), role);

        var granted = await client.GetAsync("/probe/manage-users");
        await server.CreateRoleAsync(role);
        var revoked = await client.GetAsync("/probe/manage-users");

        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Equal("may manage users", await granted.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
    }

    [Fact]
    public async Task Permissions_of_several_roles_add_up()
    {
        var withAdmin = NewName("Editor");
        var withUsers = NewName("Staff");
        await server.CreateRoleAsync(withAdmin, "AccessAdmin");
        await server.CreateRoleAsync(withUsers, "ManageUsers");
        using var client = await server.NewSignedInClientAsync(NewName("both"), withAdmin, withUsers);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/probe")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/probe/manage-users")).StatusCode);
    }

    [Fact]
    public async Task The_Administrator_role_holds_every_permission_without_grants()
    {
        using var client = await server.AdminClientAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/probe/manage-users")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/probe")).StatusCode);
    }

    [Fact]
    public async Task Everything_under_admin_requires_AccessAdmin()
    {
        using var anonymous = server.NewClient();
        var editorRole = NewName("Editor");
        await server.CreateRoleAsync(editorRole, "AccessAdmin");
        using var resident = await server.NewSignedInClientAsync(NewName("res"), NewName("Resident"));
        using var editor = await server.NewSignedInClientAsync(NewName("ed"), editorRole);

        var anonymousResponse = await anonymous.GetAsync("/admin/probe");
        var residentResponse = await resident.GetAsync("/admin/probe");

        Assert.Equal("/login", anonymousResponse.Headers.Location!.AbsolutePath);
        Assert.Equal("/access-denied", residentResponse.Headers.Location!.AbsolutePath);
        Assert.Equal("in the admin", await editor.GetStringAsync("/admin/probe"));
    }

    [Fact]
    public async Task A_disabled_user_loses_every_permission_at_once()
    {
        var name = NewName("admin");
        await server.CreateUserAsync(name, PortalServer.Password, "Administrator");
        using var client = server.NewClient();
        await server.SignInAsync(client, name, PortalServer.Password);

        await server.DisableUserAsync(name);

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin/probe")).StatusCode);
    }
}
