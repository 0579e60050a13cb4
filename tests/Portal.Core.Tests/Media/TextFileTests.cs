using System.Globalization;
using System.IO.Compression;
using System.Text;
using Portal.Core.Localization;
using Portal.Core.Media;
using Portal.Testing;

namespace Portal.Core.Tests.Media;

public class TextFileTests
{
    private const string Csv = "标题,所在社区,心愿人\r\n新书包,幸福里社区,李䶮\r\n";
    private static readonly PoStringLocalizer T = new(new PoCatalog([typeof(TextFile).Assembly]));

    private static Encoding Gb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(54936);
    }

    [Fact]
    public void UTF_8_is_read_with_or_without_a_byte_order_mark_and_the_mark_is_not_part_of_the_text()
    {
        Assert.Equal(Csv, TextFile.Read(Encoding.UTF8.GetBytes(Csv), T).Text);
        Assert.Equal(Csv, TextFile.Read([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(Csv)], T).Text);
    }

    [Fact]
    public void A_file_saved_by_Excel_on_Chinese_Windows_is_read_as_GB18030_with_GBK_and_four_byte_characters()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding(936).GetBytes("标题,所在社区\r\n新书包,幸福里社区\r\n");
        var gb18030 = Gb18030().GetBytes(Csv); // 䶮 (U+4DAE) is outside GBK: four bytes in GB18030

        Assert.Equal("标题,所在社区\r\n新书包,幸福里社区\r\n", TextFile.Read(gbk, T).Text);
        Assert.Equal(Csv, TextFile.Read(gb18030, T).Text);
        Assert.Null(TextFile.Read(gbk, T).Refusal);
    }

    [Fact]
    public void Workbooks_are_refused_with_how_to_save_them_as_CSV()
    {
        using var xlsx = new MemoryStream();
        using (var zip = new ZipArchive(xlsx, ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open()))
            writer.Write("<Types/>");
        byte[] xls = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]];

        foreach (var workbook in new[] { xlsx.ToArray(), xls })
        {
            var reading = TextFile.Read(workbook, T);
            Assert.Null(reading.Text);
            Assert.Equal("This is an Excel workbook; save it as CSV UTF-8 (逗号分隔) and upload that.", reading.Refusal);
        }
    }

    [Fact]
    public void Pictures_are_refused_as_pictures()
    {
        byte[] gif = [.. "GIF89a"u8, 1, 0, 1, 0, 0, 0, 0];
        byte[] webp = [.. "RIFF"u8, 22, 0, 0, 0, .. "WEBPVP8L"u8, 10, 0, 0, 0, 0x2F, 0, 0, 0, 0, 0, 0, 0, 0, 0];

        foreach (var picture in new[] { TestImages.Png(4, 3), TestImages.Jpeg(), gif, webp })
            Assert.Equal(new TextFileReading(null, "This is a picture, not a CSV file."), TextFile.Read(picture, T));
    }

    [Fact]
    public void NUL_bytes_or_bytes_that_are_neither_UTF_8_nor_GB18030_are_not_a_text_file()
    {
        var utf16 = Encoding.Unicode.GetBytes("标题\r\n书包\r\n");
        byte[] invalid = [.. Gb18030().GetBytes("标题\r\n书包"), 0xFF, 0x0D, 0x0A];
        byte[] cutShort = [.. Gb18030().GetBytes("标题\r\n书包"), 0x81];
        byte[] utf8WithBadBytes = [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes("标题\r\n"), 0xC3, 0x28];

        foreach (var file in new[] { utf16, invalid, cutShort, utf8WithBadBytes })
        {
            var reading = TextFile.Read(file, T);
            Assert.Null(reading.Text);
            Assert.StartsWith("This is not a text file", reading.Refusal);
        }
    }

    [Fact]
    public void Refusals_are_in_Chinese_for_zh_CN()
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        try
        {
            Assert.Equal("这是 Excel 工作簿，请另存为“CSV UTF-8（逗号分隔）”后上传。", TextFile.Read("PK\x03\x04"u8, T).Refusal);
            Assert.Equal("这是一张图片，不是 CSV 文件。", TextFile.Read(TestImages.Jpeg(), T).Refusal);
            Assert.StartsWith("这不是文本文件", TextFile.Read([0xFF, 0xFE, 0x00], T).Refusal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
