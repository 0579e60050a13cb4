using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Hosting;
using Portal.Core.Modules;
using Portal.Core.Security;
using Portal.Theme.Admin.Services;

namespace Portal.Theme.Admin;

/// <summary>The admin look: layout, menu from every module, dashboard, error pages.</summary>
public sealed class AdminThemeModule : PortalModule
{
    public override string Name => "Portal.Theme.Admin";
    public override string Description => "The admin layout, menu, dashboard and error pages.";

    public override IEnumerable<Permission> Permissions => [PortalPermissions.AccessAdmin];

    public override IEnumerable<AdminMenuItem> AdminMenu =>
        [new("Dashboard", "/admin", Position: 0, Permission: PortalPermissions.AccessAdmin.Name)];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<AdminMenuBuilder>();
        services.AddSingleton<AdminAssets>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) =>
        EmbeddedAssets.Map<AdminAssets>(endpoints, "/admin/assets");
}
