using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Media;
using SkiaSharp;

namespace Portal.Media.Services;

/// <summary>
/// Smaller copies of library images at the widths of <see cref="Portal.Core.Content.ResponsiveImages"/>, made on first
/// request and kept on disk (<c>{folder}/{width}/{path}</c>) until the original changes. Decoding is bounded: the size
/// is read from the header and nothing above <see cref="MediaOptions.MaxPixels"/> is decoded, JPEGs are decoded
/// already scaled down, and at most as many copies are made at once as there are processors. The folder's size is
/// kept in bounds by <see cref="SizesCache"/>.
/// </summary>
public sealed class ResizedImages(SizesCache cache, MediaRoot root, IOptions<MediaOptions> options, ILogger<ResizedImages> logger)
{
    private readonly SemaphoreSlim decoding = new(Environment.ProcessorCount);

    public string Folder => cache.Folder;

    /// <summary>The file to send for <paramref name="original"/> at <paramref name="width"/>: a copy, or the original itself
    /// when it is no wider, animated (GIF), too large to decode or unreadable.</summary>
    public async Task<string> FileAtWidthAsync(string original, int width, CancellationToken cancel)
    {
        var copy = CopyPath(original, width);
        if (IsFresh(copy, original)) { cache.Sent(copy); return copy; }
        await decoding.WaitAsync(cancel);
        try
        {
            if (IsFresh(copy, original)) return copy; // made by a request that held the slot before this one
            if (Resize(original, width) is not { } bytes) return original;
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            var temporary = copy + "." + Guid.NewGuid().ToString("N") + ".tmp"; // readers never see half a file
            await File.WriteAllBytesAsync(temporary, bytes, CancellationToken.None);
            File.Move(temporary, copy, overwrite: true);
            cache.Added(bytes.Length);
            return copy;
        }
        finally
        {
            decoding.Release();
        }
    }

    /// <summary>Removes the copies of a file the library no longer has.</summary>
    public void Forget(string original)
    {
        foreach (var copy in Portal.Core.Content.ResponsiveImages.Widths.Select(w => CopyPath(original, w)))
            if (File.Exists(copy)) File.Delete(copy); // File.Delete refuses a folder that does not exist
    }

    private string CopyPath(string original, int width) =>
        Path.Combine(Folder, width.ToString(System.Globalization.CultureInfo.InvariantCulture), root.RelativePath(original));

    private static bool IsFresh(string copy, string original) =>
        File.Exists(copy) && File.GetLastWriteTimeUtc(copy) >= File.GetLastWriteTimeUtc(original);

    private byte[]? Resize(string original, int width)
    {
        using var codec = SKCodec.Create(original);
        if (codec is null || codec.EncodedFormat is not (SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Png or SKEncodedImageFormat.Webp)) return null;
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0 || (long)info.Width * info.Height > options.Value.MaxPixels) return null;
        var turned = codec.EncodedOrigin >= SKEncodedOrigin.LeftTop; // the photo is shown rotated a quarter turn
        var (shownWidth, shownHeight) = turned ? (info.Height, info.Width) : (info.Width, info.Height);
        if (width >= shownWidth) return null;
        var height = Math.Max(1, (int)Math.Round((double)shownHeight * width / shownWidth));
        try
        {
            // JPEG decodes at 1/2, 1/4 or 1/8 of its size for little memory; the rest is resampled from there.
            var scaled = codec.GetScaledDimensions((float)width / shownWidth);
            if ((turned ? scaled.Height : scaled.Width) < width) scaled = new SKSizeI(info.Width, info.Height);
            using var decoded = new SKBitmap(info.WithSize(scaled.Width, scaled.Height));
            // A truncated file decodes partly (IncompleteInput); a copy of half a picture would hide the damage.
            if (codec.GetPixels(decoded.Info, decoded.GetPixels()) != SKCodecResult.Success) return null;
            using var upright = Orient(decoded, codec.EncodedOrigin);
            using var resized = upright.Resize(new SKSizeI(width, height), new SKSamplingOptions(SKCubicResampler.Mitchell));
            if (resized is null) return null;
            using var pixels = resized.PeekPixels();
            using var data = codec.EncodedFormat switch
            {
                SKEncodedImageFormat.Jpeg => pixels.Encode(new SKJpegEncoderOptions(82, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore)),
                SKEncodedImageFormat.Webp => pixels.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, 80)),
                _ => pixels.Encode(SKPngEncoderOptions.Default),
            };
            return data?.ToArray();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning(e, "Could not make a {Width} px copy of {File}; the original is sent", width, original);
            return null;
        }
    }

    /// <summary>The pixels turned the way the EXIF orientation says, since the copy carries no EXIF.</summary>
    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        float w = source.Width, h = source.Height;
        SKMatrix? turn = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            _ => null,
        };
        if (turn is not { } matrix) return source.Copy();
        var turned = origin >= SKEncodedOrigin.LeftTop;
        var result = new SKBitmap(source.Info.WithSize(turned ? source.Height : source.Width, turned ? source.Width : source.Height));
        using var canvas = new SKCanvas(result);
        canvas.SetMatrix(matrix);
        canvas.DrawBitmap(source, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest), null); // quarter turns map pixels onto pixels
        return result;
    }
}
