using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Users.Models;

namespace Portal.Users.Services;

/// <summary>A role as recipes and the admin see it: name, description and the permissions granted.</summary>
public sealed record RoleDefinition(string Name, string Description, IReadOnlyList<string> Permissions);

/// <summary>Roles and their permissions, stored as role claims of type <see cref="PermissionClaimType"/>.</summary>
public sealed class RoleService(RoleManager<PortalRole> roles, PortalDbContext db, PermissionCatalog permissions)
{
    public const string PermissionClaimType = "Permission";

    /// <summary>What is wrong with <paramref name="role"/>, if anything: an empty name or permissions nobody declares.</summary>
    public IEnumerable<string> Validate(RoleDefinition role)
    {
        if (string.IsNullOrWhiteSpace(role.Name))
            yield return "A role needs a name.";
        foreach (var permission in role.Permissions.Where(p => !permissions.Exists(p)))
            yield return $"Role '{role.Name}' names the unknown permission '{permission}'.";
    }

    /// <summary>Creates the role or updates its description, and grants exactly the given permissions.</summary>
    public async Task<IReadOnlyList<string>> SaveAsync(RoleDefinition definition)
    {
        var errors = Validate(definition).ToList();
        if (errors.Count > 0) return errors;
        var role = await roles.FindByNameAsync(definition.Name);
        var result = role is null
            ? await roles.CreateAsync(role = new PortalRole { Name = definition.Name, Description = definition.Description })
            : await UpdateDescriptionAsync(role, definition.Description);
        if (!result.Succeeded) return result.Errors.Select(e => e.Description).ToList();

        var claims = db.Set<IdentityRoleClaim<string>>();
        claims.RemoveRange(await claims.Where(c => c.RoleId == role.Id && c.ClaimType == PermissionClaimType).ToListAsync());
        foreach (var permission in definition.Permissions.Distinct(StringComparer.Ordinal))
            claims.Add(new IdentityRoleClaim<string> { RoleId = role.Id, ClaimType = PermissionClaimType, ClaimValue = permission });
        await db.SaveChangesAsync();
        return [];
    }

    public async Task<IReadOnlyList<RoleDefinition>> ListAsync()
    {
        var all = await db.Set<PortalRole>().AsNoTracking().OrderBy(r => r.Name).ToListAsync();
        var grants = (await db.Set<IdentityRoleClaim<string>>().AsNoTracking()
                .Where(c => c.ClaimType == PermissionClaimType).ToListAsync())
            .ToLookup(c => c.RoleId, c => c.ClaimValue!);
        return all.Select(r => new RoleDefinition(r.Name!, r.Description, grants[r.Id].Order(StringComparer.Ordinal).ToList())).ToList();
    }

    public async Task<bool> ExistsAsync(string name) => await roles.RoleExistsAsync(name);

    private async Task<IdentityResult> UpdateDescriptionAsync(PortalRole role, string description)
    {
        if (role.Description == description) return IdentityResult.Success;
        role.Description = description;
        return await roles.UpdateAsync(role);
    }
}
