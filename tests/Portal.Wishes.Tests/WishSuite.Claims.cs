using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Wishes.Models;
using Portal.Wishes.Services;

namespace Portal.Wishes.Tests;

public abstract partial class WishSuite
{
    [Fact]
    public async Task Of_fifty_volunteers_claiming_at_once_exactly_one_wins_and_the_rest_hear_already_claimed()
    {
        var id = await PublishedWishAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => ClaimAsync(id, Volunteer()))));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r =>
        {
            Assert.Equal(WishErrorKind.Conflict, r.ErrorKind);
            Assert.Contains("already been claimed", r.Error);
        });
        var row = await IndexAsync(id);
        Assert.Equal(WishStatus.Claimed, row.Status);
        Assert.Equal(1, row.SlotsClaimed);
        Assert.Single(await ClaimsAsync(id));
    }

    [Fact]
    public async Task A_wish_with_five_slots_takes_five_claimers_and_then_is_claimed()
    {
        var id = await PublishedWishAsync(slots: 5);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => ClaimAsync(id, Volunteer()))));

        Assert.Equal(5, results.Count(r => r.Succeeded));
        var row = await IndexAsync(id);
        Assert.Equal((WishStatus.Claimed, 5), (row.Status, row.SlotsClaimed));
        Assert.Equal(5, (await ClaimsAsync(id)).Count);
    }

    [Fact]
    public async Task Partially_claimed_wishes_stay_open_for_more_claimers()
    {
        var id = await PublishedWishAsync(slots: 3);

        Assert.True((await ClaimAsync(id, Volunteer())).Succeeded);

        var row = await IndexAsync(id);
        Assert.Equal((WishStatus.Published, 1), (row.Status, row.SlotsClaimed));
    }

    [Fact]
    public async Task A_volunteer_cannot_take_two_slots_of_one_wish()
    {
        var id = await PublishedWishAsync(slots: 3);
        var volunteer = Volunteer();
        Assert.True((await ClaimAsync(id, volunteer)).Succeeded);

        var again = await ClaimAsync(id, volunteer);

        Assert.Contains("already claimed this wish", again.Error);
        Assert.Equal(1, (await IndexAsync(id)).SlotsClaimed);
    }

    [Fact]
    public async Task A_volunteer_at_the_cap_of_open_claims_is_refused_and_the_slot_stays_free()
    {
        var volunteer = Volunteer();
        for (var i = 0; i < 3; i++) Assert.True((await ClaimAsync(await PublishedWishAsync(), volunteer)).Succeeded);
        var fourth = await PublishedWishAsync();

        var result = await ClaimAsync(fourth, volunteer);

        Assert.False(result.Succeeded);
        Assert.Contains("3", result.Error);
        var row = await IndexAsync(fourth);
        Assert.Equal((WishStatus.Published, 0), (row.Status, row.SlotsClaimed));
    }

    [Fact]
    public async Task Releasing_with_a_reason_reopens_the_wish()
    {
        var id = await PublishedWishAsync();
        var claim = await ClaimAsync(id, Volunteer());

        var noReason = await Host.InScopeAsync(sp => sp.GetRequiredService<WishClaims>().ReleaseAsync(claim.ClaimId!.Value, ""));
        Assert.False(noReason.Succeeded);
        Assert.Equal(WishStatus.Claimed, (await IndexAsync(id)).Status);

        var released = await Host.InScopeAsync(sp => sp.GetRequiredService<WishClaims>().ReleaseAsync(claim.ClaimId!.Value, "临时出差"));

        Assert.True(released.Succeeded, released.Error);
        var row = await IndexAsync(id);
        Assert.Equal((WishStatus.Published, 0), (row.Status, row.SlotsClaimed));
        Assert.Equal("临时出差", (await ClaimsAsync(id)).Single().ReleaseReason);
        Assert.True((await ClaimAsync(id, Volunteer())).Succeeded);
    }

    [Fact]
    public async Task Organisations_claim_only_once_a_wish_is_open_to_them()
    {
        var id = await PublishedWishAsync();

        var early = await ClaimAsync(id, "org-1", ClaimantKind.Organisation);
        Assert.False(early.Succeeded);
        Assert.True((await MoveAsync(id, WishStatus.OpenToOrganisations)).Succeeded);

        Assert.True((await ClaimAsync(id, "org-1", ClaimantKind.Organisation)).Succeeded);
    }

    [Fact]
    public async Task Wishes_that_are_not_open_cannot_be_claimed_and_say_why()
    {
        var id = await NewWishAsync();

        var result = await ClaimAsync(id, Volunteer());

        Assert.Equal(WishErrorKind.Invalid, result.ErrorKind);
        Assert.Contains(await LabelAsync(WishStatus.Draft), result.Error);
        Assert.Equal(0, (await IndexAsync(id)).SlotsClaimed);
    }

    [Fact]
    public async Task A_refused_claim_inside_a_larger_transaction_leaves_nothing_behind()
    {
        var id = await PublishedWishAsync(slots: 2);
        var volunteer = Volunteer();
        Assert.True((await ClaimAsync(id, volunteer)).Succeeded);

        await Host.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            await db.InTransactionAsync(async () =>
            {
                var again = await sp.GetRequiredService<WishClaims>().ClaimAsync(id, volunteer, ClaimantKind.Volunteer);
                Assert.False(again.Succeeded);
                return 0;
            });
        });

        Assert.Equal(1, (await IndexAsync(id)).SlotsClaimed);
    }
}
