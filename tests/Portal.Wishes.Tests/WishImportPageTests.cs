using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Testing;
using Portal.Wishes.Models;

namespace Portal.Wishes.Tests;

/// <summary>
/// The CSV import page <c>/admin/wishes/import</c> over real HTTP: upload and preview save nothing, a refused file says
/// why and saves nothing, the confirm imports the file kept since the preview (antiforgery checked) in batches.
/// </summary>
public sealed class WishImportPageTests(IntakeServer server) : IClassFixture<IntakeServer>
{
    private const string Page = "/admin/wishes/import";

    private static string Name(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A wish list of <paramref name="rows"/> different people's wishes; <paramref name="item"/> marks them.</summary>
    private static byte[] WishList(string item, int rows, string category = "学习用品")
    {
        var text = new StringBuilder("标题,心愿内容,需求类别,心愿类型,公开称呼,所在社区,心愿人姓名,联系电话,同意公开心愿\r\n");
        for (var i = 1; i <= rows; i++)
            text.Append($"想要{item}-{i},{item}-{i},{category},物质类,李奶奶,幸福里社区,李秀英{i},138{i:D8},是\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] file, string fileName = "心愿.csv")
    {
        var token = await PortalServer.AntiforgeryTokenAsync(client, Page);
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(content, "file", fileName);
        form.Add(new StringContent("wish-card"), "channel");
        return await client.PostAsync(Page, form);
    }

    /// <summary>Uploads the file and returns the preview page's address.</summary>
    private static async Task<string> PreviewAsync(HttpClient client, byte[] file)
    {
        var uploaded = await UploadAsync(client, file);
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var location = uploaded.Headers.Location!.ToString();
        Assert.Matches("^/admin/wishes/import/[0-9a-f]{32}$", location);
        return location;
    }

    private Task<WishImportState> StateAsync(string job) =>
        server.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<WishImportJobRecord>().AsNoTracking()
            .Where(j => j.Token == job.Substring(job.LastIndexOf('/') + 1)).Select(j => j.State).FirstAsync());

    [Fact]
    public async Task Only_staff_who_review_wishes_may_import()
    {
        using var anonymous = server.NewClient();
        using var volunteer = await server.NewSignedInClientAsync(Name("v"), "Volunteer");
        await server.CreateRoleAsync("Editor", "AccessAdmin");
        using var editor = await server.NewSignedInClientAsync(Name("e"), "Editor");

        Assert.Contains("/login", (await anonymous.GetAsync(Page)).Headers.Location!.ToString());
        PageAssert.Denied(await volunteer.GetAsync(Page));
        PageAssert.Denied(await editor.GetAsync(Page));
        PageAssert.Denied(await editor.GetAsync(Page + "/template.csv"));
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync("/access-denied")).StatusCode);

        // The work queue leads reviewers to the import, and no one else.
        using var staff = await server.NewSignedInClientAsync(Name("s"), IntakeServer.Staff);
        Assert.Contains($"href=\"{Page}\"", await staff.GetStringAsync("/admin/wishes/queue"));
        Assert.DoesNotContain($"href=\"{Page}\"", await editor.GetStringAsync("/admin/wishes/queue"));
    }

    [Fact]
    public async Task A_preview_lists_the_first_rows_counts_and_duplicates_and_saves_nothing()
    {
        using var staff = await server.NewSignedInClientAsync(Name("s"), IntakeServer.Staff);
        var item = "书包" + Guid.NewGuid().ToString("N")[..6];
        var form = await staff.GetStringAsync(Page);
        Assert.Contains("enctype=\"multipart/form-data\"", form);
        Assert.Contains("/admin/wishes/import/template.csv", form);
        PageAssert.EveryFormCarriesItsToken(form);
        var template = await staff.GetAsync(Page + "/template.csv");
        Assert.StartsWith("text/csv", template.Content.Headers.ContentType!.ToString());
        Assert.StartsWith("\uFEFF标题,", Encoding.UTF8.GetString(await template.Content.ReadAsByteArrayAsync()));

        var list = Encoding.UTF8.GetString(WishList(item, 25));
        var file = Encoding.UTF8.GetBytes(list + list.Split("\r\n")[1] + "\r\n"); // row 27 repeats row 2
        var page = await staff.GetStringAsync(await PreviewAsync(staff, file));

        Assert.Contains($"想要{item}-1<", page);
        Assert.Contains($"想要{item}-20<", page);
        Assert.DoesNotContain($"想要{item}-21<", page);
        Assert.Contains("id=\"count-rows\">26<", page);
        Assert.Contains("id=\"count-ok\">26<", page);
        Assert.Contains("id=\"count-errors\">0<", page);
        Assert.Contains("id=\"count-duplicates\">1<", page);
        Assert.Contains("与第 2 行", page);
        Assert.Contains("id=\"import-confirm\"", page);
        Assert.Contains("role=\"progressbar\"", page);
        Assert.Contains("/wishes/assets/import.js", page);
        PageAssert.EveryFormCarriesItsToken(page);
        Assert.Empty(await server.WishesOfAsync(item));
    }

