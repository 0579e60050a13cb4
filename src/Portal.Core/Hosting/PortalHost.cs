using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Core.Cluster;
using Portal.Core.Commands;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;
using Portal.Core.Content.Fields;
using Portal.Core.Content.Parts;
using Portal.Core.Data;
using Portal.Core.Localization;
using Portal.Core.Modules;
using Portal.Core.Recipes;
using Portal.Core.Security;
using Portal.Core.Settings;

namespace Portal.Core.Hosting;

public static class PortalHost
{
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("zh-TW"), new("en")];

    /// <summary>
    /// Call before the host is built. The data folder (the database and its write-ahead log) lives under the content
    /// root, and a file watcher on the content root would wake up for every write the database makes: it cost about a
    /// tenth of the CPU of saving content. Configuration files are polled instead (a change is seen within seconds).
    /// </summary>
    public static void PollConfigurationFiles() => Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");

    /// <summary>Composes the portal from <paramref name="modules"/>: storage, content engine, MVC, localization, then each module in dependency order.</summary>
    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder, IEnumerable<PortalModule> modules)
    {
        var catalog = new ModuleCatalog(modules);
        var services = builder.Services;
        builder.AddPortalLogging();
        var assemblies = catalog.Modules.Select(m => m.Assembly).Prepend(typeof(PortalHost).Assembly).Distinct().ToList();

        services.AddSingleton(catalog);
        // Read when first resolved, not now: test hosts and later configuration sources must be seen.
        services.AddOptions<PortalOptions>().Bind(builder.Configuration.GetSection("Portal"));
        services.AddSingleton(sp => PortalDatabaseSettings.From(
            sp.GetRequiredService<IOptions<PortalOptions>>().Value, sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
        services.AddSingleton(new PortalModelIdentity(assemblies));
        // The options depend on singletons only: built once, not again for every request's context.
        services.AddDbContext<PortalDbContext>((sp, o) =>
        {
            var database = sp.GetRequiredService<PortalDatabaseSettings>();
            DatabaseSetup.Configure(o, database.Provider, database.ConnectionString);
            o.AddInterceptors(sp.GetRequiredService<SignalsOnCommit>());
        }, optionsLifetime: ServiceLifetime.Singleton);
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.TryAddScoped<ICurrentUser, HttpCurrentUser>();

        AddContent(services);
        services.AddRecipes();
        services.AddScoped<Backup.SiteBackup>();
        services.AddSingleton<IPortalCommand, Backup.BackupCommand>();
        services.AddSingleton<IPortalCommand, Backup.RestoreCommand>();
        services.AddPortalCluster(builder.Configuration);

        services.AddSingleton(new PoCatalog(assemblies));
        services.AddLocalization();
        services.Replace(ServiceDescriptor.Singleton<IStringLocalizerFactory, PoStringLocalizerFactory>());
        // Without this Razor writes Chinese as &#x...; entities.
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));

        services.AddAuthorization();
        services.AddSingleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>();
        services.AddScoped<IAuthorizationHandler, PermissionHandler>();
        services.AddAntiforgery();
        services.AddPortalRateLimits(builder.Configuration);
        services.AddPortalForwardedHeaders(builder.Configuration);
        var mvc = services.AddControllersWithViews(o => o.Filters.Add(new Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute()))
            .AddViewLocalization();
        mvc.ConfigureApplicationPartManager(manager =>
        {
            foreach (var assembly in catalog.Modules.Select(m => m.Assembly).Distinct())
            {
                if (manager.ApplicationParts.OfType<AssemblyPart>().Any(p => p.Assembly == assembly)) continue;
                foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
                    manager.ApplicationParts.Add(part);
            }
        });
        services.AddOutputCache(); // policies come from the modules that cache pages
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        // Registered before any module's filter, so it wraps their middleware too (security headers, the outage page).
        services.AddTransient<IStartupFilter, PortalStartupFilter>();

        foreach (var module in catalog.Modules)
            module.ConfigureServices(services, builder.Configuration);
        return builder;
    }

    private static void AddContent(IServiceCollection services)
    {
        services.AddSingleton<IModelContributor, ContentModel>();
        services.AddSingleton<IModelContributor, Content.Privacy.PersonalDataModel>();
        services.AddScoped<Content.Privacy.PersonalData>();
        services.AddSingleton<DefinitionCache>();
        services.AddScoped<ContentDefinitionStore>();
        services.AddScoped<ModuleDefinitionsMigrator>();
        services.AddScoped<ContentManager>();
        services.AddScoped<SiteSettingsStore>();
        services.AddScoped<SiteTime>();
        services.AddSingleton<IHtmlSanitizer, AllowListHtmlSanitizer>();
        foreach (var kind in new IContentFieldKind[]
                 {
                     new TextField(), new HtmlField(), new MarkdownField(), new NumericField(), new BooleanField(),
                     new DateField(), new DateTimeField(), new ContentPickerField(), new UserPickerField(),
                     new MediaField(), new EnumerationField(),
                 })
            services.AddSingleton(kind);
        foreach (var part in BuiltInParts.All)
            services.AddSingleton(part);
        services.AddScoped<ContentHandler, TitlePartHandler>();
        services.AddScoped<ContentHandler, AutoroutePartHandler>();
        services.AddScoped<ContentHandler, BodyPartHandler>();
    }

    /// <summary>Applies every module's pending migrations, then the versions of modules' own content definitions not applied yet.</summary>
    public static async Task MigratePortalDatabaseAsync(this IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        // Migrate reads the history table before it creates it, and logs that failed read as an error on every new database.
        await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IHistoryRepository>().CreateIfNotExistsAsync();
        await db.Database.MigrateAsync();
        await scope.ServiceProvider.GetRequiredService<ModuleDefinitionsMigrator>().ApplyAsync();
        // Make the data-protection key now, outside any transaction: made lazily by the first Protect inside a save
        // (a workflow's signed link), its write would wait on SQLite's single writer, held by that very save.
        scope.ServiceProvider.GetService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>()
            ?.CreateProtector("Portal.KeyRing").Protect([0]);
    }

    /// <summary>
    /// Runs a command-line command when the arguments name one; returns its exit code, or null to run the site.
    /// </summary>
    public static async Task<int?> RunPortalCommandAsync(this WebApplication app, string[] args)
    {
        if (!CommandRunner.IsCommand(args)) return null;
        if (args[0] is not ("--help" or "-h" or "help"))
            await app.Services.MigratePortalDatabaseAsync();
        return await CommandRunner.RunAsync(args, app.Services, Console.Out, Console.Error);
    }

    public static async Task UsePortalAsync(this WebApplication app)
    {
        await app.Services.MigratePortalDatabaseAsync();
        var catalog = app.Services.GetRequiredService<ModuleCatalog>();

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
            app.UseHsts();
        }
        // Again inside the exception handler, which would otherwise turn an outage into a 500 page.
        app.UseMiddleware<DatabaseUnavailableMiddleware>();
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseStaticFiles();
        var localization = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("zh-CN"),
            SupportedCultures = Cultures,
            SupportedUICultures = Cultures,
        };
        app.UseRequestLocalization(localization);
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseOutputCache();
        app.UseAntiforgery();

        // Liveness: the process answers. Readiness (and /health): it can serve, the database included.
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") });
        app.MapHealthChecks("/health");
        app.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext http) =>
        {
            if (!Cultures.Any(c => c.Name == culture)) return Results.BadRequest($"Unsupported culture '{culture}'.");
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
            return Results.LocalRedirect(returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") ? returnUrl : "/");
        });
        foreach (var module in catalog.Modules)
            module.MapEndpoints(app);
        app.MapControllers();
        // Until a public theme maps "/", the site opens on the admin; any other "/" route wins over this one.
        app.MapGet("/", () => Results.Redirect("/admin")).Add(b => ((Microsoft.AspNetCore.Routing.RouteEndpointBuilder)b).Order = int.MaxValue);
    }
}
