namespace Portal.Core.Media;

public enum ImageFormat { Jpeg, Png, Gif, WebP }

/// <summary>What a file is, told by its first bytes (its signature), never by its name or the browser's word.</summary>
public static class FileSignatures
{
    private static ReadOnlySpan<byte> Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> Zip => [0x50, 0x4B, 0x03, 0x04];
    private static ReadOnlySpan<byte> OleCompoundFile => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static ImageFormat? ImageFormatOf(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF) return ImageFormat.Jpeg;
        if (data.StartsWith(Png)) return ImageFormat.Png;
        if (data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8)) return ImageFormat.Gif;
        if (data.Length >= 12 && data.StartsWith("RIFF"u8) && data.Slice(8, 4).SequenceEqual("WEBP"u8)) return ImageFormat.WebP;
        return null;
    }

    public static bool IsPicture(ReadOnlySpan<byte> data) => ImageFormatOf(data) is not null;

    /// <summary>An .xlsx (a zip) or an .xls (an OLE compound file, as Word's .doc too).</summary>
    public static bool IsWorkbook(ReadOnlySpan<byte> data) => data.StartsWith(Zip) || data.StartsWith(OleCompoundFile);
}
