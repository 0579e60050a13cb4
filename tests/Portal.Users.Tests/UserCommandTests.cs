using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Commands;
using Portal.Testing;
using Portal.Users.Services;

namespace Portal.Users.Tests;

public class UserCommandTests(SqliteUsersHost fixture) : IClassFixture<SqliteUsersHost>
{
    private static string NewName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CommandRunner.RunAsync(args, fixture.Host.Services, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static string[] Create(string name, string password, params string[] roleOptions) =>
        ["user", "create", "--name", name, "--email", $"{name}@example.test", "--password", password, .. roleOptions];

    [Fact]
    public async Task Creates_a_user_in_a_role_and_lists_it()
    {
        var name = NewName("staff");
        await fixture.Host.InScopeAsync(sp => sp.GetRequiredService<RoleService>().SaveAsync(new("CommunityStaff", "社区工作人员", ["AccessAdmin"])));

        var (code, output, error) = await RunAsync(Create(name, PortalServer.Password, "--role", "CommunityStaff"));
        var list = await RunAsync("user", "list");

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.StartsWith($"Created user '{name}'", output);
        Assert.Contains($"{name}\t{name}@example.test\tCommunityStaff", list.Output);
    }

    [Fact]
    public async Task A_weak_password_exits_1_with_the_reasons_and_creates_nothing()
    {
        var name = NewName("vol");

        var (code, _, error) = await RunAsync(Create(name, "password"));

        Assert.Equal(1, code);
        Assert.Contains($"User '{name}' was not created:", error);
        Assert.Contains("Password: The password must contain a digit (0-9).", error);
        Assert.Contains("Password: The password must contain an upper-case letter (A-Z).", error);
        Assert.DoesNotContain(name, (await RunAsync("user", "list")).Output);
    }

    [Fact]
    public async Task A_duplicate_name_exits_1()
    {
        var name = NewName("vol");
        await RunAsync(Create(name, PortalServer.Password));

        var (code, _, error) = await RunAsync("user", "create", "--name", name, "--email", "other@example.test", "--password", PortalServer.Password);

        Assert.Equal(1, code);
        Assert.Contains($"UserName: The user name '{name}' is already taken.", error);
    }

    [Fact]
    public async Task An_unknown_role_exits_1_and_creates_nothing()
    {
        var name = NewName("vol");

        var (code, _, error) = await RunAsync(Create(name, PortalServer.Password, "--role", "Wizard"));

        Assert.Equal(1, code);
        Assert.Contains("Roles: Unknown role 'Wizard'.", error);
        Assert.DoesNotContain(name, (await RunAsync("user", "list")).Output);
    }

    [Fact]
    public async Task Disable_and_enable_change_whether_the_user_may_sign_in()
    {
        var name = NewName("vol");
        await RunAsync(Create(name, PortalServer.Password));

        var disabled = await RunAsync("user", "disable", name);
        var listed = (await RunAsync("user", "list")).Output;
        var enabled = await RunAsync("user", "enable", name);
        var unknown = await RunAsync("user", "disable", NewName("nobody"));

        Assert.Equal((0, $"User '{name}' is disabled.\n", ""), (disabled.Code, disabled.Output.ReplaceLineEndings("\n"), disabled.Error));
        Assert.Contains($"{name}\t{name}@example.test\t\tdisabled", listed);
        Assert.Equal(0, enabled.Code);
        Assert.DoesNotContain($"{name}\t{name}@example.test\t\tdisabled", (await RunAsync("user", "list")).Output);
        Assert.Equal(1, unknown.Code);
        Assert.Contains("There is no user named", unknown.Error);
    }

    [Theory]
    [InlineData("user", "disable")]
    [InlineData("user", "create", "--name", "a", "--email", "a@example.test")]
    [InlineData("user", "create", "--name", "a", "--email", "a@example.test", "--password")]
    [InlineData("user", "create", "--name", "a", "--name", "b", "--email", "a@example.test", "--password", "Wish-2026-ok")]
    [InlineData("user", "create", "--nmae", "a", "--email", "a@example.test", "--password", "Wish-2026-ok")]
    [InlineData("user", "list", "--all")]
    public async Task Bad_usage_exits_2_with_the_usage(params string[] args)
    {
        var (code, output, error) = await RunAsync(args);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains("Usage: user ", error);
    }
}
