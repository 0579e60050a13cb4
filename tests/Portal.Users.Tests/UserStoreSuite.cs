using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Security;
using Portal.Testing;
using Portal.Users.Models;
using Portal.Users.Services;

namespace Portal.Users.Tests;

public sealed class SqliteUsersHost() : UsersHost(DatabaseProvider.Sqlite);
public sealed class PostgresUsersHost() : UsersHost(DatabaseProvider.Postgres);

public abstract class UsersHost(DatabaseProvider provider) : IAsyncLifetime
{
    public PortalTestHost Host { get; private set; } = null!;
    public async Task InitializeAsync() => Host = await PortalTestHost.StartAsync(provider);
    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class SqliteUserStoreTests(SqliteUsersHost fixture) : UserStoreSuite(fixture.Host), IClassFixture<SqliteUsersHost>;
public sealed class PostgresUserStoreTests(PostgresUsersHost fixture) : UserStoreSuite(fixture.Host), IClassFixture<PostgresUsersHost>;

/// <summary>How users, roles and grants are stored, on each database.</summary>
public abstract class UserStoreSuite(PortalTestHost host)
{
    private static string NewName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    private Task<(PortalUser? User, IReadOnlyList<FieldError> Errors)> CreateAsync(string name, string password, params string[] roles) =>
        host.InScopeAsync(sp => sp.GetRequiredService<UserService>().CreateAsync(new NewUser(name, $"{name}@example.test", password, roles)));

    private Task<int> CountUsersAsync() =>
        host.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<PortalUser>().CountAsync());

    [Fact]
    public async Task The_password_is_stored_only_as_a_salted_hash()
    {
        var name = NewName("vol");
        var (user, errors) = await CreateAsync(name, PortalServer.Password);
        var second = await CreateAsync(NewName("vol"), PortalServer.Password);

        Assert.Empty(errors);
        var hashes = await host.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<PortalUser>()
            .Where(u => u.Id == user!.Id || u.Id == second.User!.Id).Select(u => u.PasswordHash!).ToListAsync());
        Assert.All(hashes, h => Assert.DoesNotContain(PortalServer.Password, h));
        Assert.All(hashes, h => Assert.True(h.Length > 40));
        Assert.NotEqual(hashes[0], hashes[1]);
    }

    [Fact]
    public async Task A_weak_password_is_refused_with_every_reason_and_nothing_is_stored()
    {
        var before = await CountUsersAsync();

        var (user, errors) = await CreateAsync(NewName("vol"), "short");

        Assert.Null(user);
        Assert.All(errors, e => Assert.Equal("Password", e.Field));
        Assert.Equal(3, errors.Count); // too short, no digit, no upper-case letter
        Assert.Equal(before, await CountUsersAsync());
    }

    [Fact]
    public async Task A_user_name_taken_in_another_letter_case_is_refused()
    {
        var name = NewName("vol");
        await CreateAsync(name, PortalServer.Password);
        var before = await CountUsersAsync();

        var (_, errors) = await CreateAsync(name.ToUpperInvariant(), PortalServer.Password);

        Assert.Contains(errors, e => e.Field == "UserName" && e.Message.Contains("already taken"));
        Assert.Equal(before, await CountUsersAsync());
    }

    [Fact]
    public async Task An_unknown_role_is_named_and_no_user_is_created()
    {
        var before = await CountUsersAsync();

        var (_, errors) = await CreateAsync(NewName("vol"), PortalServer.Password, "NoSuchRole");

        Assert.Equal([new FieldError("Roles", "Unknown role 'NoSuchRole'.")], errors);
        Assert.Equal(before, await CountUsersAsync());
    }

    [Fact]
    public async Task Failed_attempts_lock_the_account_for_fifteen_minutes()
    {
        var (user, _) = await CreateAsync(NewName("vol"), PortalServer.Password);

        var lockoutEnd = await host.InScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<PortalUser>>();
            var stored = (await users.FindByIdAsync(user!.Id))!;
            for (var i = 0; i < 5; i++) await users.AccessFailedAsync(stored);
            return (await users.FindByIdAsync(user.Id))!.LockoutEnd;
        });

        Assert.NotNull(lockoutEnd);
        Assert.InRange(lockoutEnd.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.1));
    }

    [Fact]
    public async Task Grants_come_from_the_roles_and_Administrator_holds_all()
    {
        var role = NewName("Editor");
        var errors = await host.InScopeAsync(sp => sp.GetRequiredService<RoleService>().SaveAsync(new RoleDefinition(role, "编辑", ["AccessAdmin", "EditContent"])));
        await host.InScopeAsync(sp => sp.GetRequiredService<RoleService>().SaveAsync(new RoleDefinition(PortalRole.Administrator, "", [])));
        var editor = (await CreateAsync(NewName("ed"), PortalServer.Password, role)).User!;
        var admin = (await CreateAsync(NewName("adm"), PortalServer.Password, PortalRole.Administrator)).User!;

        Assert.Empty(errors);
        Assert.True(await HasAsync(editor, "EditContent"));
        Assert.False(await HasAsync(editor, "ManageUsers"));
        Assert.True(await HasAsync(admin, "ManageUsers"));
        Assert.True(await HasAsync(admin, "AnythingAModuleDeclaresLater"));
    }

    private Task<bool> HasAsync(PortalUser user, string permission) =>
        host.InScopeAsync(sp => sp.GetRequiredService<IPermissionChecker>()
            .HasPermissionAsync(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id)], "test")), permission));
}
