using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Commands;
using Portal.Core.Hosting;

namespace Portal.Core.Backup;

public sealed class BackupCommand : IPortalCommand
{
    public string Name => "backup";
    public string Usage => "backup FILE";
    public string Description => "Writes the database and the media folder to FILE (a zip); safe while the site runs.";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, TextWriter output, TextWriter error)
    {
        if (arguments is not [var file] || file.StartsWith('-'))
        {
            error.WriteLine($"Usage: {Usage}");
            return 2;
        }
        try
        {
            var manifest = await services.GetRequiredService<SiteBackup>().BackupAsync(file);
            output.WriteLine($"Backed up the {manifest.Provider} site to {Path.GetFullPath(file)}: {manifest.ContentItems} content items, {manifest.MediaFiles} media files.");
            output.WriteLine("The file holds the site's keys and personal data: keep it as safe as the database.");
            return 0;
        }
        catch (BackupException e)
        {
            error.WriteLine(e.Message);
            return 1;
        }
    }
}

public sealed class RestoreCommand : IPortalCommand
{
    public string Name => "restore";
    public string Usage => "restore FILE [--force]";
    public string Description => "Replaces this site with the backup in FILE; stop the site first. Refuses a site that is not empty without --force.";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, TextWriter output, TextWriter error)
    {
        var force = arguments.Contains("--force");
        var files = arguments.Where(a => a != "--force").ToList();
        if (files is not [var file] || file.StartsWith('-'))
        {
            error.WriteLine($"Usage: {Usage}");
            return 2;
        }
        try
        {
            var backup = services.GetRequiredService<SiteBackup>();
            var manifest = await backup.RestoreAsync(file, force);
            // A backup of an older version is brought up to this one's schema at once.
            await services.MigratePortalDatabaseAsync();
            var (items, _, media) = await backup.ContentsAsync();
            output.WriteLine($"Restored the backup of {manifest.CreatedUtc:yyyy-MM-dd HH:mm} UTC from {Path.GetFullPath(file)}: {items} content items, {media} media files.");
            return 0;
        }
        catch (BackupException e)
        {
            error.WriteLine(e.Message);
            return 1;
        }
    }
}
