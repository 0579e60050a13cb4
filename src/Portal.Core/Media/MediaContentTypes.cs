namespace Portal.Core.Media;

/// <summary>The image types the library serves, by extension; anything else in the folder is never served.</summary>
public static class MediaContentTypes
{
    public static string? Of(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".jpg" or ".jpeg" => "image/jpeg",
        ".png" => "image/png",
        ".gif" => "image/gif",
        ".webp" => "image/webp",
        _ => null,
    };
}
