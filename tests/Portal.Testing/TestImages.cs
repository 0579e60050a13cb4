using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Portal.Testing;

/// <summary>Real image files built byte by byte, so tests need no image library and no binary fixtures.</summary>
public static class TestImages
{
    /// <summary>A 1×1 JPEG (arithmetic-coded baseline: the smallest well-formed JPEG).</summary>
    public static byte[] Jpeg() => Convert.FromHexString(
        "FFD8FFDB004300030202020202030202020303030304060404040404080606050609080A0A090809090A0C0F0C0A0B0E0B09090D110D0E0F101011100A0C12131210130F101010" +
        "FFC9000B080001000101011100FFCC000600101005FFDA0008010100003F00D2CF20FFD9");

    /// <summary>
    /// The JPEG with an EXIF block as a phone writes it: orientation 6 (rotated), camera model, and a GPS IFD holding
    /// the latitude 31°14' N. Returns the file and the GPS marker bytes to look for.
    /// </summary>
    public static byte[] JpegWithGps()
    {
        var tiff = new List<byte>();
        void U16(int v) { tiff.Add((byte)v); tiff.Add((byte)(v >> 8)); }
        void U32(int v) { U16(v & 0xFFFF); U16(v >> 16); }
        tiff.AddRange("II"u8.ToArray()); U16(42); U32(8);
        // IFD0 at 8: three entries, then next-IFD 0. Model's text and the GPS IFD follow.
        const int ifd0Entries = 3, ifd0Size = 2 + ifd0Entries * 12 + 4;
        var modelOffset = 8 + ifd0Size;
        var model = Encoding.ASCII.GetBytes("PhoneCam X1\0");
        var gpsOffset = modelOffset + model.Length;
        U16(ifd0Entries);
        U16(0x0110); U16(2); U32(model.Length); U32(modelOffset);   // Model
        U16(0x0112); U16(3); U32(1); U16(6); U16(0);                // Orientation = 6
        U16(0x8825); U16(4); U32(1); U32(gpsOffset);                // GPS IFD pointer
        U32(0);
        tiff.AddRange(model);
        // GPS IFD: LatitudeRef "N", Latitude 31/1 14/1 0/1 (rationals after the IFD).
        var rationals = gpsOffset + 2 + 2 * 12 + 4;
        U16(2);
        U16(0x0001); U16(2); U32(2); tiff.Add((byte)'N'); tiff.Add(0); U16(0);
        U16(0x0002); U16(5); U32(3); U32(rationals);
        U32(0);
        foreach (var (n, d) in new[] { (31, 1), (14, 1), (0, 1) }) { U32(n); U32(d); }

        var app1 = new List<byte> { 0xFF, 0xE1, 0, 0 };
        app1.AddRange("Exif\0\0"u8.ToArray());
        app1.AddRange(tiff);
        BinaryPrimitives.WriteUInt16BigEndian(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(app1)[2..], (ushort)(app1.Count - 2));
        var comment = new List<byte> { 0xFF, 0xFE, 0, 0 };
        comment.AddRange(Encoding.ASCII.GetBytes("taken at home"));
        BinaryPrimitives.WriteUInt16BigEndian(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(comment)[2..], (ushort)(comment.Count - 2));
        var jpeg = Jpeg();
        return [.. jpeg[..2], .. app1, .. comment, .. jpeg[2..]];
    }

    /// <summary>A PNG of the given size, solid red or random noise (which does not compress), optionally with a tEXt chunk naming a place.</summary>
    public static byte[] Png(int width, int height, bool withText = false, bool noise = false)
    {
        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; header[9] = 2; // 8-bit RGB
        Chunk(output, "IHDR", header);
        if (withText) Chunk(output, "tEXt", Encoding.Latin1.GetBytes("Location\0Wutong Street 12"));
        var raw = new byte[height * (1 + width * 3)];
        // Filter byte 0 (none) starts each row; noise may put anything there, so rows are reset below.
        if (noise) new Random(7).NextBytes(raw);
        for (var y = 0; y < height && !noise; y++)
            for (var x = 0; x < width; x++)
            {
                var at = y * (1 + width * 3) + 1 + x * 3;
                raw[at] = 0xB3; raw[at + 1] = 0x26; raw[at + 2] = 0x1E;
            }
        for (var y = 0; y < height; y++) raw[y * (1 + width * 3)] = 0;
        using (var compressed = new MemoryStream())
        {
            using (var z = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) z.Write(raw);
            Chunk(output, "IDAT", compressed.ToArray());
        }
        Chunk(output, "IEND", []);
        return output.ToArray();
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        output.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        output.Write(crc);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
