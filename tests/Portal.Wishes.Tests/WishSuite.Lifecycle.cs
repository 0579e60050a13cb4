using Microsoft.Extensions.DependencyInjection;
using Portal.Wishes.Models;
using Portal.Wishes.Services;
using static Portal.Wishes.Models.WishStatus;

namespace Portal.Wishes.Tests;

public abstract partial class WishSuite
{
    /// <summary>DOMAIN.md's "A wish's life", written out as the moves a person may ask for (claims are tested apart).</summary>
    public static readonly (WishStatus From, WishStatus To)[] Legal =
    [
        (Draft, Submitted), (Draft, Cancelled),
        (Submitted, UnderReview), (Submitted, Cancelled),
        (UnderReview, Published), (UnderReview, Returned), (UnderReview, Rejected),
        (Returned, Submitted), (Returned, Cancelled),
        (Published, OpenToOrganisations), (Published, Cancelled), (Published, Expired), (Published, Closed),
        (OpenToOrganisations, Cancelled), (OpenToOrganisations, Expired), (OpenToOrganisations, Closed),
        (Claimed, Scheduled), (Claimed, Cancelled), (Claimed, Closed),
        (Scheduled, Fulfilled), (Scheduled, Cancelled), (Scheduled, Closed),
        (Fulfilled, Verified), (Fulfilled, Scheduled), (Fulfilled, Closed),
        (Verified, StoryDrafted),
        (StoryDrafted, StoryPublished), (StoryDrafted, Verified),
    ];

    public static IEnumerable<object[]> EveryMove() =>
        from source in Enum.GetValues<WishStatus>()
        from target in Enum.GetValues<WishStatus>()
        select new object[] { source, target };

    [Theory]
    [MemberData(nameof(EveryMove))]
    public async Task Exactly_the_moves_of_the_domain_are_allowed(WishStatus from, WishStatus to)
    {
        var id = await NewWishAsync();
        await ForceStatusAsync(id, from);

        var result = await MoveAsync(id, to, reason: "测试原因");

        var legal = Legal.Contains((from, to));
        Assert.Equal(legal, result.Succeeded);
        Assert.Equal(legal ? to : from, (await IndexAsync(id)).Status);
        if (!legal)
        {
            Assert.Equal(WishErrorKind.Invalid, result.ErrorKind);
            Assert.Contains(await LabelAsync(from), result.Error);
        }
    }

    [Fact]
    public async Task A_deadline_given_as_a_date_ends_at_midnight_in_the_site_time_zone()
    {
        var id = await NewWishAsync(fill: item => item.Field("Wish", "Deadline")["Value"] = "2026-12-01");

        // No zone set: Asia/Shanghai (UTC+8), so the wish is due until 24:00 there, 16:00 UTC, not from 08:00 that morning.
        Assert.Equal(new DateTime(2026, 12, 1, 15, 59, 59), (await IndexAsync(id)).DeadlineUtc);

        await SetTimeZoneAsync("Europe/Berlin");
        try
        {
            await host.InScopeAsync(async sp =>
            {
                var cm = sp.GetRequiredService<Portal.Core.Content.ContentManager>();
                var item = (await cm.GetAsync(id, Portal.Core.Content.VersionOptions.Latest))!;
                item.Field("Wish", "Deadline")["Value"] = "2026-12-02";
                Assert.True((await cm.UpdateAsync(item)).Succeeded);
                return 0;
            });
            Assert.Equal(new DateTime(2026, 12, 2, 22, 59, 59), (await IndexAsync(id)).DeadlineUtc);
        }
        finally
        {
            await SetTimeZoneAsync(null);
        }
    }

    private Task SetTimeZoneAsync(string? zone) =>
        host.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<Portal.Core.Settings.SiteSettingsStore>()
                .SetAsync(Portal.Core.Settings.SiteSettingsStore.General, new System.Text.Json.Nodes.JsonObject { ["TimeZone"] = zone });
            return 0;
        });

    [Fact]
    public async Task A_new_wish_starts_as_a_draft()
    {
        var id = await NewWishAsync(slots: 5);

        var row = await IndexAsync(id);
        Assert.Equal(Draft, row.Status);
        Assert.Equal(5, row.SlotsTotal);
    }

    [Theory]
    [InlineData(Rejected)]
    [InlineData(Returned)]
    public async Task Rejecting_or_returning_needs_a_reason_and_changes_nothing_without_one(WishStatus to)
    {
        var id = await NewWishAsync();
        await ForceStatusAsync(id, UnderReview);

        var result = await MoveAsync(id, to, reason: "  ");

        Assert.False(result.Succeeded);
        Assert.Equal(UnderReview, (await IndexAsync(id)).Status);
    }

    [Fact]
    public async Task Every_change_is_in_the_audit_trail_with_who_when_from_to_and_why()
    {
        var id = await PublishedWishAsync();
        Assert.True((await MoveAsync(id, Closed, "已在别处实现")).Succeeded);

        var trail = await Host.InScopeAsync(sp => ((WishLifecycle)sp.GetService(typeof(WishLifecycle))!).AuditTrailAsync(id));

        Assert.Equal([Submitted, UnderReview, Published, Closed], trail.Select(a => a.To!.Value));
        Assert.Equal([Draft, Submitted, UnderReview, Published], trail.Select(a => a.From!.Value));
        Assert.Equal("已在别处实现", trail[^1].Reason);
        Assert.All(trail, a => Assert.True(a.AtUtc > DateTime.UtcNow.AddMinutes(-5)));
    }

    [Fact]
    public async Task An_unknown_wish_is_reported_as_not_found()
    {
        var result = await MoveAsync("nosuchwish", Submitted);

        Assert.Equal(WishErrorKind.NotFound, result.ErrorKind);
    }
}
