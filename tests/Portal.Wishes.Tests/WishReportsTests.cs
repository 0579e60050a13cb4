using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;
using Portal.Core.Data;
using Portal.Testing;
using Portal.Wishes.Models;
using Portal.Wishes.Services;

namespace Portal.Wishes.Tests;

/// <summary>
/// A small programme counted by hand: four registered volunteers in two branches (and one without), one claimant
/// who never registered, wishes fulfilled this half-year and a year ago, one reversal. The reports must agree.
/// </summary>
public sealed class ReportDataSet : IAsyncLifetime
{
    public const string FirstBranch = "区教育局机关第一党支部";
    public const string HealthBranch = "区卫健委党支部";
    public const string Zhou = "u-zhou", Li = "u-li", Wang = "u-wang", Chen = "u-chen";

    public PortalTestHost Host { get; private set; } = null!;
    public ReportPeriod ThisHalf { get; private set; } = null!;
    public ReportPeriod SameHalfLastYear { get; private set; } = null!;
    public string CommunityId { get; private set; } = "";
    public string CampaignId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Host = await PortalTestHost.StartAsync(DatabaseProvider.Sqlite, settings: new Dictionary<string, string?>
        {
            ["Portal:Wishes:PointsByCategory:study-supplies"] = "20",
        });
        var now = DateTime.UtcNow;
        ThisHalf = ReportPeriod.Of(now.Year, now.Month <= 6 ? 1 : 2, TimeZoneInfo.Utc);
        SameHalfLastYear = ReportPeriod.Of(now.Year - 1, ThisHalf.Half, TimeZoneInfo.Utc);

        await Host.InScopeAsync(async sp =>
        {
            var store = sp.GetRequiredService<ContentDefinitionStore>();
            await new DefinitionBuilder("Wish").Parts("TitlePart")
                .Field("Category", "EnumerationField", new JsonObject { ["Options"] = new JsonArray("essential-supplies", "study-supplies") })
                .Field("Slots", "NumericField").Field("Points", "NumericField").Field("Campaign", "ContentPickerField").SaveAsync(store);
            await new DefinitionBuilder("Campaign").Parts("TitlePart").Field("Goal", "NumericField").SaveAsync(store);
            await new DefinitionBuilder("Community").Parts("TitlePart").SaveAsync(store);
            await new DefinitionBuilder("Volunteer").Parts("TitlePart")
                .Field("PartyMember", "BooleanField").Field("Branch", "TextField")
                .Field("HomeCommunity", "ContentPickerField").Field("Account", "UserPickerField").SaveAsync(store);
        });
        CommunityId = await CreateAsync("Community", "梧桐社区", _ => { });
        CampaignId = await CreateAsync("Campaign", "暖冬行动", item => item.Field("Campaign", "Goal")["Value"] = 4);
        await VolunteerAsync("周明", true, FirstBranch, Zhou);
        await VolunteerAsync("李红", true, FirstBranch, Li);
        await VolunteerAsync("王强", false, "", Wang);
        await VolunteerAsync("赵敏", true, HealthBranch, null);

