using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Core.Content;
using Portal.Testing;
using Xunit.Abstractions;

namespace Portal.E2E;

/// <summary>
/// Community staff import a long wish list from a CSV file in the browser: the preview's counts, the confirm, the progress
/// bar following the rows the server has stored up to N of N, the summary, and the wishes in the site.
/// </summary>
public class WishImportJourneyTests(Browser browser, MicroWishPortalServer server, ITestOutputHelper output) : IClassFixture<Browser>, IClassFixture<MicroWishPortalServer>
{
    private const int Rows = 2000;

    [Fact]
    public async Task Staff_upload_a_2000_row_file_see_the_preview_confirm_and_follow_the_progress_to_the_summary()
    {
        await server.CreateUserAsync("importer", PortalServer.Password, "CommunityStaff");
        var page = await browser.SignedInPageAsync(server.BaseAddress, "importer");
        var marker = Guid.NewGuid().ToString("N")[..6];
        var csv = new StringBuilder("标题,心愿内容,需求类别,心愿类型,征集渠道,公开称呼,所在社区,心愿人姓名,联系电话,同意公开心愿\r\n");
        for (var i = 1; i <= Rows; i++)
            csv.Append($"想要台灯{marker}-{i},台灯{marker}-{i},学习用品,物质类,心愿卡,小{i}同学,梧桐社区,张{i},139{i:D8},是\r\n");

        await page.GotoAsync("/admin/wishes/import");
        await page.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload { Name = "心愿清单.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv.ToString()) });
        var previewClock = Stopwatch.StartNew();
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and preview" }).ClickAsync(new() { Timeout = 300_000 });
        await Assertions.Expect(page.Locator("#count-ok")).ToHaveTextAsync(Rows.ToString());
        output.WriteLine($"preview of {Rows} rows: {previewClock.Elapsed.TotalSeconds:F1} s");
        await Assertions.Expect(page.Locator("#count-rows")).ToHaveTextAsync(Rows.ToString());
        await Assertions.Expect(page.Locator("#count-errors")).ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator("#count-duplicates")).ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator("#import-preview tbody tr")).ToHaveCountAsync(20);
        await Assertions.Expect(page.Locator("#import-preview")).ToContainTextAsync($"想要台灯{marker}-1");
        await Browser.ScreenshotAsync(page, "wish-import-preview");

        var progressbar = page.GetByRole(AriaRole.Progressbar);
        var importClock = Stopwatch.StartNew();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Import {Rows} wishes" }).ClickAsync();
        await Assertions.Expect(progressbar).ToBeVisibleAsync();
        // The bar follows the rows stored: it is seen part way before it is full.
        var seen = new List<int>();
        while (importClock.Elapsed < TimeSpan.FromMinutes(5) && !await page.Locator("#import-summary").IsVisibleAsync())
        {
            if (await progressbar.IsVisibleAsync() && int.TryParse(await progressbar.GetAttributeAsync("aria-valuenow"), out var now) && (seen.Count == 0 || seen[^1] != now))
                seen.Add(now); // no screenshot here: a full-page capture while the server imports can outlast the poll
            await page.WaitForTimeoutAsync(200);
        }
        output.WriteLine($"import of {Rows} rows: {importClock.Elapsed.TotalSeconds:F1} s; the bar showed {string.Join(", ", seen)}");
        Assert.Contains(seen, n => n > 0 && n < Rows);
        await Assertions.Expect(page.Locator("#import-summary")).ToBeVisibleAsync();
        await Assertions.Expect(progressbar).ToHaveAttributeAsync("aria-valuenow", Rows.ToString());
        await Assertions.Expect(page.Locator(".progress-text")).ToHaveTextAsync($"{Rows} of {Rows} rows imported");
        await Assertions.Expect(page.Locator("#import-summary")).ToContainTextAsync($"{Rows} wishes were imported");
        await Browser.ScreenshotAsync(page, "wish-import-summary");

        await using var scope = server.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<ContentManager>().Records.AsNoTracking()
            .Where(r => r.ContentType == "Wish" && r.DisplayText.Contains($"台灯{marker}-")).Select(r => r.ContentItemId).Distinct().CountAsync();
        Assert.Equal(Rows, stored);

        await page.GetByRole(AriaRole.Link, new() { Name = "Open the work queue" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/wishes/queue?tab=Review");
    }
}
