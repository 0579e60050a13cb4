using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Core;
using Portal.Core.Security;
using Portal.Wishes.Models;
using Portal.Wishes.Services;

namespace Portal.Wishes.Controllers;

public sealed record DashboardModel(WishDashboard Data, WishListLabels Labels);

public sealed record VolunteerReportModel(ReportPeriod Period, IReadOnlyList<VolunteerReportRow> Rows, WishListLabels Labels);

public sealed record BranchReportModel(int Year, IReadOnlyList<BranchReportRow> Rows);

public sealed record PointsModel(
    IReadOnlyList<PointsTotal> Totals, IReadOnlyList<PointsEntryRecord> Entries, IReadOnlySet<long> Reversed,
    IReadOnlyDictionary<string, string> WishTitles, WishListLabels Labels, bool CanReverse, int Year);

/// <summary>The staff dashboard, the 报到—服务—报告 reports (printable, and CSV for spreadsheets) and the points ledger.</summary>
[Area("Portal.Wishes")]
[Authorize(Policy = PermissionPolicy.Prefix + "AccessAdmin")]
[Authorize(Policy = PermissionPolicy.Prefix + "ViewWishReports")]
[Route("admin/wishes")]
public sealed class ReportsController(
    WishStats stats, WishReports reports, PointsLedger ledger, WishBoard board, WishLabels labels, TimeProvider clock,
    IAuthorizationService authorization, IStringLocalizer<ReportsController> T) : Controller
{
    [HttpGet("dashboard")]
    public async Task<IActionResult> Dashboard(string? format)
    {
        var data = await stats.DashboardAsync();
        var pageLabels = await labels.ForAsync(
            data.ByCommunity.Select(c => c.Key).Concat(data.Overdue.Items.SelectMany(w => new[] { w.CommunityId, w.CampaignId })), board);
        if (format == "csv")
        {
            var rows = new List<IReadOnlyList<string>> { new string[] { T["Dimension"], T["Value"], T["Wishes"] } };
            rows.AddRange(data.ByStatus.Select(r => Row(T["Status"], pageLabels.Status(Enum.Parse<WishStatus>(r.Key!)), r.Count)));
            rows.AddRange(data.ByCategory.Select(r => Row(T["Category"], r.Key is null ? T["(none)"] : pageLabels.Category(r.Key), r.Count)));
            rows.AddRange(data.ByCommunity.Select(r => Row(T["Community"], r.Key is null ? T["(none)"] : pageLabels.Name(r.Key), r.Count)));
            rows.AddRange(data.ByCampaign.Select(c => Row(T["Campaign"], c.Name, c.Wishes)));
            return CsvFile(rows, "wish-dashboard.csv");
        }
        return View(new DashboardModel(data, pageLabels));
    }

    [HttpGet("reports")]
    public async Task<IActionResult> Index() => View(await ThisYearAsync());

    [HttpGet("reports/volunteers")]
    public async Task<IActionResult> Volunteers(int year, int half, string? format)
    {
        if (year is < 2000 or > 2100 || half is not (1 or 2))
            return BadRequest(T["Choose a year between 2000 and 2100 and the first or second half."].Value);
        var zone = await labels.TimeZoneAsync();
        var period = ReportPeriod.Of(year, half, zone);
        var rows = await reports.VolunteersAsync(period);
        var pageLabels = await labels.ForAsync(rows.Select(r => r.CommunityId), board);
        if (format == "csv")
        {
            var csv = new List<IReadOnlyList<string>>
            {
                new[] { T["Volunteer"], T["Party member"], T["Party branch"], T["Home community"], T["Services"], T["Service hours"], T["Points"], T["Wishes fulfilled"] }.Select(s => s.Value).ToList(),
            };
            csv.AddRange(rows.Select(r => (IReadOnlyList<string>)
            [
                r.Name, r.PartyMember ? T["yes"] : T["no"], r.Branch, pageLabels.Name(r.CommunityId), Number(r.Services), Number(r.Hours), Number(r.Points), string.Join("；", r.Wishes),
            ]));
            return CsvFile(csv, $"volunteer-report-{year}-H{half}.csv");
        }
        return View(new VolunteerReportModel(period, rows, pageLabels));
    }

    [HttpGet("reports/branches")]
    public async Task<IActionResult> Branches(int year, string? format)
    {
        if (year is < 2000 or > 2100)
            return BadRequest(T["Choose a year between 2000 and 2100."].Value);
        var rows = await reports.BranchesAsync(year, await labels.TimeZoneAsync());
        if (format == "csv")
        {
            var csv = new List<IReadOnlyList<string>>
            {
                new[] { T["Party branch"], T["Registered volunteers"], T["Party members"], T["Active volunteers"], T["Services"], T["Service hours"], T["Points"] }.Select(s => s.Value).ToList(),
            };
            csv.AddRange(rows.Select(r => (IReadOnlyList<string>)
                [BranchName(r.Branch), Number(r.Registered), Number(r.PartyMembers), Number(r.Active), Number(r.Services), Number(r.Hours), Number(r.Points)]));
            return CsvFile(csv, $"branch-report-{year}.csv");
        }
        return View(new BranchReportModel(year, rows));
    }

    [HttpPost("points/{entryId:long}/reverse")]
    public async Task<IActionResult> Reverse(long entryId, string? reason)
    {
        if (!(await authorization.AuthorizeAsync(User, PermissionPolicy.For(WishesModule.ConfirmClaims))).Succeeded) return Forbid();
        var result = await ledger.ReverseAsync(entryId, reason);
        if (result.Succeeded) TempData["Notice"] = T["The points were taken back."].Value;
        else TempData["Error"] = result.Error;
        return Redirect("/admin/wishes/reports#ledger");
    }

    private async Task<PointsModel> ThisYearAsync()
    {
        var entries = await ledger.EntriesAsync();
        var titles = await board.NamesAsync(entries.Select(e => e.WishId));
        var canReverse = (await authorization.AuthorizeAsync(User, PermissionPolicy.For(WishesModule.ConfirmClaims))).Succeeded;
        var zone = await labels.TimeZoneAsync();
        var year = TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, zone).Year;
        return new PointsModel(await ledger.TotalsAsync(), entries, await ledger.ReversedAsync(entries.Select(e => e.Id)), titles,
            await labels.ForAsync([], board), canReverse, year);
    }

    private string BranchName(string branch) => branch.Length > 0 ? branch : T["(no branch given)"].Value;

    private static IReadOnlyList<string> Row(string dimension, string value, int count) => [dimension, value, Number(count)];

    private static string Number(double n) => n.ToString("0.##", CultureInfo.InvariantCulture);

    private FileContentResult CsvFile(IEnumerable<IReadOnlyList<string>> rows, string name) =>
        File(Csv.Write(rows), "text/csv; charset=utf-8", name);
}
