using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Wishes.Models;
using Portal.Wishes.Services;

namespace Portal.Wishes.Tests;

public abstract partial class WishSuite
{
    [Fact]
    public async Task Verifying_grants_each_fulfilled_claimant_the_points_of_the_category_or_of_the_wish()
    {
        var (a, b, c) = (Volunteer(), Volunteer(), Volunteer());
        await VerifiedWishAsync("study-supplies", null, a, b);    // category: 20 each
        await VerifiedWishAsync("essential-supplies", null, c);    // default: 10
        await VerifiedWishAsync("essential-supplies", 35, a);     // set on the wish

        Assert.Equal(55, await BalanceAsync(a));
        Assert.Equal(20, await BalanceAsync(b));
        Assert.Equal(10, await BalanceAsync(c));
        var totals = await Host.InScopeAsync(sp => sp.GetRequiredService<PointsLedger>().TotalsAsync());
        Assert.Equal([55, 20, 10], totals.Where(t => t.ClaimantId == a || t.ClaimantId == b || t.ClaimantId == c).Select(t => t.Points));
        Assert.All(await LedgerAsync(a, b, c), e => Assert.Equal(PointsEntryKind.Granted, e.Kind));
        Assert.Equal(4, (await LedgerAsync(a, b, c)).Count);
    }

    [Fact]
    public async Task A_reversal_takes_points_back_with_a_reason_as_a_new_row_and_only_once()
    {
        var volunteer = Volunteer();
        await VerifiedWishAsync("study-supplies", null, volunteer);
        await VerifiedWishAsync("essential-supplies", null, volunteer);
        var grant = (await LedgerAsync(volunteer)).First(e => e.Points == 20);

        var noReason = await ReverseAsync(grant.Id, "  ");
        Assert.Equal(WishErrorKind.Invalid, noReason.ErrorKind);
        Assert.Equal(30, await BalanceAsync(volunteer));

        Assert.True((await ReverseAsync(grant.Id, "服务未实际完成，居民反映书包未送到")).Succeeded);
        var again = await ReverseAsync(grant.Id, "重复操作");
        Assert.Equal(WishErrorKind.Conflict, again.ErrorKind);

        var rows = await LedgerAsync(volunteer);
        Assert.Equal(3, rows.Count);
        Assert.Contains(rows, r => r.Id == grant.Id && r.Points == 20);
        var reversal = Assert.Single(rows, r => r.Kind == PointsEntryKind.Reversed);
        Assert.Equal((-20, grant.Id, "服务未实际完成，居民反映书包未送到"), (reversal.Points, reversal.ReversesId, reversal.Reason));
        Assert.Equal(10, await BalanceAsync(volunteer));

        var reversalOfReversal = await ReverseAsync(reversal.Id, "撤销");
        Assert.Equal(WishErrorKind.NotFound, reversalOfReversal.ErrorKind);
    }

    [Fact]
    public async Task Verifying_again_after_a_story_draft_is_withdrawn_grants_nothing_twice()
    {
        var volunteer = Volunteer();
        var wish = await VerifiedWishAsync("essential-supplies", null, volunteer);

        Assert.True((await MoveAsync(wish, WishStatus.StoryDrafted)).Succeeded);
        Assert.True((await MoveAsync(wish, WishStatus.Verified)).Succeeded);

        Assert.Equal(10, await BalanceAsync(volunteer));
    }

    [Fact]
    public async Task Released_claims_earn_nothing_when_the_wish_is_verified()
    {
        var (kept, gone) = (Volunteer(), Volunteer());
        var wish = await PublishedWishAsync(slots: 1);
        var released = (await ClaimAsync(wish, gone)).ClaimId!.Value;
        Assert.True((await Host.InScopeAsync(sp => sp.GetRequiredService<WishClaims>().ReleaseAsync(released, "临时有事"))).Succeeded);
        var claim = (await ClaimAsync(wish, kept)).ClaimId!.Value;
        Assert.True((await Host.InScopeAsync(sp => sp.GetRequiredService<WishClaims>().FulfilAsync(claim, "已送到", null, 2))).Succeeded);

        Assert.True((await MoveAsync(wish, WishStatus.Verified)).Succeeded);

        Assert.Equal(10, await BalanceAsync(kept));
        Assert.Equal(0, await BalanceAsync(gone));
    }

    /// <summary>A wish of the category (and points, when set) claimed and fulfilled by each claimant, then verified.</summary>
    protected async Task<string> VerifiedWishAsync(string category, int? points, params string[] claimants)
    {
        var id = await Host.InScopeAsync(async sp =>
        {
            var cm = sp.GetRequiredService<ContentManager>();
            var item = (await cm.NewAsync("Wish"))!;
            item.Part("TitlePart")["Title"] = "心愿 " + category;
            item.Field("Wish", "Slots")["Value"] = claimants.Length;
            item.Field("Wish", "Category")["Value"] = category;
            item.Field("Wish", "PublishConsent")["Value"] = true;
            if (points is not null) item.Field("Wish", "Points")["Value"] = points.Value;
            var result = await cm.CreateAsync(item);
            Assert.True(result.Succeeded, result.ToString());
            return result.Item!.ContentItemId;
        });
        foreach (var step in new[] { WishStatus.Submitted, WishStatus.UnderReview, WishStatus.Published })
            Assert.True((await MoveAsync(id, step)).Succeeded);
        foreach (var claimant in claimants)
        {
            var claim = await ClaimAsync(id, claimant);
            Assert.True(claim.Succeeded, claim.Error);
            var fulfilled = await Host.InScopeAsync(sp => sp.GetRequiredService<WishClaims>().FulfilAsync(claim.ClaimId!.Value, "已完成", null, 1.5));
            Assert.True(fulfilled.Succeeded, fulfilled.Error);
        }
        Assert.True((await MoveAsync(id, WishStatus.Verified)).Succeeded);
        return id;
    }

    protected Task<int> BalanceAsync(string claimant) =>
        Host.InScopeAsync(sp => sp.GetRequiredService<PointsLedger>().BalanceAsync(claimant));

    private Task<WishResult> ReverseAsync(long entryId, string reason) =>
        Host.InScopeAsync(sp => sp.GetRequiredService<PointsLedger>().ReverseAsync(entryId, reason));

    private Task<List<PointsEntryRecord>> LedgerAsync(params string[] claimants) =>
        Host.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<PointsEntryRecord>().AsNoTracking()
            .Where(p => claimants.Contains(p.ClaimantId)).OrderBy(p => p.Id).ToListAsync());
}
