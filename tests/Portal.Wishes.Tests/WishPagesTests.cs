using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Testing;
using Portal.Wishes.Models;
using Portal.Wishes.Services;

namespace Portal.Wishes.Tests;

/// <summary>The people's pages over real HTTP: who may see and do what, and what each step leaves behind.</summary>
public sealed class WishPagesTests(WishServer server) : IClassFixture<WishServer>
{
    private static string Name(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Pages_refuse_anonymous_users_and_users_without_the_permission()
    {
        using var anonymous = server.NewClient();
        using var resident = await server.NewSignedInClientAsync(Name("r"), "Resident");
        using var volunteer = await server.NewSignedInClientAsync(Name("v"), "Volunteer");

        foreach (var path in new[] { "/volunteer/wishes", "/volunteer/claims", "/admin/wishes/queue" })
        {
            var response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/login", response.Headers.Location!.ToString());
            AssertDenied(await resident.GetAsync(path));
        }
        AssertDenied(await volunteer.GetAsync("/admin/wishes/queue"));
    }

    [Fact]
    public async Task A_volunteer_cannot_publish_or_confirm_through_the_queue_forms()
    {
        var wish = await server.PublishedWishAsync();
        await server.CreateRoleAsync("Helper", "AccessAdmin");
        using var helper = await server.NewSignedInClientAsync(Name("h"), "Helper");
        using var volunteer = await server.NewSignedInClientAsync(Name("v"), "Volunteer");
        await PortalServer.PostFormAsync(volunteer, $"/volunteer/wishes/{wish}/claim", [], "/volunteer/wishes");
        var claim = (await ClaimsAsync(wish)).Single();

        var move = await PortalServer.PostFormAsync(helper, $"/admin/wishes/{wish}/move", new() { ["to"] = "Closed", ["reason"] = "x" }, "/admin");
        var confirm = await PortalServer.PostFormAsync(helper, $"/admin/wishes/claims/{claim.Id}/confirm", [], "/admin");

        AssertDenied(move);
        AssertDenied(confirm);
        Assert.Equal(WishStatus.Claimed, await StatusAsync(wish));
        Assert.Equal(ClaimStatus.Active, (await ClaimsAsync(wish)).Single().Status);
    }

    [Fact]
    public async Task A_volunteer_finds_an_open_wish_claims_schedules_and_fulfils_it_from_the_pages()
    {
        var wish = await server.PublishedWishAsync();
        using var volunteer = await server.NewSignedInClientAsync(Name("v"), "Volunteer");

        var list = await volunteer.GetStringAsync("/volunteer/wishes");
        Assert.Contains($"/volunteer/wishes/{wish}/claim", list);
        Assert.Contains("待认领心愿", list);
        AssertEveryFormCarriesItsToken(list);

        var claimed = await PortalServer.PostFormAsync(volunteer, $"/volunteer/wishes/{wish}/claim", [], "/volunteer/wishes");
        Assert.Equal("/volunteer/claims", claimed.Headers.Location!.ToString());
        Assert.DoesNotContain($"/volunteer/wishes/{wish}/claim", await volunteer.GetStringAsync("/volunteer/wishes"));
        var claim = (await ClaimsAsync(wish)).Single();

        var mine = await volunteer.GetStringAsync("/volunteer/claims");
        Assert.Contains($"claim-{claim.Id}", mine);
        AssertEveryFormCarriesItsToken(mine);
        Assert.Contains("待社区确认", mine);

        var when = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-ddTHH:mm");
        await PortalServer.PostFormAsync(volunteer, $"/volunteer/claims/{claim.Id}/schedule", new() { ["scheduledFor"] = when }, "/volunteer/claims");
        Assert.Equal(WishStatus.Scheduled, await StatusAsync(wish));

        await PortalServer.PostFormAsync(volunteer, $"/volunteer/claims/{claim.Id}/fulfil", new() { ["note"] = "书包送到了", ["hours"] = "1.5" }, "/volunteer/claims");
        var done = (await ClaimsAsync(wish)).Single();
        Assert.Equal(ClaimStatus.Fulfilled, done.Status);
        Assert.Equal(1.5, done.ServiceHours);
        Assert.Equal(WishStatus.Fulfilled, await StatusAsync(wish));
        Assert.Contains("等待社区核实", await volunteer.GetStringAsync("/volunteer/claims"));
    }

    [Fact]
    public async Task Bad_input_on_a_claim_is_refused_with_a_message_and_changes_nothing()
    {
        var wish = await server.PublishedWishAsync();
        using var volunteer = await server.NewSignedInClientAsync(Name("v"), "Volunteer");
        await PortalServer.PostFormAsync(volunteer, $"/volunteer/wishes/{wish}/claim", [], "/volunteer/wishes");
        var claim = (await ClaimsAsync(wish)).Single();

        await PortalServer.PostFormAsync(volunteer, $"/volunteer/claims/{claim.Id}/fulfil", new() { ["note"] = "做完了", ["hours"] = "很多" }, "/volunteer/claims");
        Assert.Contains("服务时长须为数字", await volunteer.GetStringAsync("/volunteer/claims"));
        await PortalServer.PostFormAsync(volunteer, $"/volunteer/claims/{claim.Id}/release", new() { ["reason"] = " " }, "/volunteer/claims");
        Assert.Contains("放弃", await volunteer.GetStringAsync("/volunteer/claims"));

        Assert.Equal(ClaimStatus.Active, (await ClaimsAsync(wish)).Single().Status);
        Assert.Equal(WishStatus.Claimed, await StatusAsync(wish));
    }

    [Fact]
    public async Task Nobody_works_someone_elses_claim_and_forms_without_the_antiforgery_token_are_refused()
    {
        var wish = await server.PublishedWishAsync();
        using var owner = await server.NewSignedInClientAsync(Name("v"), "Volunteer");
        using var other = await server.NewSignedInClientAsync(Name("v"), "Volunteer");
        await PortalServer.PostFormAsync(owner, $"/volunteer/wishes/{wish}/claim", [], "/volunteer/wishes");
        var claim = (await ClaimsAsync(wish)).Single();

        var release = await PortalServer.PostFormAsync(other, $"/volunteer/claims/{claim.Id}/release", new() { ["reason"] = "不想做了" }, "/volunteer/claims");
        var noToken = await owner.PostAsync($"/volunteer/claims/{claim.Id}/release", new FormUrlEncodedContent(new Dictionary<string, string> { ["reason"] = "临时出差" }));

        Assert.Equal(HttpStatusCode.NotFound, release.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Equal(ClaimStatus.Active, (await ClaimsAsync(wish)).Single().Status);
    }

    [Fact]
    public async Task A_volunteer_releases_with_a_reason_and_the_wish_opens_again()
    {
        var wish = await server.PublishedWishAsync();
        using var volunteer = await server.NewSignedInClientAsync(Name("v"), "Volunteer");
        await PortalServer.PostFormAsync(volunteer, $"/volunteer/wishes/{wish}/claim", [], "/volunteer/wishes");
        var claim = (await ClaimsAsync(wish)).Single();

        await PortalServer.PostFormAsync(volunteer, $"/volunteer/claims/{claim.Id}/release", new() { ["reason"] = "临时出差，无法按时上门" }, "/volunteer/claims");

        Assert.Equal(WishStatus.Published, await StatusAsync(wish));
        Assert.Contains("临时出差，无法按时上门", await volunteer.GetStringAsync("/volunteer/claims"));
    }

    [Fact]
    public async Task Organisations_see_only_wishes_opened_to_organisations_and_claim_them_as_a_unit()
    {
        await server.CreateRoleAsync("Organisation", "ClaimWishes", "ClaimAsOrganisation");
        var published = await server.PublishedWishAsync();
        var opened = await server.PublishedWishAsync();
        await server.InScopeAsync(sp => sp.GetRequiredService<WishLifecycle>().MoveAsync(opened, WishStatus.OpenToOrganisations));
        using var organisation = await server.NewSignedInClientAsync(Name("o"), "Organisation");

        var list = await organisation.GetStringAsync("/volunteer/wishes");
        Assert.Contains("开放给组织认领的心愿", list);
        Assert.Contains($"/volunteer/wishes/{opened}/claim", list);
        Assert.DoesNotContain($"/volunteer/wishes/{published}/claim", list);

        await PortalServer.PostFormAsync(organisation, $"/volunteer/wishes/{opened}/claim", [], "/volunteer/wishes");
        Assert.Equal(ClaimantKind.Organisation, (await ClaimsAsync(opened)).Single().ClaimantKind);
    }

    [Fact]
    public async Task Staff_review_publish_confirm_and_verify_from_the_work_queue()
    {
        var wish = await server.NewWishAsync();
        using var staff = await server.NewSignedInClientAsync(Name("s"), "CommunityStaff");
        using var volunteer = await server.NewSignedInClientAsync(Name("v"), "Volunteer");

        var queue = await staff.GetStringAsync("/admin/wishes/queue?tab=Review");
        Assert.Contains(wish, queue);
        AssertEveryFormCarriesItsToken(queue);
        foreach (var to in new[] { "Submitted", "UnderReview", "Published" })
            await PortalServer.PostFormAsync(staff, $"/admin/wishes/{wish}/move?tab=Review", new() { ["to"] = to }, "/admin/wishes/queue");
        Assert.Equal(WishStatus.Published, await StatusAsync(wish));

        await PortalServer.PostFormAsync(volunteer, $"/volunteer/wishes/{wish}/claim", [], "/volunteer/wishes");
        var claim = (await ClaimsAsync(wish)).Single();
        var toConfirm = await staff.GetStringAsync("/admin/wishes/queue?tab=Confirm");
        Assert.Contains($"/admin/wishes/claims/{claim.Id}/confirm", toConfirm);
        await PortalServer.PostFormAsync(staff, $"/admin/wishes/claims/{claim.Id}/confirm", [], "/admin/wishes/queue");
        Assert.Equal(ClaimStatus.Confirmed, (await ClaimsAsync(wish)).Single().Status);

        await PortalServer.PostFormAsync(volunteer, $"/volunteer/claims/{claim.Id}/fulfil", new() { ["note"] = "取暖器已送到并安装" }, "/volunteer/claims");
        var toVerify = await staff.GetStringAsync("/admin/wishes/queue?tab=Verify");
        Assert.Contains("取暖器已送到并安装", toVerify);
        await PortalServer.PostFormAsync(staff, $"/admin/wishes/{wish}/move?tab=Verify", new() { ["to"] = "Verified" }, "/admin/wishes/queue");
        Assert.Equal(WishStatus.Verified, await StatusAsync(wish));
    }

    [Fact]
    public async Task A_move_without_its_reason_is_refused_with_the_message_on_the_queue()
    {
        var wish = await server.NewWishAsync();
        using var staff = await server.NewSignedInClientAsync(Name("s"), "CommunityStaff");

        await PortalServer.PostFormAsync(staff, $"/admin/wishes/{wish}/move", new() { ["to"] = "Cancelled", ["reason"] = "" }, "/admin/wishes/queue");

        Assert.Contains("请说明", await staff.GetStringAsync("/admin/wishes/queue"));
        Assert.Equal(WishStatus.Draft, await StatusAsync(wish));
    }

    [Fact]
    public async Task Overdue_lists_unfinished_wishes_past_their_deadline_longest_overdue_first()
    {
        // A claimed wish and one still in review: neither expires, both are late.
        var late = await server.PublishedWishAsync();
        await server.InScopeAsync(sp => sp.GetRequiredService<WishClaims>().ClaimAsync(late, "v-late", ClaimantKind.Volunteer));
        var later = await server.NewWishAsync();
        await server.InScopeAsync(sp => sp.GetRequiredService<WishLifecycle>().MoveAsync(later, WishStatus.Submitted));
        var onTime = await server.PublishedWishAsync();
        await server.SetDeadlineAsync(late, DateTime.UtcNow.AddDays(-10));
        await server.SetDeadlineAsync(later, DateTime.UtcNow.AddDays(-2));
        await server.SetDeadlineAsync(onTime, DateTime.UtcNow.AddDays(5));
        using var staff = await server.NewSignedInClientAsync(Name("s"), "CommunityStaff");

        var overdue = await staff.GetStringAsync("/admin/wishes/queue?tab=Overdue&page=1");

        Assert.DoesNotContain(onTime, overdue);
        Assert.True(overdue.IndexOf(late, StringComparison.Ordinal) is >= 0 and var i && i < overdue.IndexOf(later, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wish_nobody_claimed_by_its_deadline_expires_leaves_the_open_list_and_says_why_in_its_audit_trail()
    {
        var due = await server.PublishedWishAsync();
        var partlyClaimed = await server.PublishedWishAsync(slots: 2);
        await server.InScopeAsync(sp => sp.GetRequiredService<WishClaims>().ClaimAsync(partlyClaimed, "v-part", ClaimantKind.Volunteer));
        var notYet = await server.PublishedWishAsync();
        await server.SetDeadlineAsync(due, DateTime.UtcNow.AddMinutes(-1));
        await server.SetDeadlineAsync(partlyClaimed, DateTime.UtcNow.AddDays(-1));
        await server.SetDeadlineAsync(notYet, DateTime.UtcNow.AddMinutes(5));
        using var volunteer = await server.NewSignedInClientAsync(Name("v"), "Volunteer");
        using var staff = await server.NewSignedInClientAsync(Name("s"), "CommunityStaff");
        Assert.Contains($"/volunteer/wishes/{due}/claim", await volunteer.GetStringAsync("/volunteer/wishes"));

        var expiry = server.Services.GetRequiredService<WishExpiry>();
        await expiry.RunOnceAsync();
        await expiry.RunOnceAsync();

        Assert.Equal(WishStatus.Expired, await StatusAsync(due));
        Assert.Equal(WishStatus.Published, await StatusAsync(partlyClaimed));
        Assert.Equal(WishStatus.Published, await StatusAsync(notYet));
        Assert.DoesNotContain($"/volunteer/wishes/{due}/claim", await volunteer.GetStringAsync("/volunteer/wishes"));
        var audit = await staff.GetFromJsonAsync<JsonArray>($"/api/wishes/{due}/audit");
        var expired = Assert.Single(audit!, a => a!["action"]!.GetValue<string>() == WishEvents.Expired)!;
        Assert.Equal(("Published", "Expired"), (expired["from"]!.GetValue<string>(), expired["to"]!.GetValue<string>()));
        Assert.Contains("deadline", expired["reason"]!.GetValue<string>());
        var refused = await volunteer.PostAsync($"/api/wishes/{due}/claims", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    /// <summary>A browser posts a form with the token inside it (regression: forms with an explicit action had none).</summary>
    private static void AssertEveryFormCarriesItsToken(string html)
    {
        var forms = System.Text.RegularExpressions.Regex.Matches(html, "<form[^>]*method=\"post\".*?</form>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.NotEmpty(forms);
        Assert.All(forms, f => Assert.Contains("__RequestVerificationToken", f.Value));
    }

    /// <summary>Pages answer a refusal with the access-denied page (APIs answer 403).</summary>
    private static void AssertDenied(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/access-denied", response.Headers.Location!.ToString());
    }

    private Task<List<WishClaimRecord>> ClaimsAsync(string wish) =>
        server.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<WishClaimRecord>().AsNoTracking().Where(c => c.WishId == wish).ToListAsync());

    private Task<WishStatus> StatusAsync(string wish) =>
        server.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<WishIndexRecord>().AsNoTracking().Where(w => w.WishId == wish).Select(w => w.Status).FirstAsync());
}
