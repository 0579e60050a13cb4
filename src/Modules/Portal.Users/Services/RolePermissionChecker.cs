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

    private async Task<Grants> LoadAsync(string userId)
    {
        var enabled = await db.Set<PortalUser>().AnyAsync(u => u.Id == userId && u.IsEnabled);
        if (!enabled) return Grants.None;
        var roleIds = db.Set<IdentityUserRole<string>>().Where(ur => ur.UserId == userId).Select(ur => ur.RoleId);
        var isAdministrator = await db.Set<PortalRole>()
            .AnyAsync(r => roleIds.Contains(r.Id) && r.NormalizedName == PortalRole.Administrator.ToUpperInvariant());
        var permissions = await db.Set<IdentityRoleClaim<string>>()
            .Where(c => roleIds.Contains(c.RoleId) && c.ClaimType == RoleService.PermissionClaimType)
            .Select(c => c.ClaimValue!)
            .ToListAsync();
        return new Grants(isAdministrator, permissions.ToHashSet(StringComparer.Ordinal));
    }

    private sealed record Grants(bool IsAdministrator, HashSet<string> Permissions)
    {
        public static readonly Grants None = new(false, []);
    }
}
