using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using Portal.Core.Modules;
using Portal.Core.Security;

namespace Portal.Theme.Admin.Services;

public sealed record AdminMenuGroup(string Text, IReadOnlyList<AdminMenuLink> Links);

public sealed record AdminMenuLink(string Text, string Url, bool Current);

/// <summary>The admin menu from every module's entries, grouped and ordered, without the entries the user may not open.</summary>
public sealed class AdminMenuBuilder(ModuleCatalog catalog, IAuthorizationService authorization, IStringLocalizer<AdminMenuBuilder> T)
{
    public async Task<IReadOnlyList<AdminMenuGroup>> BuildAsync(ClaimsPrincipal user, string currentPath)
    {
        var visible = new List<AdminMenuItem>();
        foreach (var item in catalog.Modules.SelectMany(m => m.AdminMenu))
        {
            if (item.Permission is null || (await authorization.AuthorizeAsync(user, PermissionPolicy.For(item.Permission))).Succeeded)
                visible.Add(item);
        }
        var current = visible.Where(i => IsUnder(currentPath, i.Url)).MaxBy(i => i.Url.Length);
        return visible
            .GroupBy(i => i.Group)
            .OrderBy(g => g.Min(i => i.Position)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new AdminMenuGroup(
                g.Key.Length == 0 ? "" : T[g.Key],
                g.OrderBy(i => i.Position).ThenBy(i => i.Text, StringComparer.Ordinal)
                    .Select(i => new AdminMenuLink(T[i.Text], i.Url, i == current)).ToList()))
            .ToList();
    }

    private static bool IsUnder(string path, string url) =>
        path.Equals(url, StringComparison.OrdinalIgnoreCase)
        || (url != "/admin" && path.StartsWith(url.TrimEnd('/') + "/", StringComparison.OrdinalIgnoreCase));
}
