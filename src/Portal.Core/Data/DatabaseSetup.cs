using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Core.Data;

public static class DatabaseSetup
{
    /// <summary>The connection string in force: configured, or the SQLite file in the data folder.</summary>
    public static string ResolveConnectionString(PortalOptions options, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(options.Database.ConnectionString))
            return options.Database.ConnectionString;
        if (options.Database.Provider == DatabaseProvider.Postgres)
            throw new InvalidOperationException(
                "Portal:Database:Provider is Postgres but Portal:Database:ConnectionString is empty.");
        var dataPath = ResolveDataPath(options, contentRoot);
        Directory.CreateDirectory(dataPath);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataPath, "portal.db"),
            Pooling = true,
        }.ToString();
    }

    public static string ResolveDataPath(PortalOptions options, string contentRoot) =>
        Path.GetFullPath(Path.IsPathRooted(options.DataPath) ? options.DataPath : Path.Combine(contentRoot, options.DataPath));

    public static void Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(connectionString, o => o.MigrationsHistoryTable("__PortalMigrations"));
                builder.AddInterceptors(SqlitePragmas.Instance);
                break;
            case DatabaseProvider.Postgres:
                builder.UseNpgsql(connectionString, o => o.MigrationsHistoryTable("__PortalMigrations"));
                break;
        }
        builder.ReplaceService<IMigrationsAssembly, ModularMigrationsAssembly>();
        builder.ReplaceService<IModelCacheKeyFactory, PortalModelCacheKeyFactory>();
        // Migrations are hand-written and there is no model snapshot to compare against.
        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }
}

/// <summary>
/// WAL lets readers go on while one writer commits; NORMAL sync is durable in WAL mode across app crashes.
/// A larger page cache (16 MB), memory-mapped reads (256 MB of address space, not memory) and in-memory temporary
/// sorts make reads of a large table cheaper.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000; " +
        "PRAGMA cache_size=-16000; PRAGMA mmap_size=268435456; PRAGMA temp_store=MEMORY;";

    // The pragmas belong to the native connection, which the pool keeps open across many opens of a
    // SqliteConnection; EF opens and closes a connection for every query outside a transaction. Running them
    // once per native connection spares a command per query.
    private readonly ConditionalWeakTable<object, object> configured = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!NeedsPragmas(connection)) return;
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!NeedsPragmas(connection)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private bool NeedsPragmas(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || configured.TryAdd(handle, handle);
}
