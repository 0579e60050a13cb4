using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Content.Privacy;
using Portal.Core.Data;
using Portal.Testing;
using Portal.Wishes.Models;
using Portal.Wishes.Services;

namespace Portal.Wishes.Tests;

/// <summary>The staff's fast intake form over real HTTP, on the module's own Wish type.</summary>
public sealed class IntakeFormTests(IntakeServer server) : IClassFixture<IntakeServer>
{
    private static string Name(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];
    private static string Marker() => Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Staff_enter_a_wish_that_lands_submitted_with_its_channel_and_the_next_form_keeps_channel_and_community()
    {
        using var staff = await server.NewSignedInClientAsync(Name("s"), IntakeServer.Staff);
        var item = "电饭煲" + Marker();

        var empty = await staff.GetStringAsync("/admin/wishes/new");
        Assert.Contains("id=\"intake-form\"", empty);
        Assert.Contains("/wishes/assets/intake.js", empty);
        Assert.Contains("提交并录入下一条", empty);
        PageAssert.EveryFormCarriesItsToken(empty);
        var posted = await PortalServer.PostFormAsync(staff, "/admin/wishes/new", server.WishForm(item, "钱桂兰", "13600001111", f => f["next"] = "another"), "/admin/wishes/new");

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal($"/admin/wishes/new?channel=home-visit&community={server.CommunityId}", posted.Headers.Location!.ToString());
        var id = Assert.Single(await server.WishesOfAsync(item));
        var status = await server.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<WishIndexRecord>().AsNoTracking().Where(w => w.WishId == id).Select(w => w.Status).FirstAsync());
        Assert.Equal(WishStatus.Submitted, status);
        var stored = (await server.InScopeAsync(sp => sp.GetRequiredService<ContentManager>().GetAsync(id, VersionOptions.Latest)))!;
        Assert.Equal("home-visit", stored.Content["Wish"]!["IntakeChannel"]!["Value"]!.GetValue<string>());
        Assert.DoesNotContain("钱桂兰", stored.Content.ToJsonString());
        var personal = await server.InScopeAsync(sp => sp.GetRequiredService<PersonalData>().RevealAsync(id, "Test"));
        Assert.Equal("钱桂兰", personal["Wish"]!["WisherName"]!["Text"]!.GetValue<string>());

        var next = await staff.GetStringAsync(posted.Headers.Location!.ToString());
        Assert.Contains("上一条录入", next);
        Assert.Contains($"/admin/wishes/{id}", next);
        Assert.Matches("<option[^>]*(selected[^>]*value=\"home-visit\"|value=\"home-visit\"[^>]*selected)", next);
    }

    [Fact]
    public async Task Bad_fields_are_refused_next_to_each_field_and_nothing_is_saved()
    {
        using var staff = await server.NewSignedInClientAsync(Name("s"), IntakeServer.Staff);
        var item = "台灯" + Marker();

        var response = await PortalServer.PostFormAsync(staff, "/admin/wishes/new", server.WishForm(item, "孙立新", "不是电话", f =>
        {
            f.Remove("Wish.Category.Value");
            f["Wish.PublishConsent.Value"] = "false";
        }), "/admin/wishes/new");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("error-summary", page);
        Assert.Contains("href=\"#Wish_Category\"", page);
        Assert.Contains("href=\"#Wish_Phone\"", page);
        Assert.Contains(item, page);
        Assert.Empty(await server.WishesOfAsync(item));
    }

    [Fact]
    public async Task A_likely_duplicate_is_shown_before_saving_and_saved_and_flagged_only_when_staff_say_it_differs()
    {
        using var staff = await server.NewSignedInClientAsync(Name("s"), IntakeServer.Staff);
        var item = "助听器" + Marker();
        var wisher = "吴" + Marker()[..4];
        await PortalServer.PostFormAsync(staff, "/admin/wishes/new", server.WishForm(item, wisher, "13600002222"), "/admin/wishes/new");
        var first = Assert.Single(await server.WishesOfAsync(item));

        var again = await PortalServer.PostFormAsync(staff, "/admin/wishes/new", server.WishForm(item, wisher, "13600002222"), "/admin/wishes/new");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var warning = await again.Content.ReadAsStringAsync();
        Assert.Contains("未保存：此人已有相同物品的心愿", warning);
        Assert.Contains($"/admin/wishes/{first}", warning);
        Assert.Single(await server.WishesOfAsync(item));

        var confirmed = await PortalServer.PostFormAsync(staff, "/admin/wishes/new",
            server.WishForm(item, wisher, "13600002222", f => { f["allowDuplicate"] = "true"; f["next"] = "open"; }), "/admin/wishes/new");
        var second = (await server.WishesOfAsync(item)).Single(w => w != first);
        Assert.Equal($"/admin/wishes/{second}", confirmed.Headers.Location!.ToString());
        var flagged = await server.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<WishAuditRecord>().AsNoTracking()
            .SingleAsync(a => a.WishId == second && a.Action == WishDuplicates.Flagged));
        Assert.Equal(first, flagged.Reason);
    }

    [Fact]
    public async Task Only_staff_who_review_wishes_may_enter_them()
    {
        using var anonymous = server.NewClient();
        using var volunteer = await server.NewSignedInClientAsync(Name("v"), "Volunteer");
        await server.CreateRoleAsync("Editor", "AccessAdmin");
        using var editor = await server.NewSignedInClientAsync(Name("e"), "Editor");
        var item = "收音机" + Marker();

        Assert.Contains("/login", (await anonymous.GetAsync("/admin/wishes/new")).Headers.Location!.ToString());
        PageAssert.Denied(await volunteer.GetAsync("/admin/wishes/new"));
        PageAssert.Denied(await editor.GetAsync("/admin/wishes/new"));
        PageAssert.Denied(await PortalServer.PostFormAsync(editor, "/admin/wishes/new", server.WishForm(item, "郑大伯", "13600003333"), "/admin"));
        Assert.Empty(await server.WishesOfAsync(item));
    }
}
