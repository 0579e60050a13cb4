using Portal.Core.Modules;
using Portal.Core.Security;

namespace Portal.Users.Services;

/// <summary>Every permission the composed modules declare, plus Core's <see cref="PortalPermissions.AccessAdmin"/>.</summary>
public sealed class PermissionCatalog(ModuleCatalog modules)
{
    public IReadOnlyList<Permission> All { get; } = modules.Modules
        .SelectMany(m => m.Permissions)
        .Prepend(PortalPermissions.AccessAdmin)
        .DistinctBy(p => p.Name)
        .OrderBy(p => p.Category).ThenBy(p => p.Name)
        .ToList();

    public bool Exists(string name) => All.Any(p => p.Name == name);
}
