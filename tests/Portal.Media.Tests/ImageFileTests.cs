using System.Text;
using Portal.Core.Media;
using Portal.Media.Services;
using Portal.Testing;

namespace Portal.Media.Tests;

public class ImageFileTests
{
    [Fact]
    public void A_phone_photo_loses_its_GPS_position_camera_and_comment_but_keeps_its_orientation_and_pixels()
    {
        var original = TestImages.JpegWithGps();
        Assert.Contains("PhoneCam", Encoding.Latin1.GetString(original));

        var clean = ImageFile.StripMetadata(ImageFormat.Jpeg, original)!;

        var text = Encoding.Latin1.GetString(clean);
        Assert.DoesNotContain("PhoneCam", text);
        Assert.DoesNotContain("taken at home", text);
        Assert.False(HasTag(clean, 0x8825), "the GPS IFD pointer is gone");
        var exif = Jpeg.Segments(clean).Single(s => s.Marker == 0xE1);
        Assert.Equal((ushort)6, Jpeg.Orientation(clean.AsSpan(exif.BodyStart + 6, exif.Length - 6)));
        Assert.Equal(new ImageInfo(ImageFormat.Jpeg, 1, 1), ImageFile.Identify(clean));
        // Everything from the frame header on is the original's, byte for byte.
        var frame = Encoding.Latin1.GetString(TestImages.Jpeg()).IndexOf("\xFF\xC9", StringComparison.Ordinal);
        Assert.EndsWith(Encoding.Latin1.GetString(TestImages.Jpeg())[frame..], text);
    }

    [Fact]
    public void A_JPEG_without_metadata_comes_out_unchanged()
    {
        var jpeg = TestImages.Jpeg();

        Assert.Equal(jpeg, ImageFile.StripMetadata(ImageFormat.Jpeg, jpeg));
    }

    [Fact]
    public void A_PNG_loses_its_text_chunks_and_keeps_its_image_data()
    {
        var png = TestImages.Png(40, 30, withText: true);

        var clean = ImageFile.StripMetadata(ImageFormat.Png, png)!;

        Assert.DoesNotContain("Wutong", Encoding.Latin1.GetString(clean));
        Assert.Equal(TestImages.Png(40, 30).Length, clean.Length);
        Assert.Equal(new ImageInfo(ImageFormat.Png, 40, 30), ImageFile.Identify(clean));
    }

    [Theory]
    [InlineData("<html><script>alert(1)</script></html>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"></svg>")]
    [InlineData("GIF8")]
    [InlineData("")]
    public void Files_that_are_not_images_are_not_recognised_whatever_they_are_called(string content)
    {
        Assert.Null(ImageFile.Identify(Encoding.UTF8.GetBytes(content)));
    }

    [Fact]
    public void A_truncated_JPEG_is_not_recognised_and_cannot_be_cleaned()
    {
        var cut = TestImages.JpegWithGps()[..60];

        Assert.Null(ImageFile.Identify(cut));
        Assert.Null(ImageFile.StripMetadata(ImageFormat.Jpeg, cut));
    }

    /// <summary>Whether any EXIF block in the file has an IFD0 entry with this tag.</summary>
    private static bool HasTag(byte[] jpeg, ushort tag)
    {
        foreach (var segment in Jpeg.Segments(jpeg).Where(s => s.Marker == 0xE1))
        {
            var tiff = jpeg.AsSpan(segment.BodyStart + 6, segment.Length - 6);
            var count = BitConverter.ToUInt16(tiff[8..]);
            for (var i = 0; i < count; i++)
                if (BitConverter.ToUInt16(tiff[(10 + i * 12)..]) == tag) return true;
        }
        return false;
    }
}
