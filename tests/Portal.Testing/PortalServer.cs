using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Portal.Core.Data;

namespace Portal.Testing;

/// <summary>The portal on a PostgreSQL database of its own.</summary>
public sealed class PostgresPortalServer() : PortalServer(DatabaseProvider.Postgres);

/// <summary>The whole portal on Kestrel at a free loopback port, on a database of its own: tests talk real HTTP to it.</summary>
public partial class PortalServer : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly DatabaseProvider provider;
    private readonly IDictionary<string, string?> extraSettings;
    private readonly TestDatabase? sharedDatabase;

    public PortalServer() : this(DatabaseProvider.Sqlite) { }

    protected PortalServer(TestDatabase database, IDictionary<string, string?>? settings) : this(database.Provider, settings) =>
        sharedDatabase = database;

    /// <summary>A portal on a new database of <paramref name="provider"/> with extra settings (see <see cref="PortalTestHost.Settings"/>).</summary>
    public static PortalServer On(DatabaseProvider provider, IDictionary<string, string?> settings) => new(provider, settings);

    /// <summary>Another node of the same portal: <paramref name="database"/> is shared and stays when this node stops.</summary>
    public static PortalServer NodeOf(TestDatabase database, IDictionary<string, string?>? settings = null) => new(database, settings);

    protected PortalServer(DatabaseProvider provider, IDictionary<string, string?>? settings = null)
    {
        this.provider = provider;
        extraSettings = settings ?? new Dictionary<string, string?>();
    }

    public TestDatabase Database { get; private set; } = null!;

    /// <summary>The server's address, e.g. http://127.0.0.1:39211/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Database = sharedDatabase ?? await TestDatabase.CreateAsync(provider);
        UseKestrel(0);
        StartServer();
        BaseAddress = ClientOptions.BaseAddress;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(PortalTestHost.Settings(Database, extraSettings)));
        // Tests sign many users in; the production work factor would make each suite spend minutes hashing.
        builder.ConfigureServices(services => services.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(o => o.IterationCount = 1_000));
    }

    /// <summary>
    /// A client that does not follow redirects, so tests see them, with its own cookies or the given ones (cookies ignore
    /// the port, so clients of two nodes on 127.0.0.1 sharing a container behave like one browser behind a load balancer).
    /// </summary>
    public HttpClient NewClient(bool followRedirects = false, System.Net.CookieContainer? cookies = null) =>
        new(new HttpClientHandler { AllowAutoRedirect = followRedirects, UseCookies = true, CookieContainer = cookies ?? new System.Net.CookieContainer() })
        {
            BaseAddress = BaseAddress,
        };

    /// <summary>Runs SQL as the PostgreSQL server's administrator (for tests that break the database on purpose).</summary>
    public static async Task AdministerPostgresAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(TestDatabase.PostgresServer);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        // Virtual: a fixture that owns more (a mail server) overrides DisposeAsync.
        await DisposeAsync();
        if (sharedDatabase is null) await Database.DisposeAsync();
    }
}
