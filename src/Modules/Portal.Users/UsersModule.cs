using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting;
using Portal.Core.Commands;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Modules;
using Portal.Core.Recipes;
using Portal.Core.Security;
using Portal.Users.Commands;
using Portal.Users.Models;
using Portal.Users.Recipes;
using Portal.Users.Services;
using Portal.Users.Setup;

namespace Portal.Users;

/// <summary>Users, roles and permissions; sign-in at /login; first-run setup.</summary>
public sealed class UsersModule : PortalModule
{
    public static readonly Permission ManageUsers = new("ManageUsers", "Create, edit and disable users", "Users");
    public static readonly Permission ManageRoles = new("ManageRoles", "Create roles and grant them permissions", "Users");

    public override string Name => "Portal.Users";
    public override string Description => "Users, roles and permissions, sign-in and first-run setup.";

    public override IEnumerable<Permission> Permissions => [ManageUsers, ManageRoles];

    public override IEnumerable<AdminMenuItem> AdminMenu =>
    [
        new("Users", "/admin/users", Position: 50, Permission: ManageUsers.Name, Group: "Settings"),
        new("Roles", "/admin/roles", Position: 55, Permission: ManageRoles.Name, Group: "Settings"),
    ];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IModelContributor, UsersModel>();
        services.AddSingleton<PermissionCatalog>();
        services.AddSingleton<UsersAssets>();
        services.AddScoped<IPermissionChecker, RolePermissionChecker>();
        services.AddScoped<RoleService>();
        services.AddScoped<UserService>();
        services.AddScoped<IRecipeStep, RolesStep>();
        services.AddScoped<IRecipeExportStep, RolesExportStep>();
        services.AddSingleton<IPortalCommand, CreateUserCommand>();
        services.AddSingleton<IPortalCommand, ListUsersCommand>();
        services.AddSingleton<IPortalCommand>(new SetUserEnabledCommand(enable: false));
        services.AddSingleton<IPortalCommand>(new SetUserEnabledCommand(enable: true));

        services.AddSingleton<SetupState>();
        services.AddScoped<SetupService>();
        services.AddTransient<IStartupFilter, SetupGateStartupFilter>();
        services.AddHostedService<UnattendedSetup>();

        services.AddIdentityCore<PortalUser>(ConfigureIdentity)
            .AddRoles<PortalRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager<PortalSignInManager>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<PortalIdentityErrors>();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "portal.auth";
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.LoginPath = "/login";
            cookie.LogoutPath = "/logout";
            cookie.AccessDeniedPath = "/access-denied";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            cookie.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        });
        // A disabled user's or a changed password's sessions end within a minute, on every node.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        EmbeddedAssets.Map<UsersAssets>(endpoints, UsersAssets.UrlBase);
        // Everything under /admin requires AccessAdmin, whichever module's controller serves it.
        endpoints.MapControllers().Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder route && IsAdminRoute(route.RoutePattern))
                endpoint.Metadata.Add(new AuthorizeAttribute(PermissionPolicy.For(PortalPermissions.AccessAdmin)));
        });
    }

    private static bool IsAdminRoute(RoutePattern pattern) =>
        pattern.PathSegments.FirstOrDefault()?.Parts is [RoutePatternLiteralPart { Content: var first }]
        && string.Equals(first, "admin", StringComparison.OrdinalIgnoreCase);

    private static void ConfigureIdentity(IdentityOptions options)
    {
        options.Password.RequiredLength = 8;
        options.Password.RequireDigit = true;
        options.Password.RequireLowercase = true;
        options.Password.RequireUppercase = true;
        options.Password.RequireNonAlphanumeric = false;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.Lockout.AllowedForNewUsers = true;
        options.User.RequireUniqueEmail = true;
    }

    /// <summary>Pages get redirected to /login or /access-denied; API callers get the status code.</summary>
    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
            context.Response.StatusCode = status;
        else
            context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
