using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Core.Media;
using Portal.Media.Models;

namespace Portal.Media.Services;

public sealed class MediaOptions
{
    /// <summary>Uploads larger than this are refused (bytes; default 10 MB).</summary>
    public long MaxUploadBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Images with more pixels than this are refused: they would exhaust a reader's phone.</summary>
    public long MaxPixels { get; set; } = 50_000_000;

    /// <summary>Folder of the smaller copies (<c>?w=</c>); a relative path is inside <c>Portal:DataPath</c>.</summary>
    public string SizesPath { get; set; } = "media-sizes";

    /// <summary>Most the copies may take on disk (bytes; default 1 GB); beyond it those sent least recently are removed.</summary>
    public long SizesMaxBytes { get; set; } = 1L << 30;
}

/// <summary>A file in the library as lists show it.</summary>
public sealed record MediaFile(string Path, string Name, long Length, int Width, int Height, string AltText, DateTime ModifiedUtc)
{
    public string Url => MediaLibrary.UrlOf(Path);
}

public sealed record MediaListing(string Folder, IReadOnlyList<string> Folders, IReadOnlyList<MediaFile> Files, int Total, int Page, int PageSize);

/// <summary>
/// The media library: files under the media folder (<c>Portal:MediaPath</c>, by default <c>{DataPath}/media</c>), with alt
/// text and pixel sizes in the database. Every upload is identified from its bytes, size-checked and stripped of
/// location metadata before it is written; names are made safe and unique, never overwritten.
/// </summary>
public sealed class MediaLibrary(PortalDbContext db, MediaRoot root, ResizedImages sizes, IOptions<MediaOptions> options,
    TimeProvider clock, IStringLocalizer<MediaLibrary> T)
{
    public const int PageSize = 48;
    private const int MaxNameLength = 80;

    public static string UrlOf(string path) => "/media/" + string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    public async Task<MediaResult<MediaFile>> UploadAsync(string folder, string fileName, Stream content, string? altText, string? user)
    {
        var errors = new ContentErrors();
        if (NormalizeFolder(folder) is not { } target || !Directory.Exists(root.Resolve(target)))
        {
            errors.Add("Folder", T["The folder '{0}' does not exist.", folder]);
            return Fail(errors);
        }
        var max = options.Value.MaxUploadBytes;
        var bytes = await content.ReadAtMostAsync(max);
        if (bytes is null)
            errors.Add("File", T["'{0}' is larger than {1} MB.", fileName, max / 1024 / 1024]);
        else if (ImageFile.Identify(bytes) is not { } image)
            errors.Add("File", T["'{0}' is not a JPEG, PNG, GIF or WebP image.", fileName]);
        else if (image.Width <= 0 || image.Height <= 0 || (long)image.Width * image.Height > options.Value.MaxPixels)
            errors.Add("File", T["'{0}' is {1} × {2} pixels; images may have at most {3} million pixels.", fileName, image.Width, image.Height, options.Value.MaxPixels / 1_000_000]);
        else if (ImageFile.StripMetadata(image.Format, bytes) is not { } clean)
            errors.Add("File", T["'{0}' is damaged and cannot be read as an image.", fileName]);
        else if ((altText ?? "").Length > 300)
            errors.Add("AltText", T["The alternative text must be at most 300 characters."]);
        else
            return MediaResult<MediaFile>.Success(await StoreAsync(target, fileName, image, clean, altText?.Trim() ?? "", user));
        return Fail(errors);
    }

    private async Task<MediaFile> StoreAsync(string folder, string fileName, ImageInfo image, byte[] bytes, string altText, string? user)
    {
        var stem = SafeStem(fileName);
        var name = stem + image.Extension;
        for (var n = 2; File.Exists(root.Resolve(Join(folder, name))) || await db.Set<MediaAssetRecord>().AnyAsync(r => r.Path == Join(folder, name)); n++)
            name = $"{stem}-{n}{image.Extension}";
        var path = Join(folder, name);
        var full = root.Resolve(path)!;
        // Written under a temporary name first: a reader never gets half a file, and a failed save leaves nothing.
        var temporary = full + ".uploading";
        await File.WriteAllBytesAsync(temporary, bytes);
        var record = new MediaAssetRecord
        {
            Path = path, Folder = folder, FileName = name, ContentType = image.ContentType, Length = bytes.Length,
            Width = image.Width, Height = image.Height, AltText = altText, UploadedUtc = clock.GetUtcNow().UtcDateTime, UploadedBy = user,
        };
        try
        {
            db.Add(record);
            await db.SaveChangesAsync();
            File.Move(temporary, full);
        }
        finally
        {
            File.Delete(temporary);
        }
        return new MediaFile(path, name, bytes.Length, image.Width, image.Height, altText, record.UploadedUtc);
    }

    /// <summary>The folder's subfolders and files (newest first), or the files anywhere whose name or alt text contains <paramref name="query"/>.</summary>
    public async Task<MediaListing?> ListAsync(string folder, string? query, int page)
    {
        if (NormalizeFolder(folder) is not { } current || root.Resolve(current) is not { } directory || !Directory.Exists(directory)) return null;
        page = Math.Max(1, page);
        var searching = !string.IsNullOrWhiteSpace(query);
        var files = Directory.EnumerateFiles(directory, "*", searching ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
            .Where(f => MediaContentTypes.Of(f) is not null)
            .Select(f => (Path: root.RelativePath(f), Info: new FileInfo(f)))
            .ToList();
        var paths = files.Select(f => f.Path).ToList();
        var records = await db.Set<MediaAssetRecord>().AsNoTracking().Where(r => paths.Contains(r.Path)).ToDictionaryAsync(r => r.Path);
        var all = files.Select(f => records.TryGetValue(f.Path, out var r)
                ? new MediaFile(f.Path, f.Info.Name, f.Info.Length, r.Width, r.Height, r.AltText, r.UploadedUtc)
                : new MediaFile(f.Path, f.Info.Name, f.Info.Length, 0, 0, "", f.Info.LastWriteTimeUtc))
            .Where(f => !searching || f.Name.Contains(query!.Trim(), StringComparison.OrdinalIgnoreCase) || f.AltText.Contains(query!.Trim(), StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(f => f.ModifiedUtc).ThenBy(f => f.Path, StringComparer.Ordinal)
            .ToList();
        var folders = searching ? [] : Directory.EnumerateDirectories(directory).Select(d => root.RelativePath(d)).Order(StringComparer.Ordinal).ToList();
        return new MediaListing(current, folders, all.Skip((page - 1) * PageSize).Take(PageSize).ToList(), all.Count, page, PageSize);
    }

    public async Task<MediaFile?> GetAsync(string path)
    {
        if (root.Resolve(path) is not { } full || !File.Exists(full) || MediaContentTypes.Of(full) is null) return null;
        var info = new FileInfo(full);
        var record = await db.Set<MediaAssetRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.Path == path);
        return new MediaFile(path, info.Name, info.Length, record?.Width ?? 0, record?.Height ?? 0, record?.AltText ?? "", record?.UploadedUtc ?? info.LastWriteTimeUtc);
    }

    public MediaResult<string> CreateFolder(string parent, string name)
    {
        var errors = new ContentErrors();
        var safe = SafeStem(name, keepCase: true);
        if (NormalizeFolder(parent) is not { } target || !Directory.Exists(root.Resolve(target)))
            errors.Add("Folder", T["The folder '{0}' does not exist.", parent]);
        else if (string.IsNullOrWhiteSpace(name) || safe.Length == 0)
            errors.Add("Name", T["Give the folder a name of letters or digits."]);
        else if (Directory.Exists(root.Resolve(Join(target, safe))))
            errors.Add("Name", T["A folder named '{0}' already exists here.", safe]);
        else
        {
            Directory.CreateDirectory(root.Resolve(Join(target, safe))!);
            return MediaResult<string>.Success(Join(target, safe));
        }
        return MediaResult<string>.Failure(errors.All);
    }

    public async Task<MediaResult<MediaFile>> SetAltTextAsync(string path, string altText)
    {
        var errors = new ContentErrors();
        altText = altText.Trim();
        if (await GetAsync(path) is not { } file)
            errors.Add("Path", T["There is no file '{0}' in the library.", path]);
        else if (altText.Length > 300)
            errors.Add("AltText", T["The alternative text must be at most 300 characters."]);
        else
        {
            var record = await db.Set<MediaAssetRecord>().FirstOrDefaultAsync(r => r.Path == path);
            if (record is null)
            {
                var image = ImageFile.Identify(await File.ReadAllBytesAsync(root.Resolve(path)!));
                record = new MediaAssetRecord
                {
                    Path = path, Folder = FolderOf(path), FileName = file.Name, ContentType = image?.ContentType ?? MediaContentTypes.Of(path)!,
                    Length = file.Length, Width = image?.Width ?? 0, Height = image?.Height ?? 0, UploadedUtc = file.ModifiedUtc,
                };
                db.Add(record);
            }
            record.AltText = altText;
            await db.SaveChangesAsync();
            return MediaResult<MediaFile>.Success(file with { AltText = altText });
        }
        return Fail(errors);
    }

    /// <summary>Deletes a file (and its record). Items that show it keep the path; their pages show the alt text.</summary>
    public async Task<bool> DeleteAsync(string path)
    {
        if (await GetAsync(path) is null) return false;
        await db.Set<MediaAssetRecord>().Where(r => r.Path == path).ExecuteDeleteAsync();
        var full = root.Resolve(path)!;
        File.Delete(full);
        sizes.Forget(full);
        return true;
    }

    /// <summary>"a/b" from user input, or null when it tries to leave the library.</summary>
    public static string? NormalizeFolder(string? folder)
    {
        var segments = (folder ?? "").Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return segments.Any(s => s is "." or "..") ? null : string.Join('/', segments);
    }

    public static string FolderOf(string path) => path.Contains('/') ? path[..path.LastIndexOf('/')] : "";

    private static string Join(string folder, string name) => folder.Length == 0 ? name : folder + "/" + name;

    /// <summary>Letters and digits of any script (a Chinese name stays readable), runs of anything else as one hyphen.</summary>
    private static string SafeStem(string fileName, bool keepCase = false)
    {
        var stem = keepCase ? fileName : System.IO.Path.GetFileNameWithoutExtension(fileName);
        var builder = new StringBuilder();
        foreach (var c in stem.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c) || c == '_') builder.Append(keepCase ? c : char.ToLowerInvariant(c));
            else if (builder.Length > 0 && builder[^1] != '-') builder.Append('-');
            if (builder.Length >= MaxNameLength) break;
        }
        var safe = builder.ToString().Trim('-');
        return safe.Length > 0 || keepCase ? safe : "image-" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
    }

    private static MediaResult<MediaFile> Fail(ContentErrors errors) => MediaResult<MediaFile>.Failure(errors.All);
}

/// <summary>The media folder on disk, and the one check that a path stays inside it.</summary>
public sealed class MediaRoot
{
    public MediaRoot(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>The full path of a library path, or null when it would leave the library.</summary>
    public string? Resolve(string? relative)
    {
        if (relative is null || relative.Contains('\\') || System.IO.Path.IsPathRooted(relative)) return null;
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, relative));
        return full == Path || full.StartsWith(Path + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }

    public string RelativePath(string full) => System.IO.Path.GetRelativePath(Path, full).Replace('\\', '/');
}

/// <summary>A library operation's value, or the errors that stopped it (nothing was changed).</summary>
public sealed record MediaResult<T>(T? Value, IReadOnlyList<ContentError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
    public static MediaResult<T> Success(T value) => new(value, []);
    public static MediaResult<T> Failure(IReadOnlyList<ContentError> errors) => new(default, errors);
}
