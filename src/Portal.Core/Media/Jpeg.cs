using System.Buffers.Binary;

namespace Portal.Core.Media;

/// <summary>
/// JPEG at the level of its segments (marker, length, body): enough to find the frame size and to drop the
/// segments that carry where and when a photo was taken. Pixels are never decoded.
/// </summary>
public static class Jpeg
{
    public readonly record struct Segment(byte Marker, int Start, int BodyStart, int Length)
    {
        /// <summary>Where the segment ends (the next marker starts).</summary>
        public int End => BodyStart + Length;
    }

    private const byte StartOfScan = 0xDA;

    /// <summary>The header segments from SOI up to and including SOS; stops at the first malformed one.</summary>
    public static IEnumerable<Segment> Segments(ReadOnlySpan<byte> data)
    {
        var list = new List<Segment>();
        var position = 2; // after SOI
        while (position + 4 <= data.Length && data[position] == 0xFF)
        {
            var marker = data[position + 1];
            if (marker == 0xFF) { position++; continue; } // fill byte
            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(position + 2)..]);
            if (length < 2 || position + 2 + length > data.Length) break;
            list.Add(new Segment(marker, position, position + 4, length - 2));
            if (marker == StartOfScan) break;
            position += 2 + length;
        }
        return list;
    }

    /// <summary>
    /// The JPEG without EXIF, XMP, IPTC and comments — GPS position, camera serial numbers, time stamps and embedded
    /// thumbnails go with them. The orientation tag is kept in a minimal EXIF block, so phone photos stay upright.
    /// Returns null when the file's segments do not add up.
    /// </summary>
    public static byte[]? StripMetadata(ReadOnlySpan<byte> data)
    {
        var segments = Segments(data).ToList();
        if (segments.Count == 0 || segments[^1].Marker != StartOfScan) return null;
        using var output = new MemoryStream(data.Length);
        output.Write([0xFF, 0xD8]);
        ushort? orientation = null;
        var wroteOrientation = false;
        foreach (var segment in segments)
        {
            var body = data.Slice(segment.BodyStart, segment.Length);
            var isExif = segment.Marker == 0xE1 && body.StartsWith("Exif\0\0"u8);
            if (isExif) orientation ??= Orientation(body[6..]);
            var drop = segment.Marker is 0xE1 or 0xED or 0xFE; // APP1 (EXIF, XMP), APP13 (IPTC), COM
            if (!drop)
            {
                // The orientation goes right after JFIF (APP0), before anything else that is kept.
                if (!wroteOrientation && segment.Marker != 0xE0 && orientation is { } o)
                {
                    output.Write(OrientationSegment(o));
                    wroteOrientation = true;
                }
                output.Write(data[segment.Start..segment.End]);
            }
        }
        output.Write(data[segments[^1].End..]); // the scan data to EOI
        return output.ToArray();
    }

    /// <summary>The orientation (tag 0x0112) of IFD0 in a TIFF block, or null.</summary>
    public static ushort? Orientation(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length < 8) return null;
        var little = tiff[0] == (byte)'I' && tiff[1] == (byte)'I';
        if (!little && !(tiff[0] == (byte)'M' && tiff[1] == (byte)'M')) return null;
        var ifd = (int)(little ? BinaryPrimitives.ReadUInt32LittleEndian(tiff[4..]) : BinaryPrimitives.ReadUInt32BigEndian(tiff[4..]));
        if (ifd < 8 || ifd + 2 > tiff.Length) return null;
        var count = U16(tiff, ifd, little);
        for (var i = 0; i < count; i++)
        {
            var entry = ifd + 2 + i * 12;
            if (entry + 12 > tiff.Length) return null;
            if (U16(tiff, entry, little) == 0x0112) return U16(tiff, entry + 8, little) is var value and >= 1 and <= 8 ? value : null;
        }
        return null;
    }

    private static ushort U16(ReadOnlySpan<byte> tiff, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(tiff[at..]) : BinaryPrimitives.ReadUInt16BigEndian(tiff[at..]);

    /// <summary>An APP1 EXIF segment holding one tag: the orientation.</summary>
    private static byte[] OrientationSegment(ushort orientation)
    {
        var tiff = new byte[] { (byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, (byte)orientation, 0, 0, 0, 0, 0, 0, 0 };
        var segment = new byte[4 + 6 + tiff.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(2 + 6 + tiff.Length));
        "Exif\0\0"u8.CopyTo(segment.AsSpan(4));
        tiff.CopyTo(segment.AsSpan(10));
        return segment;
    }
}
