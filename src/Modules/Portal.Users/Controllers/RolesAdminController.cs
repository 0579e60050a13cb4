using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Core.Security;
using Portal.Users.Services;

namespace Portal.Users.Controllers;

/// <summary>The create and edit form: <see cref="Role"/> is null while creating.</summary>
public sealed record RoleFormModel(RoleSummary? Role, string Name, string Description, IReadOnlyList<string> Permissions, IReadOnlyList<PermissionGroup> Groups, FormErrors Errors);
public sealed record RoleDeleteModel(RoleSummary Role, FormErrors Errors);

/// <summary>Roles admin: list with member counts, create, grant permissions grouped by module, delete after a confirmation page.</summary>
[Area("Portal.Users")]
[Authorize(Policy = PermissionPolicy.Prefix + "AccessAdmin")]
[Authorize(Policy = PermissionPolicy.Prefix + "ManageRoles")]
[Route("admin/roles")]
public sealed class RolesAdminController(RoleService roles, PermissionCatalog catalog, IStringLocalizer<RolesAdminController> T) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index() => View(await roles.SummariesAsync());

    [HttpGet("create")]
    public IActionResult Create() => View("Edit", new RoleFormModel(null, "", "", [], catalog.Groups, new FormErrors()));

    [HttpPost("create")]
    public async Task<IActionResult> Create(string? name, string? description, string[]? permissions)
    {
        var (role, errors) = await roles.CreateAsync(name ?? "", description ?? "", permissions ?? []);
        if (role is null)
            return this.Refused(View("Edit", new RoleFormModel(null, name ?? "", description ?? "", permissions ?? [], catalog.Groups, new FormErrors(errors))));
        TempData["Notice"] = T["The role '{0}' was created.", role.Name].Value;
        return Redirect("/admin/roles");
    }

    [HttpGet("{id}/edit")]
    public async Task<IActionResult> Edit(string id) =>
        await roles.FindAsync(id) is { } role
            ? View(new RoleFormModel(role, role.Name, role.Description, role.Permissions, catalog.Groups, new FormErrors()))
            : NotFound();

    [HttpPost("{id}/edit")]
    public async Task<IActionResult> Edit(string id, string? description, string[]? permissions)
    {
        if (await roles.FindAsync(id) is not { } role) return NotFound();
        var errors = await roles.UpdateAsync(id, description ?? "", permissions ?? []);
        if (errors.Count > 0)
            return this.Refused(View(new RoleFormModel(role, role.Name, description ?? "", permissions ?? [], catalog.Groups, new FormErrors(errors))));
        TempData["Notice"] = T["The role '{0}' was saved. Its users have the new permissions at once.", role.Name].Value;
        return Redirect("/admin/roles");
    }

    [HttpGet("{id}/delete")]
    public async Task<IActionResult> Delete(string id) =>
        await roles.FindAsync(id) is { } role ? View(new RoleDeleteModel(role, new FormErrors())) : NotFound();

    [HttpPost("{id}/delete")]
    [ActionName("Delete")]
    public async Task<IActionResult> DeleteConfirmed(string id, bool confirmMembers)
    {
        if (await roles.FindAsync(id) is not { } role) return NotFound();
        var errors = await roles.DeleteAsync(id, confirmMembers);
        if (errors.Count > 0) return this.Refused(View("Delete", new RoleDeleteModel(role, new FormErrors(errors))));
        TempData["Notice"] = T["The role '{0}' was deleted.", role.Name].Value;
        return Redirect("/admin/roles");
    }
}
