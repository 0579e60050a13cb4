using Npgsql;
using Portal.Core.Data;

namespace Portal.Testing;

/// <summary>
/// A database of its own for one test class: a SQLite file in a temporary folder, or a new database on the
/// PostgreSQL server named by PORTAL_TEST_POSTGRES (the test script starts one on 127.0.0.1).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "PORTAL_TEST_POSTGRES";
    public const string DefaultPostgres = "Host=127.0.0.1;Port=5432;Database=postgres;Username=portal;Password=portal";

    private readonly string? postgresName;

    private TestDatabase(DatabaseProvider provider, string dataPath, string connectionString, string? postgresName)
    {
        Provider = provider;
        DataPath = dataPath;
        ConnectionString = connectionString;
        this.postgresName = postgresName;
    }

    public DatabaseProvider Provider { get; }
    public string DataPath { get; }
    public string ConnectionString { get; }

    /// <summary>The PostgreSQL database's name (null on SQLite).</summary>
    public string? PostgresName => postgresName;

    public static string PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } s ? s : DefaultPostgres;

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dataPath);
        if (provider == DatabaseProvider.Sqlite)
            return new TestDatabase(provider, dataPath, $"Data Source={Path.Combine(dataPath, "portal.db")};Pooling=True", null);

        var name = "portal_t_" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            await using var connection = new NpgsqlConnection(PostgresServer);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException e)
        {
            throw new InvalidOperationException(
                $"PostgreSQL tests need a server: set {PostgresVariable} (now '{PostgresServer}') or run the README's test command, which starts one. {e.Message}", e);
        }
        var builder = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name };
        return new TestDatabase(provider, dataPath, builder.ToString(), name);
    }

    public async ValueTask DisposeAsync()
    {
        if (postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(PostgresServer);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{postgresName}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finished test host; the temp folder is cleaned by the OS.
        }
    }
}