    [Fact]
    public async Task A_broken_file_is_refused_with_the_reason_and_a_file_with_a_bad_row_imports_nothing()
    {
        using var staff = await server.NewSignedInClientAsync(Name("s"), IntakeServer.Staff);
        var item = "台灯" + Guid.NewGuid().ToString("N")[..6];

        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(archive.CreateEntry("xl/worksheets/sheet1.xml").Open()))
            writer.Write(Encoding.UTF8.GetString(WishList(item, 2)));
        var workbook = await UploadAsync(staff, zip.ToArray(), "心愿.xlsx");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, workbook.StatusCode);
        var refused = await workbook.Content.ReadAsStringAsync();
        Assert.Contains("这是 Excel 工作簿，请另存为“CSV UTF-8（逗号分隔）”后上传。", refused);
        Assert.Contains("未导入任何数据", refused);

        var big = await UploadAsync(staff, new byte[5 * 1024 * 1024 + 1]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        Assert.Contains("文件超过 5 MB，请拆分后分批导入。", await big.Content.ReadAsStringAsync());

        var list = Encoding.UTF8.GetString(WishList(item, 3));
        var badRow = list.Replace($"想要{item}-2,{item}-2,学习用品", $"想要{item}-2,{item}-2,飞船");
        var job = await PreviewAsync(staff, Encoding.UTF8.GetBytes(badRow));
        var page = await staff.GetStringAsync(job);
        Assert.Contains("error-summary", page);
        Assert.Contains("id=\"count-errors\">1<", page);
        Assert.Contains("<td>3</td><td>需求类别</td>", page);
        Assert.DoesNotContain("id=\"import-confirm\"", page);
        Assert.Equal(HttpStatusCode.Redirect, (await PortalServer.PostFormAsync(staff, job, [], job)).StatusCode);
        Assert.Equal(WishImportState.Refused, await StateAsync(job));
        Assert.Empty(await server.WishesOfAsync(item));
    }

    [Fact]
    public async Task Confirming_imports_every_row_in_batches_once_and_reports_the_rows_done()
    {
        using var staff = await server.NewSignedInClientAsync(Name("s"), IntakeServer.Staff);
        var item = "暖水袋" + Guid.NewGuid().ToString("N")[..6];
        const int rows = 230;
        var job = await PreviewAsync(staff, WishList(item, rows));
        Assert.Equal(new JsonObject { ["state"] = "Previewed", ["imported"] = 0, ["total"] = rows }.ToJsonString(),
            (await staff.GetFromJsonAsync<JsonObject>(job + "/status"))!.ToJsonString());

        var confirmed = await PortalServer.PostFormAsync(staff, job, [], job);

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(job, confirmed.Headers.Location!.ToString());
        Assert.Equal(rows, (await server.WishesOfAsync(item)).Count);
        var status = (await staff.GetFromJsonAsync<JsonObject>(job + "/status"))!;
        Assert.Equal(("Done", rows, rows), (status["state"]!.GetValue<string>(), status["imported"]!.GetValue<int>(), status["total"]!.GetValue<int>()));
        var summary = await staff.GetStringAsync(job);
        Assert.Contains("id=\"import-summary\"", summary);
        Assert.Contains($"aria-valuenow=\"{rows}\"", summary);
        Assert.Contains("/admin/wishes/queue?tab=Review", summary);
        var stored = await server.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<WishImportJobRecord>().AsNoTracking()
            .FirstAsync(j => j.Token == job.Substring(job.LastIndexOf('/') + 1)));
        Assert.Null(stored.Csv);
        var ids = await server.WishesOfAsync(item);
        var submitted = await server.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<WishIndexRecord>().AsNoTracking()
            .CountAsync(w => ids.Contains(w.WishId) && w.Status == WishStatus.Submitted));
        Assert.Equal(rows, submitted);

        Assert.Equal(HttpStatusCode.Redirect, (await PortalServer.PostFormAsync(staff, job, [], job)).StatusCode);
        Assert.Equal(rows, (await server.WishesOfAsync(item)).Count);

        using var other = await server.NewSignedInClientAsync(Name("s"), IntakeServer.Staff);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(job)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(job + "/status")).StatusCode);
    }

    [Fact]
    public async Task A_confirm_without_the_antiforgery_token_is_refused_and_imports_nothing()
    {
        using var staff = await server.NewSignedInClientAsync(Name("s"), IntakeServer.Staff);
        var item = "收音机" + Guid.NewGuid().ToString("N")[..6];
        var job = await PreviewAsync(staff, WishList(item, 2));

        var forged = await staff.PostAsync(job, new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(WishImportState.Previewed, await StateAsync(job));
        Assert.Empty(await server.WishesOfAsync(item));
    }
}
