using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Localization;
using Portal.Core.Recipes;
using Portal.Testing;
using Portal.Users.Services;
using static Portal.Users.Tests.AdminForms;

namespace Portal.Users.Tests;

/// <summary>/admin/roles over real HTTP, signed in as the site's administrator.</summary>
public class RolesAdminTests(SetUpPortalServer server) : IClassFixture<SetUpPortalServer>
{
    private static Dictionary<string, string> RoleForm(string? name, string description, params string[] permissions)
    {
        var form = new Dictionary<string, string> { ["Description"] = description };
        if (name is not null) form["Name"] = name;
        for (var i = 0; i < permissions.Length; i++) form[$"Permissions[{i}]"] = permissions[i];
        return form;
    }

    [Fact]
    public async Task A_role_created_and_edited_here_grants_exactly_the_ticked_permissions_to_its_users_at_once()
    {
        var name = NewName("Desk");
        using var admin = await server.AdminClientAsync();

        var location = await SavedAsync(admin, "/admin/roles/create", RoleForm(name, "编辑部", "AccessAdmin"));
        var list = await admin.GetStringAsync(location);
        using var member = await server.NewSignedInClientAsync(NewName("desk"), name);
        var before = await member.GetAsync("/admin/content");
        var id = (await RoleAsync(server, name))!.Id;
        await SavedAsync(admin, $"/admin/roles/{id}/edit", RoleForm(null, "编辑部（可编辑内容）", "AccessAdmin", "EditContent"), formPage: "/admin/roles");
        var after = await member.GetAsync("/admin/content");
        var listAfter = await admin.GetStringAsync("/admin/roles");

        Assert.Equal("/admin/roles", location);
        Assert.Contains($"已创建角色“{name}”。", list);
        Assert.Matches($">{name}</a></th>\\s*<td>编辑部</td>\\s*<td class=\"number\">0</td>\\s*<td class=\"number\">1</td>", list);
        Assert.Equal("/access-denied", before.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Matches($">{name}</a></th>\\s*<td>编辑部（可编辑内容）</td>\\s*<td class=\"number\">1</td>\\s*<td class=\"number\">2</td>", listAfter);
        Assert.Equal(["AccessAdmin", "EditContent"], (await RoleAsync(server, name))!.Permissions);
    }

    [Fact]
    public async Task An_empty_or_taken_name_an_unknown_permission_and_a_long_description_are_refused_next_to_their_fields()
    {
        var taken = NewName("Taken");
        await server.CreateRoleAsync(taken, "AccessAdmin");
        var fresh = NewName("Fresh");
        using var admin = await server.AdminClientAsync();

        var empty = await RefusedAsync(admin, "/admin/roles/create", RoleForm("  ", ""));
        var duplicate = await RefusedAsync(admin, "/admin/roles/create", RoleForm(taken.ToUpperInvariant(), ""));
        var administrator = await RefusedAsync(admin, "/admin/roles/create", RoleForm("administrator", ""));
        var unknown = await RefusedAsync(admin, "/admin/roles/create", RoleForm(fresh, new string('长', 501), "FlyToTheMoon"));

        Assert.Equal("请输入角色名称。", FieldError(empty, "Name"));
        Assert.Equal($"角色“{taken.ToUpperInvariant()}”已存在。", FieldError(duplicate, "Name"));
        Assert.Equal("角色“administrator”已存在。", FieldError(administrator, "Name"));
        Assert.Equal("权限“FlyToTheMoon”不存在。", FieldError(unknown, "Permissions"));
        Assert.Equal("说明最多 500 个字符。", FieldError(unknown, "Description"));
        Assert.Null(await RoleAsync(server, fresh));
        Assert.Null(await RoleAsync(server, taken.ToUpperInvariant()));
    }

    [Fact]
    public async Task The_form_groups_permissions_by_the_module_that_declares_them_with_their_descriptions_in_both_languages()
    {
        var role = NewName("Staff");
        await server.CreateRoleAsync(role, "ReviewWishes");
        var id = (await RoleAsync(server, role))!.Id;
        using var admin = await server.AdminClientAsync();

        var chinese = await admin.GetStringAsync($"/admin/roles/{id}/edit");
        var english = await admin.GetStringAsync($"/admin/roles/{id}/edit?culture=en");

        var legends = Regex.Matches(chinese, "<legend>([^<]+)</legend>").Select(m => m.Groups[1].Value).ToList();
        // One group per module, in the host's module order (by dependencies), so only the first is fixed.
        Assert.Equal("核心", legends[0]);
        Assert.Equal(["GraphQL 接口", "内容", "媒体", "心愿", "搜索", "核心", "流程", "用户与角色"], legends.Order(StringComparer.Ordinal));
        Assert.Matches("<input type=\"checkbox\" name=\"Permissions\" value=\"ReviewWishes\" checked=\"checked\">\\s*<span>审核、发布和关闭心愿 <code class=\"muted\">ReviewWishes</code>", chinese);
        Assert.Matches("value=\"EditContent\">\\s*<span>创建和编辑内容条目", chinese);
        Assert.Contains("<legend>Wishes module</legend>", english);
        Assert.Contains("Review, publish and close wishes", english);
    }

    [Fact]
    public async Task Every_declared_permission_and_permission_group_has_a_Chinese_text()
    {
        await using var scope = server.Services.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<PermissionCatalog>();
        var po = scope.ServiceProvider.GetRequiredService<PoCatalog>();
        var chinese = CultureInfo.GetCultureInfo("zh-CN");

        var untranslated = catalog.All.Select(p => p.Description)
            .Concat(catalog.Groups.Select(g => g.Module.Replace("Portal.", "").Replace("Theme.", "") + " module"))
            .Where(text => po.Translate(chinese, text) is null).ToList();

        Assert.True(catalog.All.Count >= 17, $"Only {catalog.All.Count} permissions were found.");
        Assert.Empty(untranslated);
    }

    [Fact]
    public async Task The_Administrator_role_keeps_every_permission_and_only_its_description_changes()
    {
        var administrator = (await RoleAsync(server, "Administrator"))!;
        using var admin = await server.AdminClientAsync();

        var page = await admin.GetStringAsync($"/admin/roles/{administrator.Id}/edit");
        await SavedAsync(admin, $"/admin/roles/{administrator.Id}/edit", RoleForm(null, "运营", "AccessAdmin"), formPage: "/admin/roles");

        Assert.Contains("管理员角色拥有全部权限", page);
        Assert.DoesNotContain("name=\"Permissions\"", page);
        var after = (await RoleAsync(server, "Administrator"))!;
        Assert.Equal("运营", after.Description);
        Assert.Equal(administrator.Permissions, after.Permissions);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/roles")).StatusCode);
    }

    [Fact]
    public async Task Deleting_refuses_the_Administrator_role_and_a_held_role_until_its_loss_is_confirmed()
    {
        var held = NewName("Held");
        await server.CreateRoleAsync(held, "AccessAdmin");
        var member = NewName("mem");
        await server.CreateUserAsync(member, PortalServer.Password, held);
        var heldId = (await RoleAsync(server, held))!.Id;
        var administratorId = (await RoleAsync(server, "Administrator"))!.Id;
        using var memberClient = server.NewClient();
        await server.SignInAsync(memberClient, member, PortalServer.Password);
        using var admin = await server.AdminClientAsync();

        var administrator = await RefusedAsync(admin, $"/admin/roles/{administratorId}/delete", [], formPage: "/admin/roles");
        var confirmation = await admin.GetStringAsync($"/admin/roles/{heldId}/delete");
        var unconfirmed = await RefusedAsync(admin, $"/admin/roles/{heldId}/delete", []);
        var stillHeld = await RoleAsync(server, held);
        var stillAllowed = await memberClient.GetAsync("/admin");
        await SavedAsync(admin, $"/admin/roles/{heldId}/delete", new() { ["ConfirmMembers"] = "true" });

        Assert.Contains("管理员角色不能删除。", Summary(administrator));
        Assert.Contains("1 位用户拥有此角色，删除后将失去其权限。我已了解。", confirmation);
        Assert.Equal("1 位用户拥有此角色。请确认他们将失去此角色的权限。", FieldError(unconfirmed, "ConfirmMembers"));
        Assert.NotNull(stillHeld);
        Assert.Equal(HttpStatusCode.OK, stillAllowed.StatusCode);
        Assert.Null(await RoleAsync(server, held));
        Assert.NotNull(await RoleAsync(server, "Administrator"));
        Assert.Empty((await UserAsync(server, member))!.Roles);
        Assert.Equal(HttpStatusCode.Redirect, (await memberClient.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task A_role_manager_grants_only_what_they_hold_and_cannot_delete_their_own_role()
    {
        var managers = NewName("RoleManagers");
        await server.CreateRoleAsync(managers, "AccessAdmin", "ManageRoles", "EditContent");
        using var manager = await server.NewSignedInClientAsync(NewName("rm"), managers);
        var target = NewName("Target");

        var beyond = await RefusedAsync(manager, "/admin/roles/create", RoleForm(target, "", "EditContent", "ManageUsers"));
        var raiseOwn = await RefusedAsync(manager, $"/admin/roles/{(await RoleAsync(server, managers))!.Id}/edit",
            RoleForm(null, "", "AccessAdmin", "ManageRoles", "EditContent", "ViewPersonalData"), formPage: "/admin/roles");
        var deleteOwn = await RefusedAsync(manager, $"/admin/roles/{(await RoleAsync(server, managers))!.Id}/delete", new() { ["ConfirmMembers"] = "true" });
        await SavedAsync(manager, "/admin/roles/create", RoleForm(target, "", "EditContent"));

        Assert.Equal("您不能授予“创建、编辑和停用用户”：您自己没有这项权限。", FieldError(beyond, "Permissions"));
        Assert.Equal("您不能授予“查看和编辑敏感字段中的个人信息（记录日志）”：您自己没有这项权限。", FieldError(raiseOwn, "Permissions"));
        Assert.Contains($"您自己拥有角色“{managers}”，请由其他管理员删除。", Summary(deleteOwn));
        Assert.Equal(["AccessAdmin", "EditContent", "ManageRoles"], (await RoleAsync(server, managers))!.Permissions);
        Assert.Equal(["EditContent"], (await RoleAsync(server, target))!.Permissions);
    }

    [Fact]
    public async Task Roles_made_in_the_admin_survive_a_recipe_export_and_import_into_another_site()
    {
        var name = NewName("Reviewers");
        using var admin = await server.AdminClientAsync();
        await SavedAsync(admin, "/admin/roles/create", RoleForm(name, "审核员", "AccessAdmin", "ReviewWishes"));
        await SavedAsync(admin, $"/admin/roles/{(await RoleAsync(server, name))!.Id}/edit", RoleForm(null, "心愿审核员", "AccessAdmin", "ReviewWishes", "ConfirmClaims"), formPage: "/admin/roles");
        var file = Path.Combine(Path.GetTempPath(), $"roles-{Guid.NewGuid():N}.recipe.json");
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var recipe = await scope.ServiceProvider.GetRequiredService<RecipeExporter>()
                .ExportAsync(new RecipeExportRequest([], IncludeDefinitions: false, IncludeRoles: true, IncludeSettings: false));
            await File.WriteAllTextAsync(file, recipe.ToJsonString());
        }

        await using var other = await PortalTestHost.StartAsync(Portal.Core.Data.DatabaseProvider.Sqlite);
        var result = await other.InScopeAsync(async sp => await sp.GetRequiredService<IRecipeExecutor>()
            .ExecuteAsync(await sp.GetRequiredService<IRecipeCatalog>().LoadAsync(file)));
        var imported = await other.InScopeAsync(sp => sp.GetRequiredService<RoleService>().ListAsync());
        File.Delete(file);

        Assert.True(result.Succeeded, result.Failure?.ToString());
        var role = imported.Single(r => r.Name == name);
        Assert.Equal("心愿审核员", role.Description);
        Assert.Equal(["AccessAdmin", "ConfirmClaims", "ReviewWishes"], role.Permissions);
    }
}
