using System.Data.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Web;

namespace Portal.Benchmarks;

/// <summary>The portal's services (as Portal.Web composes them) on a fresh database of their own, without a web server.</summary>
public sealed class BenchHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string dataPath;
    private readonly string? postgresName;

    private BenchHost(WebApplication app, DatabaseProvider provider, string connectionString, string dataPath, string? postgresName)
    {
        this.app = app;
        Provider = provider;
        ConnectionString = connectionString;
        this.dataPath = dataPath;
        this.postgresName = postgresName;
    }

    private const string SqlitePragmaText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000; " +
        "PRAGMA cache_size=-16000; PRAGMA mmap_size=268435456; PRAGMA temp_store=MEMORY;";

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> pragmasSet = new();

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    public IServiceProvider Services => app.Services;
    public CommandCounter Commands { get; private init; } = null!;

    /// <summary>The server's address when started with <c>http: true</c> (Kestrel on a free loopback port).</summary>
    public Uri? BaseAddress { get; private init; }

    /// <param name="configure">services of the bench only (e.g. a timing middleware), before the host is built</param>
    /// <param name="routes">endpoints of the bench only (e.g. a hand-written baseline), mapped after the portal's own</param>
    public static async Task<BenchHost> StartAsync(DatabaseProvider provider, IDictionary<string, string?>? settings = null, bool http = false,
        Action<WebApplicationBuilder>? configure = null, Action<WebApplication>? routes = null)
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "portal-bench", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dataPath);
        string connectionString;
        string? postgresName = null;
        if (provider == DatabaseProvider.Sqlite)
        {
            connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataPath, "portal.db"), Pooling = true }.ToString();
        }
        else
        {
            postgresName = "portal_bench_" + Guid.NewGuid().ToString("N")[..8];
            await using (var connection = new NpgsqlConnection(BenchOptions.PostgresServer))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"CREATE DATABASE \"{postgresName}\"", connection);
                await command.ExecuteNonQueryAsync();
            }
            connectionString = new NpgsqlConnectionStringBuilder(BenchOptions.PostgresServer) { Database = postgresName }.ToString();
        }

        PortalHost.PollConfigurationFiles(); // as Portal.Web does
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = dataPath });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Portal:DataPath"] = dataPath,
            ["Portal:Database:Provider"] = provider.ToString(),
            ["Portal:Database:ConnectionString"] = connectionString,
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        if (http) builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddPortal(PortalModules.All);
        // AddPortal adds the JSON console log; a benchmark that printed every command would time the console.
        builder.Logging.ClearProviders();
        var commands = new CommandCounter();
        builder.Services.ConfigureDbContext<PortalDbContext>(o => o.AddInterceptors(commands, commands.Transactions));
        configure?.Invoke(builder);
        var app = builder.Build();
        await app.Services.MigratePortalDatabaseAsync();
        Uri? baseAddress = null;
        if (http)
        {
            await app.UsePortalAsync();
            routes?.Invoke(app);
            await app.StartAsync();
            baseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        }
        return new BenchHost(app, provider, connectionString, dataPath, postgresName) { Commands = commands, BaseAddress = baseAddress };
    }

    /// <summary>An open connection of the baseline: plain ADO.NET on the same database, pooled like EF's.</summary>
    public async Task<DbConnection> OpenConnectionAsync()
    {
        DbConnection connection = Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(ConnectionString)
            : new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        if (connection is SqliteConnection { Handle: { } handle } && pragmasSet.TryAdd(handle, handle))
        {
            // The same settings as the portal's own connections (Portal.Core/Data/DatabaseSetup.cs), once per native connection.
            await using var pragmas = connection.CreateCommand();
            pragmas.CommandText = SqlitePragmaText;
            await pragmas.ExecuteNonQueryAsync();
        }
        return connection;
    }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (Environment.GetEnvironmentVariable("PORTAL_BENCH_KEEP") == "1")
            Console.WriteLine($"   kept: {dataPath} {postgresName}");
        else
            await DropAsync();
    }

    private async Task DropAsync()
    {
        if (postgresName is not null)
        {
            await using var connection = new NpgsqlConnection(BenchOptions.PostgresServer);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{postgresName}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
        Directory.Delete(dataPath, recursive: true);
    }
}
