using System.Net;
using System.Text.RegularExpressions;
using Portal.Testing;
using Portal.Users.Services;
using static Portal.Users.Tests.AdminForms;

namespace Portal.Users.Tests;

/// <summary>/admin/users over real HTTP, signed in as the site's administrator.</summary>
public class UsersAdminTests(SetUpPortalServer server) : IClassFixture<SetUpPortalServer>
{
    private static Dictionary<string, string> NewUserForm(string name, string? email = null, string password = PortalServer.Password, params string[] roles)
    {
        var form = new Dictionary<string, string> { ["UserName"] = name, ["Email"] = email ?? $"{name}@example.test", ["Password"] = password };
        for (var i = 0; i < roles.Length; i++) form[$"RoleNames[{i}]"] = roles[i];
        return form;
    }

    [Fact]
    public async Task The_list_searches_names_and_emails_and_pages_twenty_at_a_time_in_Chinese_and_English()
    {
        var prefix = NewName("pg");
        for (var i = 0; i < 23; i++) await server.CreateUserAsync($"{prefix}{i:00}", PortalServer.Password);
        using var admin = await server.AdminClientAsync();

        var first = await admin.GetStringAsync($"/admin/users?q={prefix}");
        var second = await admin.GetStringAsync($"/admin/users?q={prefix}&page=2");
        var byEmail = await admin.GetStringAsync($"/admin/users?q={prefix}05@EXAMPLE");
        var english = await admin.GetStringAsync($"/admin/users?q={prefix}&culture=en");

        Assert.Contains("23 位用户", first);
        Assert.Equal(20, Regex.Matches(first, $">{prefix}\\d\\d</a>").Count);
        Assert.Contains("第 1 页，共 2 页", first);
        Assert.Equal(3, Regex.Matches(second, $">{prefix}\\d\\d</a>").Count);
        Assert.Contains($">{prefix}22</a>", second);
        Assert.Contains("1 位用户", byEmail);
        Assert.Contains($">{prefix}05</a>", byEmail);
        Assert.Contains("可登录", first);
        Assert.Contains("23 users", english);
        Assert.Contains("<label for=\"q\">User name or email contains</label>", english);
    }

