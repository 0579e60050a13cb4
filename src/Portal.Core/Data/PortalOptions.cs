namespace Portal.Core.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>The "Portal" configuration section.</summary>
public sealed class PortalOptions
{
    /// <summary>Folder for the SQLite file, media and keys. Relative paths are relative to the content root.</summary>
    public string DataPath { get; set; } = "App_Data";

    public DatabaseOptions Database { get; set; } = new();

    /// <summary>"Portal:Media": where the media library keeps its files.</summary>
    public MediaStorageOptions Media { get; set; } = new();
}

public sealed class MediaStorageOptions
{
    /// <summary>The media folder, relative to <see cref="PortalOptions.DataPath"/> (or absolute).</summary>
    public string Folder { get; set; } = "media";
}

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Empty for SQLite means <c>{DataPath}/portal.db</c>.</summary>
    public string? ConnectionString { get; set; }
}

/// <summary>The database and data folder in force, resolved once from <see cref="PortalOptions"/>.</summary>
public sealed record PortalDatabaseSettings(DatabaseProvider Provider, string ConnectionString, string DataPath)
{
    public static PortalDatabaseSettings From(PortalOptions options, string contentRoot) =>
        new(options.Database.Provider,
            DatabaseSetup.ResolveConnectionString(options, contentRoot),
            DatabaseSetup.ResolveDataPath(options, contentRoot));
}
