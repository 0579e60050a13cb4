using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Wishes.Models;
using Portal.Wishes.Services;

namespace Portal.Wishes.Tests;

public abstract partial class WishSuite
{
    private Task<SubmissionResult> SubmitAsync(string title, SubmissionOptions options, bool consent = true, bool minor = false) =>
        host.InScopeAsync(async sp =>
        {
            var item = (await sp.GetRequiredService<ContentManager>().NewAsync("Wish"))!;
            item.Part("TitlePart")["Title"] = title;
            item.Field("Wish", "Slots")["Value"] = 1;
            item.Field("Wish", "PublishConsent")["Value"] = consent;
            item.Field("Wish", "Minor")["Value"] = minor;
            return await sp.GetRequiredService<WishSubmissions>().SubmitAsync(item, options);
        });

    private static SubmissionOptions Partner(string client, string key, string fingerprint) =>
        new(IntakeSource.Partner, Key: new IdempotencyKey(client, key, fingerprint));

    [Fact]
    public async Task A_resident_submitting_online_must_consent_and_a_childs_wish_needs_a_guardian_nothing_saved_otherwise()
    {
        var marker = Guid.NewGuid().ToString("N")[..6];

        var noConsent = await SubmitAsync($"拐杖 {marker}", new(IntakeSource.Online), consent: false);
        var noGuardian = await SubmitAsync($"书包 {marker}", new(IntakeSource.Online), minor: true);
        var good = await SubmitAsync($"台灯 {marker}", new(IntakeSource.Online));

        Assert.Equal(["Wish.PublishConsent"], noConsent.Errors.Select(e => e.Path));
        Assert.Equal(["Wish.GuardianConsent"], noGuardian.Errors.Select(e => e.Path));
        Assert.Equal(1, await WishesTitledAsync(marker));
        Assert.Equal(WishStatus.Submitted, (await IndexAsync(good.WishId!)).Status);
        var item = await host.InScopeAsync(sp => sp.GetRequiredService<ContentManager>().GetAsync(good.WishId!, VersionOptions.Latest));
        Assert.Equal("online", item!.Content["Wish"]!["IntakeChannel"]!["Value"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_same_idempotency_key_from_the_same_client_submits_one_wish_and_answers_with_it()
    {
        var marker = Guid.NewGuid().ToString("N")[..6];
        var key = "k-" + marker;

        var first = await SubmitAsync($"轮椅 {marker}", Partner("partner-a", key, "fp-1"));
        var replayed = await SubmitAsync($"轮椅 {marker}", Partner("partner-a", key, "fp-1"));
        var otherClient = await SubmitAsync($"轮椅 {marker}", Partner("partner-b", key, "fp-1"));
        var otherInput = await SubmitAsync($"雨伞 {marker}", Partner("partner-a", key, "fp-2"));

        Assert.True(first.Succeeded);
        Assert.False(first.Replayed);
        Assert.Equal((first.WishId, true), (replayed.WishId, replayed.Replayed));
        Assert.NotEqual(first.WishId, otherClient.WishId);
        Assert.Equal(["IdempotencyKey"], otherInput.Errors.Select(e => e.Path));
        Assert.Equal(2, await WishesTitledAsync(marker));
        var item = await host.InScopeAsync(sp => sp.GetRequiredService<ContentManager>().GetAsync(first.WishId!, VersionOptions.Latest));
        Assert.Equal("partner-api", item!.Content["Wish"]!["IntakeChannel"]!["Value"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_refused_partner_submission_leaves_its_key_free_and_concurrent_replays_make_one_wish()
    {
        var marker = Guid.NewGuid().ToString("N")[..6];
        var key = "k-" + marker;

        var refused = await SubmitAsync($"电风扇 {marker}", Partner("partner-a", key, "fp-1"), consent: false);
        Assert.False(refused.Succeeded);
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SubmitAsync($"电风扇 {marker}", Partner("partner-a", key, "fp-1"))));

        Assert.All(results, r => Assert.True(r.Succeeded, string.Join("; ", r.Errors.Select(e => e.Message))));
        Assert.Single(results.Select(r => r.WishId).Distinct());
        Assert.Equal(1, await WishesTitledAsync(marker));
        Assert.Equal(1, await host.InScopeAsync(sp => sp.GetRequiredService<Portal.Core.Data.PortalDbContext>().Set<WishSubmissionKeyRecord>()
            .CountAsync(k => k.Key == key)));
    }
}
