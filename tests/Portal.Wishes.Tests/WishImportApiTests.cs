using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Testing;

namespace Portal.Wishes.Tests;

/// <summary>
/// <c>POST /api/wishes/import</c> over real HTTP with files as community staff save them from Excel or WPS on Chinese
/// Windows, on the module's own Wish type: GBK text is imported as the Chinese it holds; workbooks, pictures and
/// binary files are refused with 415 and import nothing.
/// </summary>
public sealed class WishImportApiTests(IntakeServer server) : IClassFixture<IntakeServer>
{
    private static readonly Encoding Gbk = CodePage(936);

    private static Encoding CodePage(int number)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(number);
    }

    /// <summary>A wish list with the shipped type's Chinese column names; <paramref name="item"/> marks its wishes.</summary>
    private static string WishList(string item) => $"""
        标题,心愿内容,需求类别,心愿类型,公开称呼,所在社区,心愿人姓名,联系电话,同意公开心愿
        想要{item},{item},学习用品,物质类,李奶奶,幸福里社区,李秀英,13800001111,是
        给爷爷的{item},{item},必需物资,物质类,王爷爷,幸福里社区,王建国,13800002222,是

        """.ReplaceLineEndings("\r\n");

    private static async Task<HttpResponseMessage> PostAsync(HttpClient staff, byte[] file, bool commit, bool chunked = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/wishes/import?commit={commit}") { Content = new ByteArrayContent(file) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        request.Headers.TransferEncodingChunked = chunked;
        return await staff.SendAsync(request);
    }

    private Task<int> WishCountAsync() =>
        server.InScopeAsync(sp => sp.GetRequiredService<ContentManager>().Records.AsNoTracking().Where(r => r.ContentType == "Wish").Select(r => r.ContentItemId).Distinct().CountAsync());

    [Fact]
    public async Task A_GBK_wish_list_from_Excel_is_previewed_then_imported_with_its_Chinese_text()
    {
        using var staff = await server.NewSignedInClientAsync("s" + Guid.NewGuid().ToString("N")[..10], IntakeServer.Staff);
        var item = "新书包" + Guid.NewGuid().ToString("N")[..6];
        var file = Gbk.GetBytes(WishList(item));

        var preview = await PostAsync(staff, file, commit: false);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var previewed = (await preview.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((2, 2, false), (previewed["rows"]!.GetValue<int>(), previewed["imported"]!.GetValue<int>(), previewed["committed"]!.GetValue<bool>()));
        Assert.Empty(await server.WishesOfAsync(item));

        var imported = await PostAsync(staff, file, commit: true);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.True((await imported.Content.ReadFromJsonAsync<JsonObject>())!["committed"]!.GetValue<bool>());
        var wishes = await server.InScopeAsync(async sp => await sp.GetRequiredService<ContentManager>().GetManyAsync(await server.WishesOfAsync(item), VersionOptions.Latest));
        Assert.Equal(["想要" + item, "给爷爷的" + item], wishes.Select(w => w.DisplayText).Order());
        var grandma = wishes.Single(w => w.DisplayText == "想要" + item);
        Assert.Equal(item, grandma.Content["Wish"]!["ItemText"]!["Text"]!.GetValue<string>());
        Assert.Equal("李奶奶", grandma.Content["Wish"]!["Alias"]!["Text"]!.GetValue<string>());
        Assert.Equal("study-supplies", grandma.Content["Wish"]!["Category"]!["Value"]!.GetValue<string>());
        Assert.Equal(server.CommunityId, grandma.Content["Wish"]!["Community"]!["ContentItemIds"]![0]!.GetValue<string>());
        var contact = await staff.GetFromJsonAsync<JsonObject>($"/api/wishes/{grandma.ContentItemId}/contact");
        Assert.Equal("李秀英", contact!["name"]!.GetValue<string>());
    }

    public static TheoryData<string, string> RefusedFiles => new()
    {
        { "xlsx", "这是 Excel 工作簿，请另存为“CSV UTF-8（逗号分隔）”后上传。" },
        { "xls", "这是 Excel 工作簿，请另存为“CSV UTF-8（逗号分隔）”后上传。" },
        { "png", "这是一张图片，不是 CSV 文件。" },
        { "utf-16", "这不是文本文件：其中有既不是 UTF-8 也不是 GB18030 文字的字节。请另存为“CSV UTF-8（逗号分隔）”后上传。" },
        { "invalid bytes", "这不是文本文件：其中有既不是 UTF-8 也不是 GB18030 文字的字节。请另存为“CSV UTF-8（逗号分隔）”后上传。" },
    };

    /// <summary>Each file holds a wish list that would import if its bytes were taken for text.</summary>
    private static byte[] FileOf(string kind, string item) => kind switch
    {
        "xlsx" => Zipped(WishList(item)),
        "xls" => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. Gbk.GetBytes(WishList(item))],
        "png" => [.. TestImages.Png(8, 8), .. Encoding.UTF8.GetBytes(WishList(item))],
        "utf-16" => Encoding.Unicode.GetBytes(WishList(item)),
        _ => [.. Gbk.GetBytes(WishList(item)), 0xFF, .. Gbk.GetBytes(WishList(item + "b").Split("\r\n", 2)[1])],
    };

    private static byte[] Zipped(string sheet)
    {
        using var file = new MemoryStream();
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.NoCompression).Open()))
            writer.Write(sheet);
        return file.ToArray();
    }

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public async Task A_workbook_a_picture_or_a_binary_file_is_refused_with_415_and_imports_nothing(string kind, string message)
    {
        using var staff = await server.NewSignedInClientAsync("s" + Guid.NewGuid().ToString("N")[..10], IntakeServer.Staff);
        var item = "台灯" + Guid.NewGuid().ToString("N")[..6];
        var before = await WishCountAsync();

        var response = await PostAsync(staff, FileOf(kind, item), commit: true);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(message, (await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>());
        Assert.Equal(before, await WishCountAsync());
        Assert.Empty(await server.WishesOfAsync(item));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_file_over_5_MB_is_refused_with_413_whether_or_not_it_gives_its_length(bool chunked)
    {
        using var staff = await server.NewSignedInClientAsync("s" + Guid.NewGuid().ToString("N")[..10], IntakeServer.Staff);
        var item = "收音机" + Guid.NewGuid().ToString("N")[..6];
        var list = WishList(item);
        var file = Encoding.UTF8.GetBytes(list + string.Concat(Enumerable.Repeat(list.Split("\r\n", 2)[1], 5 * 1024 * 1024 / list.Length + 1)));
        var before = await WishCountAsync();

        var response = await PostAsync(staff, file, commit: true, chunked);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("文件超过 5 MB，请拆分后分批导入。", (await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>());
        Assert.Equal(before, await WishCountAsync());
    }
}