        await ServeAsync("study-supplies", Zhou, "周明", 2, verify: true, inCampaign: true);               // +20
        var fan = await ServeAsync("essential-supplies", Zhou, "周明", 3, verify: true, inCampaign: true); // +10, reversed below
        await ServeAsync("essential-supplies", Li, "李红", 1.5, verify: true, backdate: true); // a year ago: +10
        await ServeAsync("essential-supplies", Wang, "王强", 4, verify: false, inCampaign: true);  // not verified: no points
        await ServeAsync("essential-supplies", Chen, "陈志愿", 1, verify: true);                // never registered: +10
        await Host.InScopeAsync(async sp =>
        {
            var ledger = sp.GetRequiredService<PointsLedger>();
            var grant = (await ledger.EntriesAsync(Zhou)).Single(e => e.WishId == fan);
            Assert.True((await ledger.ReverseAsync(grant.Id, "重复登记")).Succeeded);
        });
    }

    private async Task VolunteerAsync(string name, bool partyMember, string branch, string? account) =>
        await CreateAsync("Volunteer", name, item =>
        {
            item.Field("Volunteer", "PartyMember")["Value"] = partyMember;
            item.Field("Volunteer", "Branch")["Text"] = branch;
            item.Field("Volunteer", "HomeCommunity")["ContentItemIds"] = new JsonArray(CommunityId);
            item.Field("Volunteer", "Account")["UserIds"] = account is null ? new JsonArray() : new JsonArray(account);
        });

    private Task<string> CreateAsync(string type, string title, Action<ContentItem> fill) =>
        Host.InScopeAsync(async sp =>
        {
            var cm = sp.GetRequiredService<ContentManager>();
            var item = (await cm.NewAsync(type))!;
            item.Part("TitlePart")["Title"] = title;
            fill(item);
            // Wishes are published by their review (the lifecycle), everything else at once.
            var result = await cm.CreateAsync(item, publish: type != "Wish");
            Assert.True(result.Succeeded, result.ToString());
            return result.Item!.ContentItemId;
        });

    /// <summary>One wish claimed and fulfilled by the claimant; backdated ones happened a year before.</summary>
    private async Task<string> ServeAsync(string category, string claimant, string name, double hours, bool verify, bool backdate = false, bool inCampaign = false)
    {
        var wish = await CreateAsync("Wish", $"{name}的服务 {category}", item =>
        {
            item.Field("Wish", "Category")["Value"] = category;
            item.Field("Wish", "Slots")["Value"] = 1;
            item.Field("Wish", "PublishConsent")["Value"] = true;
            item.Field("Wish", "Campaign")["ContentItemIds"] = inCampaign ? new JsonArray(CampaignId) : new JsonArray();
        });
        await Host.InScopeAsync(async sp =>
        {
            var lifecycle = sp.GetRequiredService<WishLifecycle>();
            foreach (var to in new[] { WishStatus.Submitted, WishStatus.UnderReview, WishStatus.Published })
                Assert.True((await lifecycle.MoveAsync(wish, to)).Succeeded);
            var claims = sp.GetRequiredService<WishClaims>();
            var claim = await claims.ClaimAsync(wish, claimant, ClaimantKind.Volunteer, name);
            Assert.True((await claims.FulfilAsync(claim.ClaimId!.Value, "已完成", null, hours)).Succeeded);
            if (verify) Assert.True((await lifecycle.MoveAsync(wish, WishStatus.Verified)).Succeeded);
            if (backdate)
            {
                var db = sp.GetRequiredService<PortalDbContext>();
                var then = SameHalfLastYear.FromUtc.AddDays(20);
                await db.Set<WishClaimRecord>().Where(c => c.WishId == wish).ExecuteUpdateAsync(s => s.SetProperty(c => c.FulfilledUtc, then));
                await db.Set<PointsEntryRecord>().Where(p => p.WishId == wish).ExecuteUpdateAsync(s => s.SetProperty(p => p.AtUtc, then));
            }
        });
        return wish;
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class WishReportsTests(ReportDataSet data) : IClassFixture<ReportDataSet>
{
    [Fact]
    public async Task The_half_year_volunteer_report_matches_the_hand_count()
    {
        var rows = await data.Host.InScopeAsync(sp => sp.GetRequiredService<WishReports>().VolunteersAsync(data.ThisHalf));

        var figures = rows.Select(r => (r.Name, r.Registered, r.PartyMember, r.Branch, r.Services, r.Hours, r.Points)).ToList();
        Assert.Equal(
        [
            ("赵敏", true, true, ReportDataSet.HealthBranch, 0, 0.0, 0),      // by branch, then name; no branch last
            ("周明", true, true, ReportDataSet.FirstBranch, 2, 5.0, 20),
            ("李红", true, true, ReportDataSet.FirstBranch, 0, 0.0, 0),
            ("王强", true, false, "", 1, 4.0, 0),
            ("陈志愿", false, false, "", 1, 1.0, 10),
        ], figures);
        Assert.Equal(data.CommunityId, rows.Single(r => r.Name == "周明").CommunityId);
        Assert.Equal(2, rows.Single(r => r.Name == "周明").Wishes.Count);
    }

    [Fact]
    public async Task Last_years_half_shows_only_what_happened_then()
    {
        var rows = await data.Host.InScopeAsync(sp => sp.GetRequiredService<WishReports>().VolunteersAsync(data.SameHalfLastYear));

        var active = rows.Where(r => r.Services > 0 || r.Points != 0).Select(r => (r.Name, r.Services, r.Hours, r.Points));
        Assert.Equal([("李红", 1, 1.5, 10)], active);
    }

    [Fact]
    public async Task The_yearly_branch_report_matches_the_hand_count()
    {
        var rows = await data.Host.InScopeAsync(sp => sp.GetRequiredService<WishReports>().BranchesAsync(data.ThisHalf.Year, TimeZoneInfo.Utc));

        Assert.Equal(
        [
            new BranchReportRow(ReportDataSet.HealthBranch, 1, 1, 0, 0, 0, 0),   // 卫 sorts before 教
            new BranchReportRow(ReportDataSet.FirstBranch, 2, 2, 1, 2, 5, 20),
            new BranchReportRow("", 1, 0, 2, 2, 5, 10),
        ], rows);
    }

    [Fact]
    public async Task Points_totals_count_every_grant_and_reversal()
    {
        var totals = await data.Host.InScopeAsync(sp => sp.GetRequiredService<PointsLedger>().TotalsAsync());

        Assert.Equal([(ReportDataSet.Chen, 10), (ReportDataSet.Li, 10), (ReportDataSet.Zhou, 20)],
            totals.Select(t => (t.ClaimantId, t.Points)).OrderBy(t => t.ClaimantId, StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_dashboard_counts_wishes_by_status_and_rates_claims_and_fulfilment()
    {
        var dashboard = await data.Host.InScopeAsync(sp => sp.GetRequiredService<WishStats>().DashboardAsync());

        Assert.Equal(5, dashboard.Total);
        Assert.Equal([("Fulfilled", 1), ("Verified", 4)], dashboard.ByStatus.Select(r => (r.Key!, r.Count)));
        Assert.Equal([("essential-supplies", 4), ("study-supplies", 1)], dashboard.ByCategory.Select(r => (r.Key!, r.Count)));
        Assert.Equal((1.0, 1.0), (dashboard.ClaimRate, dashboard.FulfilmentRate));
    }

    [Fact]
    public async Task Campaign_progress_sets_fulfilled_wishes_against_the_goal()
    {
        var progress = await data.Host.InScopeAsync(sp => sp.GetRequiredService<WishStats>().CampaignsAsync(data.CampaignId));

        Assert.Equal(new CampaignProgress(data.CampaignId, "暖冬行动", 4, 3, 3), Assert.Single(progress));
        Assert.Equal(75, progress[0].Percent);
    }
}

/// <summary>The report pages over HTTP: who may read them, and the CSV a spreadsheet opens.</summary>
public sealed class WishReportPagesTests(WishServer server) : IClassFixture<WishServer>
{
    [Fact]
    public async Task Reports_and_the_dashboard_are_for_staff_with_the_report_permission_only()
    {
        using var volunteer = await server.NewSignedInClientAsync("v" + Guid.NewGuid().ToString("N")[..10], "Volunteer");
        using var staff = await server.NewSignedInClientAsync("s" + Guid.NewGuid().ToString("N")[..10], "CommunityStaff");

        foreach (var path in new[] { "/admin/wishes/dashboard", "/admin/wishes/reports", "/admin/wishes/reports/volunteers?year=2026&half=2&format=csv", "/admin/wishes/reports/branches?year=2026" })
        {
            foreach (var client in new[] { volunteer, staff })
            {
                var response = await client.GetAsync(path);
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.Contains("/access-denied", response.Headers.Location!.ToString());
            }
        }
    }

    [Fact]
    public async Task The_volunteer_report_downloads_as_UTF8_CSV_with_a_byte_order_mark_and_bad_periods_are_refused()
    {
        await server.CreateRoleAsync("Reporter", "AccessAdmin", "ViewWishReports");
        using var reporter = await server.NewSignedInClientAsync("r" + Guid.NewGuid().ToString("N")[..10], "Reporter");

        var response = await reporter.GetAsync("/admin/wishes/reports/volunteers?year=2026&half=2&format=csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var bad = await reporter.GetAsync("/admin/wishes/reports/volunteers?year=2026&half=3");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.StartsWith("志愿者,是否党员,所在党支部", Encoding.UTF8.GetString(bytes[3..]));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("上半年", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_dashboard_shows_the_counts_and_a_chart_with_the_figures_in_a_table()
    {
        await server.PublishedWishAsync();
        await server.CreateRoleAsync("Reporter", "AccessAdmin", "ViewWishReports");
        using var reporter = await server.NewSignedInClientAsync("r" + Guid.NewGuid().ToString("N")[..10], "Reporter");

        var html = await reporter.GetStringAsync("/admin/wishes/dashboard");

        Assert.Contains("<svg class=\"bar-chart\" id=\"chart-status\"", html);
        Assert.Contains("<td>已发布</td>", html);
        Assert.Contains("认领率", html);
    }

    [Fact]
    public async Task Campaign_progress_is_public_and_unknown_campaigns_are_not_found()
    {
        using var anonymous = server.NewClient();

        var response = await anonymous.GetAsync("/api/campaigns/nope/progress");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
