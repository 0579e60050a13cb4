using Portal.Core.Modules;
using Portal.Core.Security;

namespace Portal.Users.Services;

/// <summary>The permissions one module declares (<see cref="Module"/> is its name; Core's own come first as "Portal.Core").</summary>
public sealed record PermissionGroup(string Module, string Description, IReadOnlyList<Permission> Permissions);

/// <summary>Every permission the composed modules declare, plus Core's <see cref="PortalPermissions.AccessAdmin"/>.</summary>
public sealed class PermissionCatalog
{
    public const string CoreModule = "Portal.Core";

    public PermissionCatalog(ModuleCatalog modules)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var groups = new List<PermissionGroup>();
        // A permission declared by several modules (Core's, re-declared) belongs to the first in dependency order.
        foreach (var (name, description, declared) in modules.Modules.Select(m => (m.Name, m.Description, m.Permissions))
                     .Prepend((CoreModule, "", (IEnumerable<Permission>)[PortalPermissions.AccessAdmin])))
        {
            var own = declared.Where(p => seen.Add(p.Name)).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
            if (own.Count > 0) groups.Add(new PermissionGroup(name, description, own));
        }
        Groups = groups;
        All = groups.SelectMany(g => g.Permissions).OrderBy(p => p.Category).ThenBy(p => p.Name).ToList();
    }

    public IReadOnlyList<PermissionGroup> Groups { get; }

    public IReadOnlyList<Permission> All { get; }

    public bool Exists(string name) => Find(name) is not null;

    public Permission? Find(string name) => All.FirstOrDefault(p => p.Name == name);
}
