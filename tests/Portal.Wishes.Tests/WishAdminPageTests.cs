using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content.Privacy;
using Portal.Core.Data;
using Portal.Testing;
using Portal.Wishes.Controllers;
using Portal.Wishes.Models;

namespace Portal.Wishes.Tests;

/// <summary>The wish's admin page over real HTTP: what staff see and do there, and who may see the personal data.</summary>
public sealed class WishAdminPageTests(WishServer server) : IClassFixture<WishServer>
{
    private const string WisherName = "欧阳秀英";
    private const string Phone = "13912345678";

    private static string Name(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Staff_move_the_wish_from_its_page_and_each_move_appears_in_the_audit_trail_with_who_and_why()
    {
        var wish = await server.NewWishAsync("一副老花镜");
        var staffName = Name("s");
        using var staff = await server.NewSignedInClientAsync(staffName, "CommunityStaff");
        var here = $"/admin/wishes/{wish}";

        var first = await staff.GetStringAsync(here);
        Assert.Contains("一副老花镜", first);
        Assert.Contains("草稿", first);
        Assert.Contains($"/admin/wishes/{wish}/move?returnUrl={Uri.EscapeDataString(here)}", first);
        PageAssert.EveryFormCarriesItsToken(first);

        foreach (var (to, reason) in new[] { ("Submitted", ""), ("UnderReview", ""), ("Returned", "请补充心愿人的年龄"), ("Submitted", "") })
        {
            var moved = await PortalServer.PostFormAsync(staff, $"/admin/wishes/{wish}/move?returnUrl={Uri.EscapeDataString(here)}",
                new() { ["to"] = to, ["reason"] = reason }, here);
            Assert.Equal(here, moved.Headers.Location!.ToString());
        }

        var page = await staff.GetStringAsync(here);
        Assert.Contains("审核记录", page);
        Assert.Contains("请补充心愿人的年龄", page);
        Assert.Equal(4, CountOf(page, $"<td>{staffName}</td>"));
        Assert.Contains("退回修改", page);
        Assert.Contains("开始审核", page);
    }

    [Fact]
    public async Task Claims_show_on_the_page_and_staff_confirm_them_there()
    {
        var wish = await server.PublishedWishAsync();
        using var volunteer = await server.NewSignedInClientAsync(Name("v"), "Volunteer");
        using var staff = await server.NewSignedInClientAsync(Name("s"), "CommunityStaff");
        await PortalServer.PostFormAsync(volunteer, $"/volunteer/wishes/{wish}/claim", [], "/volunteer/wishes");
        var claim = await server.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<WishClaimRecord>().AsNoTracking().SingleAsync(c => c.WishId == wish));
        var here = $"/admin/wishes/{wish}";

        var page = await staff.GetStringAsync(here);
        Assert.Contains($"claim-{claim.Id}", page);
        Assert.Contains("已认领 1 份，共 1 份", page);
        var confirmed = await PortalServer.PostFormAsync(staff, $"/admin/wishes/claims/{claim.Id}/confirm?returnUrl={Uri.EscapeDataString(here)}", [], here);

        Assert.Equal(here, confirmed.Headers.Location!.ToString());
        Assert.Equal(ClaimStatus.Confirmed, (await server.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<WishClaimRecord>().AsNoTracking().SingleAsync(c => c.Id == claim.Id))).Status);
        Assert.DoesNotContain($"/admin/wishes/claims/{claim.Id}/confirm", await staff.GetStringAsync(here));
    }

    [Fact]
    public async Task Personal_data_shows_only_on_request_to_staff_allowed_to_see_it_and_each_view_is_logged()
    {
        var wish = await server.PublishedWishAsync(fill: w =>
        {
            w.Field("Wish", "WisherName")["Text"] = WisherName;
            w.Field("Wish", "Phone")["Text"] = Phone;
        });
        await server.CreateRoleAsync("PrivacyOfficer", "AccessAdmin", "ReviewWishes", "ViewPersonalData");
        var officerName = Name("o");
        using var officer = await server.NewSignedInClientAsync(officerName, "PrivacyOfficer");
        using var staff = await server.NewSignedInClientAsync(Name("s"), "CommunityStaff");

        var staffPage = await staff.GetStringAsync($"/admin/wishes/{wish}");
        PageAssert.Denied(await staff.GetAsync($"/admin/wishes/{wish}?personal=true"));
        var officerPage = await officer.GetStringAsync($"/admin/wishes/{wish}");
        Assert.Equal(0, await LogCountAsync(wish, officerName));
        var revealed = await officer.GetStringAsync($"/admin/wishes/{wish}?personal=true");

        foreach (var page in new[] { staffPage, officerPage })
        {
            Assert.DoesNotContain(WisherName, page);
            Assert.DoesNotContain(Phone, page);
        }
        Assert.Contains("个人信息：已隐藏", staffPage);
        Assert.Contains($"/admin/wishes/{wish}?personal=true", officerPage);
        Assert.Contains(WisherName, revealed);
        Assert.Contains(Phone, revealed);
        Assert.Equal(1, await LogCountAsync(wish, officerName));
    }

    [Fact]
    public async Task Users_without_a_staff_permission_are_refused_and_an_unknown_wish_is_not_found()
    {
        var wish = await server.PublishedWishAsync();
        using var anonymous = server.NewClient();
        using var volunteer = await server.NewSignedInClientAsync(Name("v"), "Volunteer");
        await server.CreateRoleAsync("Editor", "AccessAdmin");
        using var editor = await server.NewSignedInClientAsync(Name("e"), "Editor");
        using var staff = await server.NewSignedInClientAsync(Name("s"), "CommunityStaff");

        var response = await anonymous.GetAsync($"/admin/wishes/{wish}");
        Assert.Contains("/login", response.Headers.Location!.ToString());
        PageAssert.Denied(await volunteer.GetAsync($"/admin/wishes/{wish}"));
        PageAssert.Denied(await editor.GetAsync($"/admin/wishes/{wish}"));
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/admin/wishes/01NOSUCHWISH0000000000000")).StatusCode);
    }

    [Fact]
    public async Task A_move_returns_only_to_a_page_of_this_site()
    {
        var wish = await server.NewWishAsync();
        using var staff = await server.NewSignedInClientAsync(Name("s"), "CommunityStaff");

        var moved = await PortalServer.PostFormAsync(staff, $"/admin/wishes/{wish}/move?returnUrl={Uri.EscapeDataString("https://evil.example/x")}",
            new() { ["to"] = "Submitted" }, $"/admin/wishes/{wish}");

        Assert.Equal("/admin/wishes/queue", moved.Headers.Location!.ToString());
        Assert.Equal(WishStatus.Submitted, await server.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<WishIndexRecord>().AsNoTracking()
            .Where(w => w.WishId == wish).Select(w => w.Status).FirstAsync()));
    }

    [Fact]
    public async Task The_work_queue_and_the_item_editor_link_to_the_wish_page()
    {
        var wish = await server.NewWishAsync("一张轮椅");
        await server.InScopeAsync(sp => sp.GetRequiredService<Services.WishLifecycle>().MoveAsync(wish, WishStatus.Submitted));
        using var staff = await server.NewSignedInClientAsync(Name("s"), "CommunityStaff");
        using var admin = await server.AdminClientAsync();

        Assert.Contains($"href=\"/admin/wishes/{wish}\"", await staff.GetStringAsync("/admin/wishes/queue?tab=Review"));
        Assert.Contains($"href=\"/admin/wishes/{wish}\"", await admin.GetStringAsync($"/admin/content/{wish}/edit"));
    }

    private Task<int> LogCountAsync(string wish, string userName) =>
        server.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<PersonalDataAccessRecord>().AsNoTracking()
            .CountAsync(a => a.ContentItemId == wish && a.UserName == userName && a.Purpose == WishAdminController.PagePurpose));

    private static int CountOf(string html, string what) =>
        (html.Length - html.Replace(what, "", StringComparison.Ordinal).Length) / what.Length;
}
