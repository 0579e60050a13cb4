namespace Portal.Core.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>The "Portal" configuration section.</summary>
public sealed class PortalOptions
{
    /// <summary>Folder for the SQLite file, media and keys. Relative paths are relative to the content root.</summary>
    public string DataPath { get; set; } = "App_Data";

    /// <summary>
    /// Folder for uploaded media; empty means <c>{DataPath}/media</c>. Several nodes point it at one shared volume.
    /// </summary>
    public string? MediaPath { get; set; }

    public DatabaseOptions Database { get; set; } = new();

}

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Empty for SQLite means <c>{DataPath}/portal.db</c>.</summary>
    public string? ConnectionString { get; set; }
}

/// <summary>The database, data folder and media folder in force, resolved once from <see cref="PortalOptions"/>.</summary>
public sealed record PortalDatabaseSettings(DatabaseProvider Provider, string ConnectionString, string DataPath, string MediaPath)
{
    public static PortalDatabaseSettings From(PortalOptions options, string contentRoot)
    {
        var dataPath = DatabaseSetup.ResolveDataPath(options, contentRoot);
        var mediaPath = string.IsNullOrWhiteSpace(options.MediaPath)
            ? Path.Combine(dataPath, "media")
            : Path.GetFullPath(Path.IsPathRooted(options.MediaPath) ? options.MediaPath : Path.Combine(contentRoot, options.MediaPath));
        return new(options.Database.Provider, DatabaseSetup.ResolveConnectionString(options, contentRoot), dataPath, mediaPath);
    }
}