    [Fact]
    public async Task Creating_a_user_stores_the_email_and_roles_and_the_user_can_sign_in_with_the_role_s_rights()
    {
        var role = NewName("Desk");
        await server.CreateRoleAsync(role, "AccessAdmin");
        var name = NewName("li");
        using var admin = await server.AdminClientAsync();

        var location = await SavedAsync(admin, "/admin/users/create", NewUserForm(name, roles: role));
        var list = await admin.GetStringAsync(location);

        Assert.Equal("/admin/users", location);
        Assert.Contains($"已创建用户“{name}”。", list);
        var stored = await UserAsync(server, name);
        Assert.Equal($"{name}@example.test", stored!.User.Email);
        Assert.Equal([role], stored.Roles);
        using var client = server.NewClient();
        await server.SignInAsync(client, name, PortalServer.Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task A_duplicate_name_a_bad_email_and_a_weak_password_are_shown_next_to_their_fields_and_nothing_is_created()
    {
        var taken = NewName("taken");
        await server.CreateUserAsync(taken, PortalServer.Password);
        var fresh = NewName("fresh");
        using var admin = await server.AdminClientAsync();

        var duplicate = await RefusedAsync(admin, "/admin/users/create", NewUserForm(taken, email: $"{fresh}@example.test"));
        var bad = await RefusedAsync(admin, "/admin/users/create", NewUserForm(fresh, email: "not-an-email", password: "short"));

        Assert.Equal($"用户名“{taken}”已被使用。", FieldError(duplicate, "UserName"));
        Assert.Equal("“not-an-email”不是有效的邮箱地址。", FieldError(bad, "Email"));
        Assert.Equal("密码至少需要 8 个字符。 密码必须包含数字（0-9）。 密码必须包含大写字母（A-Z）。", FieldError(bad, "Password"));
        Assert.Contains("aria-describedby=\"Password-hint Password-error\"", bad);
        Assert.Contains("value=\"not-an-email\"", bad);
        Assert.Null(await UserAsync(server, fresh));
        Assert.Equal($"{taken}@example.test", (await UserAsync(server, taken))!.User.Email);
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused_and_creates_nothing()
    {
        var name = NewName("csrf");
        using var admin = await server.AdminClientAsync();

        var response = await admin.PostAsync("/admin/users/create", new FormUrlEncodedContent(NewUserForm(name)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await UserAsync(server, name));
    }

    [Fact]
    public async Task Editing_changes_the_email_and_roles_and_the_new_roles_apply_at_once()
    {
        var editors = NewName("Editors");
        await server.CreateRoleAsync(editors, "AccessAdmin");
        var name = NewName("wang");
        var id = await server.CreateUserAsync(name, PortalServer.Password, "Volunteer");
        using var wang = server.NewClient();
        await server.SignInAsync(wang, name, PortalServer.Password);
        var before = await wang.GetAsync("/admin");
        using var admin = await server.AdminClientAsync();

        await SavedAsync(admin, $"/admin/users/{id}/edit", new() { ["Email"] = $"{name}@new.example", ["RoleNames[0]"] = editors });

        var stored = await UserAsync(server, name);
        Assert.Equal($"{name}@new.example", stored!.User.Email);
        Assert.Equal([editors], stored.Roles);
        Assert.Equal(HttpStatusCode.Redirect, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await wang.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task A_bad_or_taken_email_on_edit_is_shown_next_to_the_field_and_changes_nothing()
    {
        var other = NewName("other");
        await server.CreateUserAsync(other, PortalServer.Password);
        var name = NewName("zhao");
        var id = await server.CreateUserAsync(name, PortalServer.Password, "Volunteer");
        using var admin = await server.AdminClientAsync();

        var bad = await RefusedAsync(admin, $"/admin/users/{id}/edit", new() { ["Email"] = "zhao@", ["RoleNames[0]"] = "Volunteer" });
        var taken = await RefusedAsync(admin, $"/admin/users/{id}/edit", new() { ["Email"] = $"{other}@example.test", ["RoleNames[0]"] = "Volunteer" });
        var unknownRole = await RefusedAsync(admin, $"/admin/users/{id}/edit", new() { ["Email"] = $"{name}@example.test", ["RoleNames[0]"] = "NoSuchRole" });

        Assert.Equal("“zhao@”不是有效的邮箱地址。", FieldError(bad, "Email"));
        Assert.Equal($"邮箱“{other}@example.test”已被其他用户使用。", FieldError(taken, "Email"));
        Assert.Equal("角色“NoSuchRole”不存在。", FieldError(unknownRole, "Roles"));
        var stored = await UserAsync(server, name);
        Assert.Equal($"{name}@example.test", stored!.User.Email);
        Assert.Equal(["Volunteer"], stored.Roles);
    }

    [Fact]
    public async Task The_administrator_cannot_take_roles_from_lock_or_delete_their_own_account()
    {
        var adminId = (await UserAsync(server, SetUpPortalServer.AdminUserName))!.User.Id;
        using var admin = await server.AdminClientAsync();

        var demote = await RefusedAsync(admin, $"/admin/users/{adminId}/edit", new() { ["Email"] = "admin@example.test" });
        var lockSelf = await RefusedAsync(admin, $"/admin/users/{adminId}/lock", [], formPage: $"/admin/users/{adminId}/edit");
        var deleteSelf = await RefusedAsync(admin, $"/admin/users/{adminId}/delete", []);
        var editPage = await admin.GetStringAsync($"/admin/users/{adminId}/edit");

        Assert.Equal("不能移除自己账户的角色，请联系其他管理员。", FieldError(demote, "Roles"));
        Assert.Contains("不能锁定自己的账户。", Summary(lockSelf));
        Assert.Contains("不能删除自己的账户。", Summary(deleteSelf));
        Assert.Contains("这是您自己的账户", editPage);
        Assert.DoesNotContain($"/admin/users/{adminId}/lock", editPage);
        var stored = await UserAsync(server, SetUpPortalServer.AdminUserName);
        Assert.Equal(["Administrator"], stored!.Roles);
        Assert.Equal(UserStatus.Active, stored.Status);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/users")).StatusCode);
    }

    [Fact]
    public async Task Locking_takes_every_right_at_once_and_refuses_sign_in_until_unlocked()
    {
        var name = NewName("lock");
        var id = await server.CreateUserAsync(name, PortalServer.Password, "Administrator");
        using var locked = server.NewClient();
        await server.SignInAsync(locked, name, PortalServer.Password);
        using var admin = await server.AdminClientAsync();

        await SavedAsync(admin, $"/admin/users/{id}/lock", [], formPage: $"/admin/users/{id}/edit");
        var afterLock = await locked.GetAsync("/admin/users");
        var signInWhileLocked = await CanSignInAsync(server, name, PortalServer.Password);
        var list = await admin.GetStringAsync($"/admin/users?q={name}");
        await SavedAsync(admin, $"/admin/users/{id}/unlock", [], formPage: $"/admin/users/{id}/edit");

        Assert.Equal(HttpStatusCode.Redirect, afterLock.StatusCode);
        Assert.False(signInWhileLocked);
        Assert.Contains("已锁定", list);
        Assert.True(await CanSignInAsync(server, name, PortalServer.Password));
        Assert.Equal(UserStatus.Active, (await UserAsync(server, name))!.Status);
    }

    [Fact]
    public async Task Unlocking_lifts_the_lockout_after_five_failed_sign_ins()
    {
        var name = NewName("typo");
        var id = await server.CreateUserAsync(name, PortalServer.Password, "Volunteer");
        for (var i = 0; i < 5; i++) Assert.False(await CanSignInAsync(server, name, "Wrong-2026-pw"));
        using var admin = await server.AdminClientAsync();

        var lockedOut = await CanSignInAsync(server, name, PortalServer.Password);
        var editPage = await admin.GetStringAsync($"/admin/users/{id}/edit");
        await SavedAsync(admin, $"/admin/users/{id}/unlock", [], formPage: $"/admin/users/{id}/edit");

        Assert.False(lockedOut);
        Assert.Contains("登录失败次数过多，暂时锁定至", editPage);
        Assert.True(await CanSignInAsync(server, name, PortalServer.Password));
    }

    [Fact]
    public async Task A_new_password_must_meet_the_policy_and_then_replaces_the_old_one()
    {
        var name = NewName("pw");
        var id = await server.CreateUserAsync(name, PortalServer.Password, "Volunteer");
        using var admin = await server.AdminClientAsync();

        var weak = await RefusedAsync(admin, $"/admin/users/{id}/password", new() { ["Password"] = "alllowercase" }, formPage: $"/admin/users/{id}/edit");
        var empty = await RefusedAsync(admin, $"/admin/users/{id}/password", new() { ["Password"] = "" }, formPage: $"/admin/users/{id}/edit");
        var stillOld = await CanSignInAsync(server, name, PortalServer.Password);
        await SavedAsync(admin, $"/admin/users/{id}/password", new() { ["Password"] = "New-Wish-2027" }, formPage: $"/admin/users/{id}/edit");

        Assert.Equal("密码必须包含数字（0-9）。 密码必须包含大写字母（A-Z）。", FieldError(weak, "Password"));
        Assert.Equal("请输入密码。", FieldError(empty, "Password"));
        Assert.True(stillOld);
        Assert.False(await CanSignInAsync(server, name, PortalServer.Password));
        Assert.True(await CanSignInAsync(server, name, "New-Wish-2027"));
    }

    [Fact]
    public async Task Deleting_asks_for_confirmation_first_and_then_removes_the_user()
    {
        var name = NewName("gone");
        var id = await server.CreateUserAsync(name, PortalServer.Password, "Volunteer");
        using var admin = await server.AdminClientAsync();

        var confirmation = await admin.GetStringAsync($"/admin/users/{id}/delete");
        var stillThere = await UserAsync(server, name);
        var location = await SavedAsync(admin, $"/admin/users/{id}/delete", []);

        Assert.Contains($"删除用户 {name}？", confirmation);
        Assert.Contains($"action=\"/admin/users/{id}/delete\"", confirmation);
        Assert.NotNull(stillThere);
        Assert.Equal("/admin/users", location);
        Assert.Null(await UserAsync(server, name));
        Assert.False(await CanSignInAsync(server, name, PortalServer.Password));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/admin/users/{id}/edit")).StatusCode);
    }

    [Fact]
    public async Task A_user_manager_who_is_not_an_administrator_can_neither_give_roles_beyond_their_rights_nor_touch_an_administrator()
    {
        var managers = NewName("Managers");
        await server.CreateRoleAsync(managers, "AccessAdmin", "ManageUsers");
        var staff = NewName("Staff");
        await server.CreateRoleAsync(staff, "AccessAdmin", "ViewPersonalData");
        using var manager = await server.NewSignedInClientAsync(NewName("mgr"), managers);
        var target = NewName("vol");
        var targetId = await server.CreateUserAsync(target, PortalServer.Password, "Volunteer");
        var otherAdmin = NewName("boss");
        var otherAdminId = await server.CreateUserAsync(otherAdmin, PortalServer.Password, "Administrator");

        var promote = await RefusedAsync(manager, $"/admin/users/{targetId}/edit", new() { ["Email"] = $"{target}@example.test", ["RoleNames[0]"] = "Administrator" });
        var staffRole = await RefusedAsync(manager, "/admin/users/create", NewUserForm(NewName("new"), roles: staff));
        var resetAdmin = await RefusedAsync(manager, $"/admin/users/{otherAdminId}/password", new() { ["Password"] = "Taken-Over-2027" }, formPage: "/admin/users");
        var deleteAdmin = await RefusedAsync(manager, $"/admin/users/{otherAdminId}/delete", []);
        await SavedAsync(manager, $"/admin/users/{targetId}/edit", new() { ["Email"] = $"{target}@changed.example", ["RoleNames[0]"] = managers });

        Assert.Equal("您不能授予角色“Administrator”：它包含您自己没有的权限。", FieldError(promote, "Roles"));
        Assert.Equal($"您不能授予角色“{staff}”：它包含您自己没有的权限。", FieldError(staffRole, "Roles"));
        Assert.Contains($"“{otherAdmin}”拥有您自己没有的权限，请联系管理员。", Summary(resetAdmin));
        Assert.Contains($"“{otherAdmin}”拥有您自己没有的权限", Summary(deleteAdmin));
        Assert.True(await CanSignInAsync(server, otherAdmin, PortalServer.Password));
        Assert.Equal([managers], (await UserAsync(server, target))!.Roles);
    }

    [Fact]
    public async Task The_menu_shows_users_and_roles_only_to_those_who_may_manage_them()
    {
        var desk = NewName("Desk");
        await server.CreateRoleAsync(desk, "AccessAdmin");
        using var editor = await server.NewSignedInClientAsync(NewName("ed"), desk);
        using var admin = await server.AdminClientAsync();

        var adminMenu = await admin.GetStringAsync("/admin");
        var editorMenu = await editor.GetStringAsync("/admin");

        Assert.Contains("<a href=\"/admin/users\">用户</a>", adminMenu);
        Assert.Contains("<a href=\"/admin/roles\">角色</a>", adminMenu);
        Assert.DoesNotContain("/admin/users", editorMenu);
        Assert.Equal("/access-denied", (await editor.GetAsync("/admin/users")).Headers.Location!.AbsolutePath);
    }
}
