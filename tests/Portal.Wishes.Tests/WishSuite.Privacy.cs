using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Content.Privacy;
using Portal.Wishes.Models;
using Portal.Wishes.Services;

namespace Portal.Wishes.Tests;

public abstract partial class WishSuite
{
    private async Task<WishResult> ReviewAndPublishAsync(string id)
    {
        Assert.True((await MoveAsync(id, WishStatus.Submitted)).Succeeded);
        Assert.True((await MoveAsync(id, WishStatus.UnderReview)).Succeeded);
        return await MoveAsync(id, WishStatus.Published);
    }

    private Task<ContentItem?> PublishedItemAsync(string id) =>
        host.InScopeAsync(sp => sp.GetRequiredService<ContentManager>().GetAsync(id));

    [Fact]
    public async Task Publishing_a_wish_without_the_residents_consent_is_refused_with_the_reason_and_changes_nothing()
    {
        var id = await NewWishAsync(fill: w => w.Field("Wish", "PublishConsent")["Value"] = false);

        var refused = await ReviewAndPublishAsync(id);

        Assert.False(refused.Succeeded);
        Assert.Contains("has not consented to publishing the wish", refused.Error);
        Assert.Equal(WishStatus.UnderReview, (await IndexAsync(id)).Status);
        Assert.Null(await PublishedItemAsync(id));
    }

    [Fact]
    public async Task A_childs_wish_needs_the_guardians_consent_as_well()
    {
        var child = await NewWishAsync(fill: w => w.Field("Wish", "Minor")["Value"] = true);
        var withGuardian = await NewWishAsync(fill: w =>
        {
            w.Field("Wish", "Minor")["Value"] = true;
            w.Field("Wish", "GuardianConsent")["Value"] = true;
        });

        var refused = await ReviewAndPublishAsync(child);
        var published = await ReviewAndPublishAsync(withGuardian);

        Assert.Contains("no guardian's consent", refused.Error);
        Assert.True(published.Succeeded, published.Error);
        Assert.NotNull(await PublishedItemAsync(withGuardian));
    }

    [Fact]
    public async Task A_story_is_published_only_with_story_consent_and_its_photos_only_with_photo_consent()
    {
        var noStory = await NewWishAsync();
        var storyOnly = await NewWishAsync(fill: w => w.Field("Wish", "StoryConsent")["Value"] = true);

        var withoutConsent = await NewStoryAsync(noStory, photos: false);
        var photosWithoutConsent = await NewStoryAsync(storyOnly, photos: true);
        var textOnly = await NewStoryAsync(storyOnly, photos: false);

        Assert.Contains(withoutConsent.Errors, e => e.Message.Contains("has not consented to a story"));
        Assert.Contains(photosWithoutConsent.Errors, e => e.Message.Contains("has not consented to publishing photos"));
        Assert.True(textOnly.Succeeded, textOnly.ToString());
    }

    private Task<ContentResult> NewStoryAsync(string wishId, bool photos) =>
        host.InScopeAsync(async sp =>
        {
            var cm = sp.GetRequiredService<ContentManager>();
            var story = (await cm.NewAsync("Story"))!;
            story.Part("TitlePart")["Title"] = "一台电风扇送到了";
            story.Field("Story", "RelatedWishes")["ContentItemIds"] = new JsonArray(wishId);
            if (photos) story.Field("Story", "Hero")["Paths"] = new JsonArray("stories/fan.jpg");
            return await cm.CreateAsync(story, publish: true);
        });

    [Fact]
    public async Task A_wish_without_an_alias_shows_the_masked_name_and_keeps_the_name_apart()
    {
        var id = await NewWishAsync(fill: w => w.Field("Wish", "WisherName")["Text"] = "马桂兰");
        Assert.True((await ReviewAndPublishAsync(id)).Succeeded);

        var item = (await PublishedItemAsync(id))!;

        Assert.Equal("马**", item.Content["Wish"]!["Alias"]!["Text"]!.GetValue<string>());
        Assert.DoesNotContain("马桂兰", item.Content.ToJsonString());
    }

    [Fact]
    public async Task The_claimer_sees_the_contact_details_only_once_the_claim_is_confirmed_and_each_view_is_logged()
    {
        var id = await NewWishAsync(fill: w =>
        {
            w.Field("Wish", "WisherName")["Text"] = "马桂兰";
            w.Field("Wish", "Phone")["Text"] = "13900002222";
            w.Field("Wish", "IdNumber")["Text"] = "330102194801010021";
        });
        Assert.True((await ReviewAndPublishAsync(id)).Succeeded);
        var volunteer = Volunteer();
        var claim = await ClaimAsync(id, volunteer);

        var before = await RevealContactAsync(id, volunteer);
        var stranger = await RevealContactAsync(id, Volunteer());
        Assert.True((await host.InScopeAsync(sp => sp.GetRequiredService<WishClaims>().ConfirmAsync(claim.ClaimId!.Value))).Succeeded);
        var after = await RevealContactAsync(id, volunteer);
        await RevealContactAsync(id, volunteer);

        Assert.Null(before.Contact);
        Assert.Contains("once community staff have confirmed your claim", before.Reason);
        Assert.Null(stranger.Contact);
        Assert.Equal(new WishContact(id, "马桂兰", "13900002222", null), after.Contact);
        var log = await host.InScopeAsync(sp => sp.GetRequiredService<PersonalData>().AccessLogAsync(id));
        Assert.Equal(2, log.Count(l => l.Purpose == WishContacts.ClaimerPurpose && l.Detail == $"claim {claim.ClaimId}"));
        Assert.DoesNotContain(log, l => l.Detail?.Contains("IdNumber") == true);
    }

    private Task<(WishContact? Contact, WishErrorKind Error, string? Reason)> RevealContactAsync(string id, string userId) =>
        host.InScopeAsync(sp => sp.GetRequiredService<WishContacts>().RevealAsync(id, userId, isStaff: false));
}
