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

    public PortalServer() : this(DatabaseProvider.Sqlite) { }

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
        Database = await TestDatabase.CreateAsync(provider);
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

    /// <summary>A client with its own cookies that does not follow redirects, so tests see them.</summary>
    public HttpClient NewClient(bool followRedirects = false) =>
        new(new HttpClientHandler { AllowAutoRedirect = followRedirects, UseCookies = true, CookieContainer = new System.Net.CookieContainer() })
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
        await base.DisposeAsync();
        await Database.DisposeAsync();
    }
}
