using Microsoft.Extensions.Logging;

namespace Portal.Media.Services;

/// <summary>
/// Keeps the folder of smaller copies under <see cref="MediaOptions.SizesMaxBytes"/>: once what this node knows to be
/// there passes the limit, the copies sent least recently are removed in the background until 90 % of it is left.
/// Nodes may share the folder: each trim reads the folder itself, and a copy removed under another node is made
/// again on its next request. A copy's access time is set by hand (at most hourly), since many mounts do not keep it.
/// </summary>
public sealed class SizesCache(string folder, long maxBytes, TimeProvider clock, ILogger<SizesCache> logger)
{
    private static readonly TimeSpan AccessResolution = TimeSpan.FromHours(1);
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(1);

    private long knownBytes;
    private bool folderRead;
    private int trimming;

    public string Folder { get; } = Path.GetFullPath(folder);

    /// <summary>A copy is being sent: it counts as recently used.</summary>
    public void Sent(string copy)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            if (now - File.GetLastAccessTimeUtc(copy) > AccessResolution) File.SetLastAccessTimeUtc(copy, now);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // trimmed meanwhile: made again
    }

    /// <summary>A copy of <paramref name="length"/> bytes was written.</summary>
    public void Added(long length)
    {
        if (Interlocked.Add(ref knownBytes, length) > maxBytes || !Volatile.Read(ref folderRead)) StartTrim();
    }

    private void StartTrim()
    {
        if (Interlocked.Exchange(ref trimming, 1) == 1) return;
        _ = Task.Run(() =>
        {
            try { Trim(); }
            catch (Exception e) { logger.LogWarning(e, "Could not trim the image copies in {Folder}", Folder); }
            finally { Volatile.Write(ref trimming, 0); }
        });
    }

    private void Trim()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var copies = new List<FileInfo>();
        long total = 0;
        var folder = new DirectoryInfo(Folder);
        foreach (var file in folder.Exists ? folder.EnumerateFiles("*", SearchOption.AllDirectories) : [])
        {
            // A temporary file this old belongs to a writer that died before renaming it.
            if (file.Extension == ".tmp") { if (now - file.LastWriteTimeUtc > AbandonedAfter) TryDelete(file); continue; }
            copies.Add(file);
            total += file.Length;
        }
        if (total > maxBytes)
        {
            var (before, removed) = (total, 0);
            foreach (var copy in copies.OrderBy(c => c.LastAccessTimeUtc))
            {
                if (total <= maxBytes / 10 * 9) break;
                if (TryDelete(copy)) { total -= copy.Length; removed++; }
            }
            logger.LogInformation("Image copies took {Before} bytes, more than {Max}: removed the {Removed} sent least recently, {After} bytes left",
                before, maxBytes, removed, total);
        }
        Interlocked.Exchange(ref knownBytes, total);
        Volatile.Write(ref folderRead, true);
    }

    private static bool TryDelete(FileInfo file)
    {
        try { file.Delete(); return true; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }
}
