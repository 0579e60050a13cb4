using System.Buffers.Binary;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Media;
using Portal.Media.Services;
using Portal.Testing;
using SkiaSharp;

namespace Portal.Media.Tests;

/// <summary>Smaller copies at <c>/media/{path}?w=</c>: made once, kept on disk, never above the pixel limit.</summary>
public class ResizedImagesTests(MediaServer server) : IClassFixture<MediaServer>
{
    private string Put(string name, byte[] bytes)
    {
        var path = Path.Combine(server.MediaFolder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string CopyOf(string name, int width) =>
        Path.Combine(server.Services.GetRequiredService<ResizedImages>().Folder, width.ToString(), name);

    [Fact]
    public async Task A_wide_image_is_sent_at_the_width_asked_for_with_its_proportions_and_then_from_the_disk()
    {
        Put("wide.png", TestImages.Png(2000, 1000));
        using var client = server.NewClient();

        var first = await client.GetAsync("/media/wide.png?w=960");
        var bytes = await first.Content.ReadAsByteArrayAsync();
        var again = await client.GetAsync("/media/wide.png?w=960");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("image/png", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new ImageInfo(ImageFormat.Png, 960, 480), ImageFile.Identify(bytes));
        Assert.Equal("public, max-age=604800", first.Headers.CacheControl?.ToString());
        Assert.Equal(bytes, File.ReadAllBytes(CopyOf("wide.png", 960)));
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
        Assert.Equal(bytes, await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(new ImageInfo(ImageFormat.Png, 2000, 1000), ImageFile.Identify(await client.GetByteArrayAsync("/media/wide.png")));
    }

    [Fact]
    public async Task A_replaced_original_gets_a_new_copy()
    {
        var path = Put("replaced.png", TestImages.Png(2000, 1000));
        using var client = server.NewClient();
        Assert.Equal(480, ImageFile.Identify(await client.GetByteArrayAsync("/media/replaced.png?w=960"))!.Height);

        File.WriteAllBytes(path, TestImages.Png(2000, 500));
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));

        Assert.Equal(new ImageInfo(ImageFormat.Png, 960, 240), ImageFile.Identify(await client.GetByteArrayAsync("/media/replaced.png?w=960")));
    }

    [Fact]
    public async Task A_photo_taken_sideways_is_turned_upright_in_its_copy_which_carries_no_EXIF()
    {
        // Stored 1000 × 500, left half red and right half blue, with EXIF orientation 6 (turn a quarter clockwise):
        // shown 500 × 1000 with red on top.
        using (var bitmap = new SKBitmap(1000, 500))
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Blue);
            canvas.DrawRect(0, 0, 500, 500, new SKPaint { Color = SKColors.Red });
            canvas.Flush();
            using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
            byte[] exif = [0xFF, 0xE1, 0x00, 0x22, .. "Exif\0\0"u8, .. "MM\0*"u8, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0];
            var jpeg = data.ToArray();
            Put("sideways.jpg", [.. jpeg[..2], .. exif, .. jpeg[2..]]);
        }
        using var client = server.NewClient();

        var copy = await client.GetByteArrayAsync("/media/sideways.jpg?w=480");

        using var shown = SKBitmap.Decode(copy);
        Assert.Equal((480, 960), (shown.Width, shown.Height));
        Assert.True(shown.GetPixel(240, 100).Red > 200 && shown.GetPixel(240, 100).Blue < 60);
        Assert.True(shown.GetPixel(240, 860).Blue > 200 && shown.GetPixel(240, 860).Red < 60);
        Assert.Equal(SKEncodedOrigin.TopLeft, SKCodec.Create(new MemoryStream(copy))!.EncodedOrigin);
    }

    [Fact]
    public async Task An_image_narrower_than_the_width_is_sent_as_it_is_and_no_copy_is_made()
    {
        var original = TestImages.Png(800, 400);
        Put("narrow.png", original);
        using var client = server.NewClient();

        Assert.Equal(original, await client.GetByteArrayAsync("/media/narrow.png?w=1600"));
        Assert.False(File.Exists(CopyOf("narrow.png", 1600)));
    }

    [Theory]
    [InlineData("500")]
    [InlineData("100000")]
    [InlineData("-480")]
    public async Task A_width_outside_the_list_is_refused_and_nothing_is_written(string width)
    {
        Put("any.png", TestImages.Png(2000, 1000));
        using var client = server.NewClient();

        var response = await client.GetAsync("/media/any.png?w=" + width);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("480, 960, 1600", await response.Content.ReadAsStringAsync());
        Assert.False(Directory.Exists(Path.Combine(server.Services.GetRequiredService<ResizedImages>().Folder, width)));
    }

    [Fact]
    public async Task An_image_whose_header_claims_more_pixels_than_the_limit_is_not_decoded_and_the_file_is_sent_as_it_is()
    {
        // 30,000 × 30,000 announced (900 million pixels, 3.6 GB decoded) over a few bytes of data.
        var bomb = TestImages.Png(2000, 10);
        BinaryPrimitives.WriteInt32BigEndian(bomb.AsSpan(16), 30_000);
        BinaryPrimitives.WriteInt32BigEndian(bomb.AsSpan(20), 30_000);
        Put("bomb.png", bomb);
        using var client = server.NewClient();

        var response = await client.GetAsync("/media/bomb.png?w=480");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(bomb, await response.Content.ReadAsByteArrayAsync());
        Assert.False(File.Exists(CopyOf("bomb.png", 480)));
    }

    [Fact]
    public async Task A_damaged_image_is_sent_as_it_is()
    {
        var damaged = TestImages.Png(2000, 1000)[..80];
        Put("damaged.png", damaged);
        using var client = server.NewClient();

        Assert.Equal(damaged, await client.GetByteArrayAsync("/media/damaged.png?w=480"));
        Assert.False(File.Exists(CopyOf("damaged.png", 480)));
    }
}
