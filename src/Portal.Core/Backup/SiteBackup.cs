using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Core.Settings;

namespace Portal.Core.Backup;

/// <summary>What a backup holds, as its manifest says.</summary>
public sealed record BackupManifest(string Format, int Version, DatabaseProvider Provider, DateTime CreatedUtc, string? Migration, int ContentItems, int MediaFiles)
{
    public const string FormatName = "portal-backup";
    public const int CurrentVersion = 1;
}

/// <summary>A failure the user can act on: a missing or damaged file, a site that is not empty, a tool that is missing.</summary>
public sealed class BackupException(string message) : Exception(message);

/// <summary>
/// A whole site in one zip file: the database (SQLite through its online backup API, so a copy taken while the site
/// writes is consistent; PostgreSQL through <c>pg_dump</c>'s custom format, a consistent snapshot as well), then the
/// media folder, and a manifest. The database holds the data-protection key ring, so a backup is a secret.
/// Restoring checks everything it can before it changes anything: that the file is a backup of this kind of
/// database, made by this version of Portal or an older one, and that its database is readable; and it refuses to
/// replace a site that is not empty unless told to.
/// </summary>
public sealed class SiteBackup(PortalDbContext db, PortalDatabaseSettings settings, TimeProvider clock)
{
    private const string ManifestEntry = "manifest.json";
    private const string SqliteEntry = "database/portal.db";
    private const string PostgresEntry = "database/portal.pgdump";
    private const string MediaPrefix = "media/";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public async Task<BackupManifest> BackupAsync(string file, CancellationToken cancellationToken = default)
    {
        file = Path.GetFullPath(file);
        if (File.Exists(file)) throw new BackupException($"{file} exists already: choose another name, or delete it first.");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var partial = file + ".partial";
        var scratch = Directory.CreateTempSubdirectory("portal-backup-");
        try
        {
            var dump = Path.Combine(scratch.FullName, "database");
            int contentItems;
            if (settings.Provider == DatabaseProvider.Sqlite)
            {
                await using (var live = new SqliteConnection(settings.ConnectionString))
                await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dump, Pooling = false }.ToString()))
                {
                    await live.OpenAsync(cancellationToken);
                    await copy.OpenAsync(cancellationToken);
                    live.BackupDatabase(copy);
                    contentItems = await CountAsync(copy, """SELECT count(*) FROM "ContentItems" WHERE "Latest" """);
                }
            }
            else
            {
                contentItems = await db.Set<ContentItemRecord>().CountAsync(r => r.Latest, cancellationToken);
                await RunPostgresToolAsync("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--file", dump], cancellationToken);
            }
            var migration = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).LastOrDefault();
            var media = MediaFiles().ToList();
            var manifest = new BackupManifest(BackupManifest.FormatName, BackupManifest.CurrentVersion, settings.Provider,
                clock.GetUtcNow().UtcDateTime, migration, contentItems, media.Count);

            await using (var zip = new ZipArchive(File.Create(partial), ZipArchiveMode.Create))
            {
                await using (var entry = await zip.CreateEntry(ManifestEntry).OpenAsync(cancellationToken))
                    await JsonSerializer.SerializeAsync(entry, manifest, Json, cancellationToken);
                await AddFileAsync(zip, settings.Provider == DatabaseProvider.Sqlite ? SqliteEntry : PostgresEntry, dump, cancellationToken);
                foreach (var path in media)
                    await AddFileAsync(zip, MediaPrefix + Path.GetRelativePath(settings.MediaPath, path).Replace('\\', '/'), path, cancellationToken);
            }
            File.Move(partial, file);
            return manifest;
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
            scratch.Delete(recursive: true);
        }
    }

    /// <summary>What makes a site not empty: its content items, site settings and media files.</summary>
    public async Task<(int ContentItems, int Settings, int MediaFiles)> ContentsAsync(CancellationToken cancellationToken = default) =>
        (await db.Set<ContentItemRecord>().CountAsync(r => r.Latest, cancellationToken),
         await db.Set<SiteSettingsRecord>().CountAsync(cancellationToken),
         MediaFiles().Count());

    public async Task<BackupManifest> RestoreAsync(string file, bool replace, CancellationToken cancellationToken = default)
    {
        file = Path.GetFullPath(file);
        if (!File.Exists(file)) throw new BackupException($"There is no file {file}.");
        using var zip = OpenArchive(file);
        var manifest = ReadManifest(zip, file);
        if (manifest.Provider != settings.Provider)
            throw new BackupException($"{file} is a backup of a {manifest.Provider} site and this site uses {settings.Provider}: restore it into a site on {manifest.Provider}.");
        if (manifest.Migration is { } migration && !db.Database.GetMigrations().Contains(migration))
            throw new BackupException($"{file} was made by a newer version of Portal (its database has the migration {migration}, unknown here): update Portal first.");
        var databaseEntry = zip.GetEntry(settings.Provider == DatabaseProvider.Sqlite ? SqliteEntry : PostgresEntry)
            ?? throw new BackupException($"{file} is damaged: it has no database.");
        var (items, siteSettings, mediaFiles) = await ContentsAsync(cancellationToken);
        if (!replace && (items > 0 || siteSettings > 0 || mediaFiles > 0))
            throw new BackupException($"This site is not empty ({items} content items, {siteSettings} settings groups, {mediaFiles} media files). " +
                "Restoring replaces all of it: run the command again with --force to do so.");

        var scratch = Directory.CreateTempSubdirectory("portal-restore-");
        try
        {
            // Everything is read and checked before the site is touched.
            var dump = Path.Combine(scratch.FullName, "database");
            await ExtractAsync(databaseEntry, dump, file, cancellationToken);
            var media = Path.Combine(scratch.FullName, "media");
            await ExtractMediaAsync(zip, media, file, cancellationToken);
            if (settings.Provider == DatabaseProvider.Sqlite)
            {
                await CheckSqliteAsync(dump, file, cancellationToken);
                await RestoreSqliteAsync(dump, cancellationToken);
            }
            else
            {
                await CheckPostgresAsync(dump, file, cancellationToken);
                await RestorePostgresAsync(dump, cancellationToken);
            }
            ReplaceMedia(media);
            return manifest;
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private static async Task CheckSqliteAsync(string dump, string file, CancellationToken cancellationToken)
    {
        await using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dump, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        string check;
        try
        {
            await copy.OpenAsync(cancellationToken);
            await using var command = copy.CreateCommand();
            command.CommandText = "PRAGMA integrity_check";
            check = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (SqliteException e)
        {
            throw new BackupException($"{file} is damaged: its database cannot be read ({e.Message}).");
        }
        if (check != "ok") throw new BackupException($"{file} is damaged: its database fails SQLite's integrity check ({check}).");
    }

    private async Task RestoreSqliteAsync(string dump, CancellationToken cancellationToken)
    {
        SqliteConnection.ClearAllPools();
        await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dump, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        await using (var live = new SqliteConnection(settings.ConnectionString))
        {
            await copy.OpenAsync(cancellationToken);
            await live.OpenAsync(cancellationToken);
            // Page by page into the live file, through SQLite itself: its write-ahead log stays consistent.
            copy.BackupDatabase(live);
        }
        SqliteConnection.ClearAllPools();
    }

    private async Task CheckPostgresAsync(string dump, string file, CancellationToken cancellationToken)
    {
        try
        {
            await RunPostgresToolAsync("pg_restore", ["--list", dump], cancellationToken);
        }
        catch (BackupException e)
        {
            throw new BackupException($"{file} is damaged: pg_restore cannot read its database ({e.Message}).");
        }
    }

    private async Task RestorePostgresAsync(string dump, CancellationToken cancellationToken)
    {
        // Everything goes, so that no table of a later migration stays behind next to the older tables restored.
        await db.Database.ExecuteSqlRawAsync("DROP SCHEMA public CASCADE; CREATE SCHEMA public", cancellationToken);
        NpgsqlConnection.ClearAllPools();
        await RunPostgresToolAsync("pg_restore", ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", "--dbname", Pg().Database!, dump], cancellationToken);
        NpgsqlConnection.ClearAllPools();
    }

    private static async Task ExtractMediaAsync(ZipArchive zip, string folder, string file, CancellationToken cancellationToken)
    {
        var root = Directory.CreateDirectory(folder).FullName;
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith(MediaPrefix, StringComparison.Ordinal) && e.Name.Length > 0))
        {
            var target = Path.GetFullPath(Path.Combine(root, entry.FullName[MediaPrefix.Length..]));
            // A crafted archive must not write outside the media folder ("media/../../x").
            if (!target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                throw new BackupException($"{file} is damaged: the media entry '{entry.FullName}' points outside the media folder.");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await ExtractAsync(entry, target, file, cancellationToken);
        }
    }

    private void ReplaceMedia(string restored)
    {
        var root = Directory.CreateDirectory(settings.MediaPath);
        foreach (var entry in root.EnumerateFileSystemInfos())
            if (entry is DirectoryInfo folder) folder.Delete(recursive: true); else entry.Delete();
        foreach (var path in Directory.EnumerateFiles(restored, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(root.FullName, Path.GetRelativePath(restored, path));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(path, target);
        }
    }

    private IEnumerable<string> MediaFiles() =>
        Directory.Exists(settings.MediaPath) ? Directory.EnumerateFiles(settings.MediaPath, "*", SearchOption.AllDirectories) : [];

    private static ZipArchive OpenArchive(string file)
    {
        try
        {
            return ZipFile.OpenRead(file);
        }
        catch (InvalidDataException)
        {
            throw new BackupException($"{file} is not a Portal backup: it is not a zip archive, or it is cut short.");
        }
    }

    private static BackupManifest ReadManifest(ZipArchive zip, string file)
    {
        var entry = zip.GetEntry(ManifestEntry) ?? throw new BackupException($"{file} is not a Portal backup: it has no {ManifestEntry}.");
        BackupManifest? manifest;
        try
        {
            using var stream = entry.Open();
            manifest = JsonSerializer.Deserialize<BackupManifest>(stream, Json);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            throw new BackupException($"{file} is damaged: its {ManifestEntry} cannot be read ({e.Message}).");
        }
        if (manifest is not { Format: BackupManifest.FormatName })
            throw new BackupException($"{file} is not a Portal backup: its {ManifestEntry} is not one.");
        if (manifest.Version > BackupManifest.CurrentVersion)
            throw new BackupException($"{file} was written by a newer version of Portal (backup format {manifest.Version}): update Portal first.");
        return manifest;
    }

    private static async Task ExtractAsync(ZipArchiveEntry entry, string target, string file, CancellationToken cancellationToken)
    {
        try
        {
            await using var source = await entry.OpenAsync(cancellationToken);
            await using var destination = File.Create(target);
            await source.CopyToAsync(destination, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            throw new BackupException($"{file} is damaged: '{entry.FullName}' cannot be read ({e.Message}).");
        }
    }

    private static async Task AddFileAsync(ZipArchive zip, string name, string path, CancellationToken cancellationToken)
    {
        await using var source = File.OpenRead(path);
        await using var entry = await zip.CreateEntry(name, CompressionLevel.Fastest).OpenAsync(cancellationToken);
        await source.CopyToAsync(entry, cancellationToken);
    }

    private static async Task<int> CountAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }

    private NpgsqlConnectionStringBuilder Pg() => new(settings.ConnectionString);

    /// <summary>
    /// Runs pg_dump or pg_restore against the site's database. The connection goes through PG* variables, so the
    /// password is not on a command line that other users of the machine can read.
    /// </summary>
    private async Task RunPostgresToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var pg = Pg();
        var start = new ProcessStartInfo(FindTool(tool), arguments) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.Environment["PGHOST"] = pg.Host;
        start.Environment["PGPORT"] = pg.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGDATABASE"] = pg.Database;
        start.Environment["PGUSER"] = pg.Username;
        start.Environment["PGPASSWORD"] = pg.Password;
        if (pg.SslMode != SslMode.Disable) start.Environment["PGSSLMODE"] = pg.SslMode.ToString().ToLowerInvariant();
        using var process = Process.Start(start) ?? throw new BackupException($"{tool} could not be started.");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new BackupException($"{tool} failed: {(await errors).Trim()}");
    }

    /// <summary>On the PATH, else the newest PostgreSQL installed under /usr/lib/postgresql (Debian's layout).</summary>
    private static string FindTool(string tool)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, tool)).FirstOrDefault(File.Exists);
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin", tool)).FirstOrDefault(File.Exists)
            : null;
        return onPath ?? installed ?? throw new BackupException($"{tool} is not installed: it comes with the PostgreSQL client tools (apt-get install postgresql-client).");
    }
}
