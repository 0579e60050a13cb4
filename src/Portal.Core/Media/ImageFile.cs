using System.Buffers.Binary;

namespace Portal.Core.Media;

/// <summary>What an upload turned out to be, read from its bytes (never from its name or the browser's word).</summary>
public sealed record ImageInfo(ImageFormat Format, int Width, int Height)
{
    public string ContentType => Format switch
    {
        ImageFormat.Jpeg => "image/jpeg",
        ImageFormat.Png => "image/png",
        ImageFormat.Gif => "image/gif",
        _ => "image/webp",
    };

    public string Extension => Format switch
    {
        ImageFormat.Jpeg => ".jpg",
        ImageFormat.Png => ".png",
        ImageFormat.Gif => ".gif",
        _ => ".webp",
    };
}

/// <summary>
/// Recognises JPEG, PNG, GIF and WebP by their signatures and reads their size from the header. SVG is not
/// accepted: it is a document that can carry script, not a picture.
/// </summary>
public static class ImageFile
{
    public static ImageInfo? Identify(ReadOnlySpan<byte> data) => FileSignatures.ImageFormatOf(data) switch
    {
        ImageFormat.Jpeg => JpegSize(data) is { } jpeg ? new ImageInfo(ImageFormat.Jpeg, jpeg.Item1, jpeg.Item2) : null,
        ImageFormat.Png when data.Length >= 24 && data.Slice(12, 4).SequenceEqual("IHDR"u8) =>
            new ImageInfo(ImageFormat.Png, BinaryPrimitives.ReadInt32BigEndian(data[16..]), BinaryPrimitives.ReadInt32BigEndian(data[20..])),
        ImageFormat.Gif when data.Length >= 10 =>
            new ImageInfo(ImageFormat.Gif, BinaryPrimitives.ReadUInt16LittleEndian(data[6..]), BinaryPrimitives.ReadUInt16LittleEndian(data[8..])),
        ImageFormat.WebP when data.Length >= 30 => WebPSize(data) is { } webp ? new ImageInfo(ImageFormat.WebP, webp.Item1, webp.Item2) : null,
        _ => null,
    };

    /// <summary>
    /// The image without the metadata that can tell where and when it was taken (EXIF, XMP, IPTC, text chunks);
    /// null when the file is malformed.
    /// </summary>
    public static byte[]? StripMetadata(ImageFormat format, ReadOnlySpan<byte> data) => format switch
    {
        ImageFormat.Jpeg => Jpeg.StripMetadata(data),
        ImageFormat.Png => StripPng(data),
        ImageFormat.WebP => StripWebP(data),
        _ => data.ToArray(), // GIF holds no camera metadata; comment blocks carry no position
    };

    private static readonly string[] PngMetadataChunks = ["eXIf", "tEXt", "zTXt", "iTXt", "tIME"];

    private static byte[]? StripPng(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream(data.Length);
        output.Write(data[..8]);
        var position = 8;
        while (position + 12 <= data.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(data[position..]);
            if (length < 0 || position + 12 + length > data.Length) return null;
            var type = System.Text.Encoding.ASCII.GetString(data.Slice(position + 4, 4));
            var end = position + 12 + length;
            if (!PngMetadataChunks.Contains(type)) output.Write(data[position..end]);
            position = end;
            if (type == "IEND") return output.ToArray();
        }
        return null;
    }

    private static byte[]? StripWebP(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream(data.Length);
        output.Write(data[..12]);
        var position = 12;
        while (position + 8 <= data.Length)
        {
            var type = System.Text.Encoding.ASCII.GetString(data.Slice(position, 4));
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(data[(position + 4)..]);
            var end = position + 8 + size + (size & 1); // chunks are padded to an even size
            if (size < 0 || end > data.Length) return null;
            if (type is not ("EXIF" or "XMP "))
            {
                var chunk = data[position..end].ToArray();
                if (type == "VP8X" && chunk.Length > 8) chunk[8] &= unchecked((byte)~0x0C); // no longer announces EXIF (0x08) or XMP (0x04)
                output.Write(chunk);
            }
            position = end;
        }
        var bytes = output.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)(bytes.Length - 8));
        return bytes;
    }

    private static (int, int)? JpegSize(ReadOnlySpan<byte> data)
    {
        foreach (var segment in Jpeg.Segments(data))
        {
            // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
            if (segment.Marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC && segment.Length >= 7)
            {
                var body = data.Slice(segment.BodyStart, segment.Length);
                return (BinaryPrimitives.ReadUInt16BigEndian(body[3..]), BinaryPrimitives.ReadUInt16BigEndian(body[1..]));
            }
        }
        return null;
    }

    private static (int, int)? WebPSize(ReadOnlySpan<byte> data)
    {
        var chunk = data.Slice(12, 4);
        if (chunk.SequenceEqual("VP8X"u8))
            return (1 + (data[24] | data[25] << 8 | data[26] << 16), 1 + (data[27] | data[28] << 8 | data[29] << 16));
        if (chunk.SequenceEqual("VP8 "u8) && data[23] == 0x9D && data[24] == 0x01 && data[25] == 0x2A)
            return (BinaryPrimitives.ReadUInt16LittleEndian(data[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(data[28..]) & 0x3FFF);
        if (chunk.SequenceEqual("VP8L"u8) && data[20] == 0x2F)
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[21..]);
            return ((int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }
        return null;
    }
}
