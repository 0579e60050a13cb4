using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Security;
using Portal.Users.Models;

namespace Portal.Users.Services;

/// <summary>A role as recipes and the admin see it: name, description and the permissions granted.</summary>
public sealed record RoleDefinition(string Name, string Description, IReadOnlyList<string> Permissions);

/// <summary>A role in the admin's list: its id (for URLs), grants and how many users hold it.</summary>
public sealed record RoleSummary(string Id, string Name, string Description, IReadOnlyList<string> Permissions, int MemberCount)
{
    public bool IsAdministrator => string.Equals(Name, PortalRole.Administrator, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Roles and their permissions, stored as role claims of type <see cref="PermissionClaimType"/>. A signed-in user
/// (<see cref="ICurrentUser"/>) grants only permissions they hold themselves, so nobody raises their own rights.
/// </summary>
public sealed class RoleService(
    RoleManager<PortalRole> roles, PortalDbContext db, PermissionCatalog permissions, ICurrentUser current,
    IAuthorizationService authorization, IStringLocalizer<RoleService> T)
{
    public const string PermissionClaimType = "Permission";
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 500;

    /// <summary>What is wrong with <paramref name="role"/>, if anything: an empty name or permissions nobody declares.</summary>
    public IEnumerable<string> Validate(RoleDefinition role)
    {
        if (string.IsNullOrWhiteSpace(role.Name))
            yield return "A role needs a name.";
        foreach (var permission in role.Permissions.Where(p => !permissions.Exists(p)))
            yield return $"Role '{role.Name}' names the unknown permission '{permission}'.";
    }

    /// <summary>Creates the role or updates its description, and grants exactly the given permissions (recipes).</summary>
    public async Task<IReadOnlyList<string>> SaveAsync(RoleDefinition definition)
    {
        var errors = Validate(definition).ToList();
        if (errors.Count > 0) return errors;
        var role = await roles.FindByNameAsync(definition.Name);
        var result = role is null
            ? await roles.CreateAsync(role = new PortalRole { Name = definition.Name, Description = definition.Description })
            : await UpdateDescriptionAsync(role, definition.Description);
        if (!result.Succeeded) return result.Errors.Select(e => e.Description).ToList();
        await ReplaceGrantsAsync(role, definition.Permissions);
        return [];
    }

    public async Task<IReadOnlyList<RoleDefinition>> ListAsync() =>
        (await SummariesAsync()).Select(r => new RoleDefinition(r.Name, r.Description, r.Permissions)).ToList();

    public async Task<IReadOnlyList<RoleSummary>> SummariesAsync(string? id = null)
    {
        var query = db.Set<PortalRole>().AsNoTracking();
        if (id is not null) query = query.Where(r => r.Id == id);
        var all = await query.OrderBy(r => r.Name).ToListAsync();
        var ids = all.Select(r => r.Id).ToList();
        var grants = (await db.Set<IdentityRoleClaim<string>>().AsNoTracking()
                .Where(c => ids.Contains(c.RoleId) && c.ClaimType == PermissionClaimType).ToListAsync())
            .ToLookup(c => c.RoleId, c => c.ClaimValue!);
        var members = await db.Set<IdentityUserRole<string>>().Where(ur => ids.Contains(ur.RoleId))
            .GroupBy(ur => ur.RoleId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        return all.Select(r => new RoleSummary(r.Id, r.Name!, r.Description, grants[r.Id].Order(StringComparer.Ordinal).ToList(),
            members.GetValueOrDefault(r.Id))).ToList();
    }

    public async Task<RoleSummary?> FindAsync(string id) => (await SummariesAsync(id)).SingleOrDefault();

    public async Task<bool> ExistsAsync(string name) => await roles.RoleExistsAsync(name);

    /// <summary>What holding the role allows: every permission for the Administrator role, otherwise its grants.</summary>
    public async Task<IReadOnlyList<string>> PermissionsOfAsync(string roleName)
    {
        if (string.Equals(roleName, PortalRole.Administrator, StringComparison.OrdinalIgnoreCase))
            return permissions.All.Select(p => p.Name).ToList();
        var normalized = roles.NormalizeKey(roleName);
        return await (from c in db.Set<IdentityRoleClaim<string>>()
                      join r in db.Set<PortalRole>() on c.RoleId equals r.Id
                      where r.NormalizedName == normalized && c.ClaimType == PermissionClaimType
                      select c.ClaimValue!).ToListAsync();
    }

    /// <summary>The permissions the signed-in user lacks (none when nobody is signed in: setup, recipes, commands).</summary>
    public async Task<IReadOnlyList<string>> NotHeldAsync(IEnumerable<string> wanted)
    {
        if (current.Principal is not { } user) return [];
        var missing = new List<string>();
        foreach (var permission in wanted.Distinct(StringComparer.Ordinal))
        {
            if (!(await authorization.AuthorizeAsync(user, PermissionPolicy.For(permission))).Succeeded)
                missing.Add(permission);
        }
        return missing;
    }

    /// <summary>Ids of the enabled users in the Administrator role.</summary>
    public async Task<IReadOnlyList<string>> EnabledAdministratorIdsAsync()
    {
        var administrator = roles.NormalizeKey(PortalRole.Administrator);
        return await (from ur in db.Set<IdentityUserRole<string>>()
                      join r in db.Set<PortalRole>() on ur.RoleId equals r.Id
                      join u in db.Set<PortalUser>() on ur.UserId equals u.Id
                      where r.NormalizedName == administrator && u.IsEnabled
                      select u.Id).ToListAsync();
    }

    /// <summary>Creates a role with exactly <paramref name="granted"/>, or nothing when any input is wrong.</summary>
    public async Task<(RoleSummary? Role, IReadOnlyList<FieldError> Errors)> CreateAsync(string name, string description, IReadOnlyList<string> granted)
    {
        name = name.Trim();
        var errors = new List<FieldError>();
        if (name.Length == 0) errors.Add(new FieldError("Name", T["Enter a name for the role."]));
        else if (name.Length > MaxNameLength) errors.Add(new FieldError("Name", T["The name can be at most {0} characters long.", MaxNameLength]));
        else if (await roles.RoleExistsAsync(name)) errors.Add(new FieldError("Name", T["The role '{0}' already exists.", name]));
        errors.AddRange(await GrantErrorsAsync(description, granted));
        if (errors.Count > 0) return (null, errors);

        var role = new PortalRole { Name = name, Description = description.Trim() };
        var result = await db.InTransactionAsync(async () =>
        {
            var outcome = await roles.CreateAsync(role);
            if (outcome.Succeeded) await ReplaceGrantsAsync(role, granted);
            return outcome;
        }, commitWhen: r => r.Succeeded);
        if (!result.Succeeded) return (null, result.Errors.Select(e => new FieldError("Name", e.Description)).ToList());
        return (await FindAsync(role.Id), []);
    }

    /// <summary>
    /// Sets the description and exactly <paramref name="granted"/>. The Administrator role holds every permission
    /// whatever it is granted, so only its description changes.
    /// </summary>
    public async Task<IReadOnlyList<FieldError>> UpdateAsync(string id, string description, IReadOnlyList<string> granted)
    {
        var role = await roles.FindByIdAsync(id) ?? throw new InvalidOperationException($"No role '{id}'.");
        var administrator = string.Equals(role.Name, PortalRole.Administrator, StringComparison.OrdinalIgnoreCase);
        var held = await PermissionsOfAsync(role.Name!);
        var errors = await GrantErrorsAsync(description, administrator ? [] : granted.Except(held, StringComparer.Ordinal).ToList());
        if (errors.Count > 0) return errors;
        var result = await db.InTransactionAsync(async () =>
        {
            var outcome = await UpdateDescriptionAsync(role, description.Trim());
            if (outcome.Succeeded && !administrator) await ReplaceGrantsAsync(role, granted);
            return outcome;
        }, commitWhen: r => r.Succeeded);
        return result.Errors.Select(e => new FieldError("", e.Description)).ToList();
    }

    /// <summary>
    /// Deletes the role; its users lose its permissions. Refused for the Administrator role, for a role the acting user
    /// holds, and for a role still held unless <paramref name="membersConfirmed"/>.
    /// </summary>
    public async Task<IReadOnlyList<FieldError>> DeleteAsync(string id, bool membersConfirmed)
    {
        var summary = await FindAsync(id) ?? throw new InvalidOperationException($"No role '{id}'.");
        if (summary.IsAdministrator)
            return [new FieldError("", T["The Administrator role cannot be deleted."])];
        if (current.UserId is { } self && await db.Set<IdentityUserRole<string>>().AnyAsync(ur => ur.RoleId == id && ur.UserId == self))
            return [new FieldError("", T["You hold the role '{0}' yourself; ask another administrator to delete it.", summary.Name])];
        if (summary.MemberCount > 0 && !membersConfirmed)
            return [new FieldError("ConfirmMembers", T["{0} users hold this role. Confirm that they lose its permissions.", summary.MemberCount])];
        var result = await roles.DeleteAsync((await roles.FindByIdAsync(id))!);
        return result.Errors.Select(e => new FieldError("", e.Description)).ToList();
    }

    private async Task<List<FieldError>> GrantErrorsAsync(string description, IReadOnlyList<string> added)
    {
        var errors = new List<FieldError>();
        if (description.Trim().Length > MaxDescriptionLength)
            errors.Add(new FieldError("Description", T["The description can be at most {0} characters long.", MaxDescriptionLength]));
        foreach (var unknown in added.Where(p => !permissions.Exists(p)))
            errors.Add(new FieldError("Permissions", T["Unknown permission '{0}'.", unknown]));
        foreach (var missing in await NotHeldAsync(added.Where(permissions.Exists)))
            errors.Add(new FieldError("Permissions", T["You cannot grant “{0}”: you do not hold it yourself.", T[permissions.Find(missing)!.Description]]));
        return errors;
    }

    private async Task ReplaceGrantsAsync(PortalRole role, IEnumerable<string> granted)
    {
        var claims = db.Set<IdentityRoleClaim<string>>();
        claims.RemoveRange(await claims.Where(c => c.RoleId == role.Id && c.ClaimType == PermissionClaimType).ToListAsync());
        foreach (var permission in granted.Distinct(StringComparer.Ordinal))
            claims.Add(new IdentityRoleClaim<string> { RoleId = role.Id, ClaimType = PermissionClaimType, ClaimValue = permission });
        await db.SaveChangesAsync();
    }

    private async Task<IdentityResult> UpdateDescriptionAsync(PortalRole role, string description)
    {
        if (role.Description == description) return IdentityResult.Success;
        role.Description = description;
        return await roles.UpdateAsync(role);
    }
}
