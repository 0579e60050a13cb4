using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Modules;
using Portal.Web;

namespace Portal.Testing;

/// <summary>The portal's services on a database of their own, without a web server: for engine tests.</summary>
public sealed class PortalTestHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly bool ownsDatabase;

    private PortalTestHost(WebApplication app, TestDatabase database, bool ownsDatabase)
    {
        this.app = app;
        Database = database;
        this.ownsDatabase = ownsDatabase;
    }

    public TestDatabase Database { get; }
    public IServiceProvider Services => app.Services;

    public static async Task<PortalTestHost> StartAsync(DatabaseProvider provider, IEnumerable<PortalModule>? modules = null,
        IDictionary<string, string?>? settings = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        return await StartOnAsync(database, modules, settings, ownsDatabase: true);
    }

    /// <summary>The portal's services on <paramref name="database"/>, which outlives this host (it may be shared with nodes).</summary>
    public static Task<PortalTestHost> AttachAsync(TestDatabase database, IDictionary<string, string?>? settings = null) =>
        StartOnAsync(database, null, settings);

    /// <summary>
    /// A host on an existing database (a second node, or the same portal after a restart); the database outlives
    /// the host unless <paramref name="ownsDatabase"/>.
    /// </summary>
    public static async Task<PortalTestHost> StartOnAsync(TestDatabase database, IEnumerable<PortalModule>? modules = null,
        IDictionary<string, string?>? settings = null, bool ownsDatabase = false)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(Settings(database, settings));
        builder.AddPortal(modules ?? PortalModules.All);
        // As in PortalServer: the production work factor would make suites that create many users spend minutes hashing.
        builder.Services.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(o => o.IterationCount = 1_000);
        var app = builder.Build();
        await app.Services.MigratePortalDatabaseAsync();
        return new PortalTestHost(app, database, ownsDatabase);
    }

    public static Dictionary<string, string?> Settings(TestDatabase database, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Portal:DataPath"] = database.DataPath,
            ["Portal:Database:Provider"] = database.Provider.ToString(),
            ["Portal:Database:ConnectionString"] = database.ConnectionString,
            // Every test signs in from 127.0.0.1; the sign-in limit has its own test.
            ["Portal:RateLimits:LoginPerMinute"] = "100000",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) settings[key] = value;
        return settings;
    }

    /// <summary>Runs <paramref name="work"/> in a fresh scope, as one request would.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async Task InScopeAsync(Func<IServiceProvider, Task> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await work(scope.ServiceProvider);
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        if (ownsDatabase) await Database.DisposeAsync();
    }
}
