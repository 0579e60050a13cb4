using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Core.Security;
using Portal.Users.Models;
using Portal.Users.Services;

namespace Portal.Users.Controllers;

public sealed record UserListModel(UserPage Users, string? Query);
public sealed record UserCreateModel(string UserName, string Email, IReadOnlyList<string> Roles, IReadOnlyList<RoleSummary> AllRoles, FormErrors Errors);
public sealed record UserEditModel(UserRow User, string Email, IReadOnlyList<string> Roles, IReadOnlyList<RoleSummary> AllRoles, bool IsSelf, FormErrors Errors);
public sealed record UserDeleteModel(UserRow User, bool IsSelf, FormErrors Errors);

/// <summary>
/// Users admin: list with search and paging, create, edit email and roles, lock and unlock, set a password, delete
/// after a confirmation page. The rules that refuse a change live in <see cref="UserService"/>; a refusal shows the form
/// again with the message (400) and changes nothing.
/// </summary>
[Area("Portal.Users")]
[Authorize(Policy = PermissionPolicy.Prefix + "AccessAdmin")]
[Authorize(Policy = PermissionPolicy.Prefix + "ManageUsers")]
[Route("admin/users")]
public sealed class UsersAdminController(
    UserService users, RoleService roles, UserManager<PortalUser> userManager, SignInManager<PortalUser> signIn,
    IStringLocalizer<UsersAdminController> T) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, int page = 1) => View(new UserListModel(await users.SearchAsync(q, page), q));

    [HttpGet("create")]
    public async Task<IActionResult> Create() => View(new UserCreateModel("", "", [], await roles.SummariesAsync(), new FormErrors()));

    [HttpPost("create")]
    public async Task<IActionResult> Create(string? userName, string? email, string? password, string[]? roleNames)
    {
        var input = new NewUser(userName?.Trim() ?? "", email?.Trim() ?? "", password ?? "", roleNames ?? []);
        var (created, errors) = await users.CreateAsync(input);
        if (created is null)
            return this.Refused(View(new UserCreateModel(input.UserName, input.Email, input.Roles, await roles.SummariesAsync(), new FormErrors(errors))));
        TempData["Notice"] = T["The user '{0}' was created.", created.UserName!].Value;
        return Redirect("/admin/users");
    }

    [HttpGet("{id}/edit")]
    public async Task<IActionResult> Edit(string id) =>
        await users.FindAsync(id) is { } row ? View(await EditModelAsync(row, null, null, [])) : NotFound();

    [HttpPost("{id}/edit")]
    public async Task<IActionResult> Edit(string id, string? email, string[]? roleNames)
    {
        if (await users.FindAsync(id) is not { } row) return NotFound();
        var errors = await users.UpdateAsync(row.User, email?.Trim() ?? "", roleNames ?? []);
        if (errors.Count > 0) return this.Refused(View(await EditModelAsync(await users.FindAsync(id) ?? row, email, roleNames ?? [], errors)));
        TempData["Notice"] = T["The user '{0}' was saved.", row.User.UserName!].Value;
        return Redirect($"/admin/users/{id}/edit");
    }

    [HttpPost("{id}/lock")]
    public Task<IActionResult> Lock(string id) => SetEnabledAsync(id, enabled: false);

    [HttpPost("{id}/unlock")]
    public Task<IActionResult> Unlock(string id) => SetEnabledAsync(id, enabled: true);

    [HttpPost("{id}/password")]
    public async Task<IActionResult> Password(string id, string? password)
    {
        if (await users.FindAsync(id) is not { } row) return NotFound();
        var errors = string.IsNullOrEmpty(password)
            ? [new FieldError("Password", T["Enter a password."])]
            : await users.SetPasswordAsync(row.User, password);
        if (errors.Count > 0) return this.Refused(View("Edit", await EditModelAsync(row, null, null, errors)));
        // A new password ends the user's sessions; one's own continues on this browser.
        if (row.User.Id == userManager.GetUserId(User)) await signIn.RefreshSignInAsync(row.User);
        TempData["Notice"] = T["The password of '{0}' was changed; their other sessions end within a minute.", row.User.UserName!].Value;
        return Redirect($"/admin/users/{id}/edit");
    }

    [HttpGet("{id}/delete")]
    public async Task<IActionResult> Delete(string id) =>
        await users.FindAsync(id) is { } row ? View(new UserDeleteModel(row, IsSelf(row), new FormErrors())) : NotFound();

    [HttpPost("{id}/delete")]
    [ActionName("Delete")]
    public async Task<IActionResult> DeleteConfirmed(string id)
    {
        if (await users.FindAsync(id) is not { } row) return NotFound();
        var errors = await users.DeleteAsync(row.User);
        if (errors.Count > 0) return this.Refused(View("Delete", new UserDeleteModel(row, IsSelf(row), new FormErrors(errors))));
        TempData["Notice"] = T["The user '{0}' was deleted.", row.User.UserName!].Value;
        return Redirect("/admin/users");
    }

    private async Task<IActionResult> SetEnabledAsync(string id, bool enabled)
    {
        if (await users.FindAsync(id) is not { } row) return NotFound();
        var errors = await users.SetEnabledAsync(row.User, enabled);
        if (errors.Count > 0) return this.Refused(View("Edit", await EditModelAsync(row, null, null, errors)));
        TempData["Notice"] = (enabled
            ? T["'{0}' is unlocked and may sign in again.", row.User.UserName!]
            : T["'{0}' is locked: they cannot sign in, and their sessions end within a minute.", row.User.UserName!]).Value;
        return Redirect($"/admin/users/{id}/edit");
    }

    private async Task<UserEditModel> EditModelAsync(UserRow row, string? email, IReadOnlyList<string>? roleNames, IReadOnlyList<FieldError> errors) =>
        new(row, email ?? row.User.Email ?? "", roleNames ?? row.Roles, await roles.SummariesAsync(), IsSelf(row), new FormErrors(errors));

    private bool IsSelf(UserRow row) => row.User.Id == userManager.GetUserId(User);
}
