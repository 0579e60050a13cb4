using Portal.Core.Commands;
using Portal.Testing;
using Portal.Users.Services;
using static Portal.Users.Tests.AdminForms;

namespace Portal.Users.Tests;

/// <summary>A site whose only administrator is <c>admin</c>: no test here makes another one.</summary>
public class LastAdministratorTests(SetUpPortalServer server) : IClassFixture<SetUpPortalServer>
{
    private async Task<string> AdminIdAsync() => (await UserAsync(server, SetUpPortalServer.AdminUserName))!.User.Id;

    [Fact]
    public async Task A_user_manager_cannot_delete_lock_or_demote_the_last_administrator()
    {
        var managers = NewName("Managers");
        await server.CreateRoleAsync(managers, "AccessAdmin", "ManageUsers");
        using var manager = await server.NewSignedInClientAsync(NewName("mgr"), managers);
        var adminId = await AdminIdAsync();
        const string lastAdministrator = "“admin”是最后一位管理员。请先将其他用户设为管理员。";

        var delete = await RefusedAsync(manager, $"/admin/users/{adminId}/delete", []);
        var lockIt = await RefusedAsync(manager, $"/admin/users/{adminId}/lock", [], formPage: "/admin/users");
        var demote = await RefusedAsync(manager, $"/admin/users/{adminId}/edit", new() { ["Email"] = "admin@example.test" }, formPage: "/admin/users");

        Assert.Contains(lastAdministrator, Summary(delete));
        Assert.Contains(lastAdministrator, Summary(lockIt));
        Assert.Equal(lastAdministrator, FieldError(demote, "Roles"));
        var admin = await UserAsync(server, SetUpPortalServer.AdminUserName);
        Assert.Equal(["Administrator"], admin!.Roles);
        Assert.Equal(UserStatus.Active, admin.Status);
    }

    [Fact]
    public async Task The_user_disable_command_refuses_the_last_administrator()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await CommandRunner.RunAsync(["user", "disable", SetUpPortalServer.AdminUserName], server.Services, output, error);

        Assert.Equal(1, code);
        Assert.Equal("'admin' is the last administrator. Make another user an administrator first.", error.ToString().Trim());
        Assert.True(await CanSignInAsync(server, SetUpPortalServer.AdminUserName, PortalServer.Password));
    }
}
