using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Commands;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Testing;
using Portal.Users.Setup;
using Xunit.Abstractions;

namespace Portal.Web.Tests;

/// <summary>The backup and restore commands, run as the command line runs them, on each database.</summary>
public abstract class BackupSuite(DatabaseProvider provider, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("portal-backup-test-").FullName;
    private PortalTestHost source = null!;

    public async Task InitializeAsync()
    {
        source = await PortalTestHost.StartAsync(provider);
        await source.InScopeAsync(async sp =>
        {
            var result = await sp.GetRequiredService<SetupService>().SetupAsync(
                new SetupRequest("备份测试", "admin", "admin@example.test", PortalServer.Password, PortalServer.Password, "micro-wish"));
            Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Message)));
        });
        var media = source.Services.GetRequiredService<PortalDatabaseSettings>().MediaPath;
        Directory.CreateDirectory(Path.Combine(media, "2026", "活动"));
        await File.WriteAllBytesAsync(Path.Combine(media, "2026", "活动", "合影.png"), TestImages.Png(40, 30));
        await File.WriteAllTextAsync(Path.Combine(media, "notice.txt"), "街道通知");
    }

    public async Task DisposeAsync()
    {
        await source.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_backup_restored_into_an_empty_site_has_the_same_content_documents_users_and_media()
    {
        var file = Path.Combine(folder, "site.zip");
        var (backedUp, backupText) = await RunAsync(source, "backup", file);
        Assert.True(backedUp == 0, backupText);
        await using var target = await PortalTestHost.StartAsync(provider);

        var (restored, restoreText) = await RunAsync(target, "restore", file);

        output.WriteLine(backupText + restoreText);
        Assert.True(restored == 0, restoreText);
        Assert.Equal(await CountsByTypeAsync(source), await CountsByTypeAsync(target));
        Assert.Equal(await UsersAsync(source), await UsersAsync(target));
        var sample = await source.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<ContentItemRecord>().AsNoTracking()
            .OrderBy(r => r.ContentItemVersionId).Take(25).ToListAsync());
        Assert.True(sample.Count >= 10, $"the recipe made only {sample.Count} versions");
        foreach (var version in sample)
        {
            var copy = await target.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<ContentItemRecord>().AsNoTracking()
                .FirstAsync(r => r.ContentItemVersionId == version.ContentItemVersionId));
            Assert.Equal((version.ContentType, version.DisplayText, version.Latest, version.Published, version.Data),
                (copy.ContentType, copy.DisplayText, copy.Latest, copy.Published, copy.Data));
        }
        Assert.Equal(await MediaAsync(source), await MediaAsync(target));
        // The restored site works: its content manager reads a restored item.
        var item = await target.InScopeAsync(sp => sp.GetRequiredService<ContentManager>().GetAsync(sample[0].ContentItemId, VersionOptions.Latest));
        Assert.Equal(sample.First(s => s.ContentItemId == sample[0].ContentItemId && s.Latest).DisplayText, item?.DisplayText);
    }

    [Fact]
    public async Task Restore_refuses_a_site_that_is_not_empty_unless_forced_and_then_replaces_it()
    {
        var file = Path.Combine(folder, "before.zip");
        Assert.Equal(0, (await RunAsync(source, "backup", file)).Exit);
        var before = await CountsByTypeAsync(source);
        var note = await source.InScopeAsync(async sp =>
        {
            var content = sp.GetRequiredService<ContentManager>();
            var item = (await content.NewAsync("Story"))!;
            item.Part("TitlePart")["Title"] = "备份之后写的";
            var created = await content.CreateAsync(item);
            Assert.True(created.Succeeded, created.ToString());
            return item.ContentItemId;
        });

        var (refused, refusal) = await RunAsync(source, "restore", file);

        Assert.Equal(1, refused);
        Assert.Contains("This site is not empty", refusal);
        Assert.Contains("--force", refusal);
        Assert.NotNull(await source.InScopeAsync(sp => sp.GetRequiredService<ContentManager>().GetAsync(note, VersionOptions.Latest)));

        var (forced, text) = await RunAsync(source, "restore", file, "--force");

        Assert.True(forced == 0, text);
        Assert.Equal(before, await CountsByTypeAsync(source));
        Assert.Null(await source.InScopeAsync(sp => sp.GetRequiredService<ContentManager>().GetAsync(note, VersionOptions.Latest)));
    }

    [Fact]
    public async Task A_missing_or_damaged_file_gets_a_clear_error_and_changes_nothing()
    {
        var good = Path.Combine(folder, "good.zip");
        Assert.Equal(0, (await RunAsync(source, "backup", good)).Exit);
        var bytes = await File.ReadAllBytesAsync(good);
        var cut = Path.Combine(folder, "cut.zip");
        await File.WriteAllBytesAsync(cut, bytes[..(bytes.Length / 2)]);
        var text = Path.Combine(folder, "notes.zip");
        await File.WriteAllTextAsync(text, "这不是备份");
        var foreign = Path.Combine(folder, "foreign.zip");
        using (var zip = ZipFile.Open(foreign, ZipArchiveMode.Create)) zip.CreateEntry("readme.txt");
        var broken = Path.Combine(folder, "broken-db.zip");
        File.Copy(good, broken);
        using (var zip = ZipFile.Open(broken, ZipArchiveMode.Update))
        {
            var database = zip.Entries.First(e => e.FullName.StartsWith("database/", StringComparison.Ordinal));
            var name = database.FullName;
            database.Delete();
            await using var garbage = zip.CreateEntry(name).Open();
            await garbage.WriteAsync(new byte[8192].Select((_, i) => (byte)(i * 7)).ToArray());
        }
        await using var target = await PortalTestHost.StartAsync(provider);

        var cases = new Dictionary<string, string>
        {
            [Path.Combine(folder, "nothing-here.zip")] = "There is no file",
            [cut] = "is not a Portal backup",
            [text] = "is not a Portal backup",
            [foreign] = "it has no manifest.json",
            [broken] = "is damaged",
        };
        foreach (var (file, message) in cases)
        {
            var (exit, said) = await RunAsync(target, "restore", file);
            output.WriteLine($"{Path.GetFileName(file)}: {said.Trim()}");
            Assert.Equal(1, exit);
            Assert.Contains(message, said);
        }
        Assert.Empty(await CountsByTypeAsync(target));
        Assert.Empty(await MediaAsync(target));
        var (exists, refusal) = await RunAsync(source, "backup", good);
        Assert.Equal(1, exists);
        Assert.Contains("exists already", refusal);
    }

    [Fact]
    public async Task A_backup_taken_while_the_site_saves_restores_a_consistent_site()
    {
        async Task<int> StoriesAsync(PortalTestHost host) =>
            await host.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<ContentItemRecord>().CountAsync(r => r.ContentType == "Story" && r.Latest));
        using var stop = new CancellationTokenSource();
        var written = 0;
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
                await source.InScopeAsync(async sp =>
                {
                    var content = sp.GetRequiredService<ContentManager>();
                    var item = (await content.NewAsync("Story"))!;
                    item.Part("TitlePart")["Title"] = "写入中 " + written;
                    Assert.True((await content.CreateAsync(item)).Succeeded);
                    Interlocked.Increment(ref written);
                });
        });
        while (Volatile.Read(ref written) < 20) await Task.Delay(10);
        var before = await StoriesAsync(source);
        var file = Path.Combine(folder, "busy.zip");
        var writtenBefore = Volatile.Read(ref written);

        var (exit, text) = await RunAsync(source, "backup", file);
        var during = Volatile.Read(ref written);
        await stop.CancelAsync();
        await writer;
        Assert.True(exit == 0, text);
        await using var target = await PortalTestHost.StartAsync(provider);
        Assert.Equal(0, (await RunAsync(target, "restore", file)).Exit);

        var restored = await StoriesAsync(target);
        output.WriteLine($"{before} stories when the backup began, {restored} in the backup, {await StoriesAsync(source)} when the writer stopped ({during - writtenBefore} saved while it ran)");
        Assert.InRange(restored, before, await StoriesAsync(source));
        // Every restored version is one the site saved, as it saved it: the copy is of one moment, not of half a save.
        async Task<Dictionary<string, string>> VersionsAsync(PortalTestHost host) =>
            await host.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<ContentItemRecord>().Where(r => r.ContentType == "Story")
                .ToDictionaryAsync(r => r.ContentItemVersionId, r => r.Data));
        var saved = await VersionsAsync(source);
        Assert.All(await VersionsAsync(target), v => Assert.Equal(saved[v.Key], v.Value));
    }

    private static async Task<(int Exit, string Text)> RunAsync(PortalTestHost host, params string[] args)
    {
        var text = new StringWriter();
        var exit = await CommandRunner.RunAsync(args, host.Services, text, text);
        return (exit, text.ToString());
    }

    private static Task<Dictionary<string, int>> CountsByTypeAsync(PortalTestHost host) =>
        host.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<ContentItemRecord>().Where(r => r.Latest)
            .GroupBy(r => r.ContentType).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));

    private static Task<List<string>> UsersAsync(PortalTestHost host) =>
        host.InScopeAsync(sp => sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Portal.Users.Models.PortalUser>>().Users
            .OrderBy(u => u.UserName).Select(u => u.UserName + " " + u.PasswordHash).ToListAsync());

    private static async Task<Dictionary<string, string>> MediaAsync(PortalTestHost host)
    {
        var root = host.Services.GetRequiredService<PortalDatabaseSettings>().MediaPath;
        if (!Directory.Exists(root)) return [];
        var files = new Dictionary<string, string>();
        foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order())
            files[Path.GetRelativePath(root, path)] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(path)));
        return files;
    }
}

public sealed class SqliteBackupTests(ITestOutputHelper output) : BackupSuite(DatabaseProvider.Sqlite, output);

public sealed class PostgresBackupTests(ITestOutputHelper output) : BackupSuite(DatabaseProvider.Postgres, output);
