using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Security;
using Portal.Users.Models;

namespace Portal.Users.Services;

/// <summary>
/// A user holds the permissions granted to any of their roles; the Administrator role holds all of them.
/// Read from the database (not the cookie) so that a change of grants applies at once; scoped, so each
/// request reads a user's grants once.
/// </summary>
internal sealed class RolePermissionChecker(PortalDbContext db) : IPermissionChecker
{
    private readonly Dictionary<string, Grants> cache = new(StringComparer.Ordinal);

    public async Task<bool> HasPermissionAsync(ClaimsPrincipal user, string permission)
    {
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId) return false;
        if (!cache.TryGetValue(userId, out var grants))
            cache[userId] = grants = await LoadAsync(userId);
        return grants.IsAdministrator || grants.Permissions.Contains(permission);
    }

    /// <summary>The user's roles and their permissions in one query; none for a disabled user.</summary>
    private async Task<Grants> LoadAsync(string userId)
    {
        var rows = await (
            from userRole in db.Set<IdentityUserRole<string>>()
            join role in db.Set<PortalRole>() on userRole.RoleId equals role.Id
            from claim in db.Set<IdentityRoleClaim<string>>().Where(c => c.RoleId == role.Id && c.ClaimType == RoleService.PermissionClaimType).DefaultIfEmpty()
            where userRole.UserId == userId && db.Set<PortalUser>().Any(u => u.Id == userId && u.IsEnabled)
            select new { role.NormalizedName, Permission = claim == null ? null : claim.ClaimValue })
            .AsNoTracking().ToListAsync();
        if (rows.Count == 0) return Grants.None;
        var administrator = PortalRole.Administrator.ToUpperInvariant();
        return new Grants(rows.Any(r => r.NormalizedName == administrator), rows.Select(r => r.Permission).OfType<string>().ToHashSet(StringComparer.Ordinal));
    }

    private sealed record Grants(bool IsAdministrator, HashSet<string> Permissions)
    {
        public static readonly Grants None = new(false, []);
    }
}
