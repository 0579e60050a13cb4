using Microsoft.EntityFrameworkCore;
using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;
using Portal.Core.Data;
using Portal.Core.Modules;
using Portal.Testing;
using Portal.Wishes.Models;
using Portal.Wishes.Services;

namespace Portal.Wishes.Tests;

/// <summary>Records every wish event, as a workflow engine listening for them would receive it.</summary>
public sealed class EventRecorder : IWishEventHandler
{
    public ConcurrentQueue<(WishEvent Event, ContentItem? Wish)> Events { get; } = new();

    /// <summary>Asks for the wish as a listener that needs it does, while handling the event.</summary>
    public async Task HandleAsync(WishEvent wishEvent) => Events.Enqueue((wishEvent, await wishEvent.WishAsync()));

    public IReadOnlyList<WishEvent> Of(string wishId) => Events.Where(e => e.Event.WishId == wishId).Select(e => e.Event).ToList();

    public IReadOnlyList<ContentItem?> WishesOf(string wishId) => Events.Where(e => e.Event.WishId == wishId).Select(e => e.Wish).ToList();
}

internal sealed class EventRecorderModule : PortalModule
{
    public override string Name => "Tests.EventRecorder";
    public override IReadOnlyList<string> Dependencies => ["Portal.Wishes"];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<EventRecorder>();
        services.AddScoped<IWishEventHandler>(sp => sp.GetRequiredService<EventRecorder>());
    }
}

public sealed class EventHost : IAsyncLifetime
{
    public PortalTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await PortalTestHost.StartAsync(DatabaseProvider.Sqlite, [.. Portal.Web.PortalModules.All, new EventRecorderModule()]);
        await Host.InScopeAsync(sp => new DefinitionBuilder("Wish").Parts("TitlePart")
            .Field("Slots", "NumericField", new JsonObject { ["Minimum"] = 1 })
            .WishPrivacyFields()
            .SaveAsync(sp.GetRequiredService<ContentDefinitionStore>()));
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class WishEventTests(EventHost fixture) : IClassFixture<EventHost>
{
    private PortalTestHost Host => fixture.Host;
    private EventRecorder Recorder => Host.Services.GetRequiredService<EventRecorder>();

    private Task<string> NewWishAsync() => Host.InScopeAsync(async sp =>
    {
        var cm = sp.GetRequiredService<ContentManager>();
        var item = (await cm.NewAsync("Wish"))!;
        item.Part("TitlePart")["Title"] = "一台收音机";
        item.Field("Wish", "PublishConsent")["Value"] = true;
        item.Field("Wish", "WisherName")["Text"] = "孙建国";
        return (await cm.CreateAsync(item)).Item!.ContentItemId;
    });

    private Task Move(string id, WishStatus to, string? reason = null) => Host.InScopeAsync(async sp =>
        Assert.True((await sp.GetRequiredService<WishLifecycle>().MoveAsync(id, to, reason)).Succeeded));

    private Task<long> Claim(string id) => Host.InScopeAsync(async sp =>
        (await sp.GetRequiredService<WishClaims>().ClaimAsync(id, "v-" + Guid.NewGuid().ToString("N")[..8], ClaimantKind.Volunteer)).ClaimId!.Value);

    private Task Claims(Func<WishClaims, Task<WishResult>> work) => Host.InScopeAsync(async sp =>
        Assert.True((await work(sp.GetRequiredService<WishClaims>())).Succeeded));

    private async Task<string> PublishedAsync()
    {
        var id = await NewWishAsync();
        await Move(id, WishStatus.Submitted);
        await Move(id, WishStatus.UnderReview);
        await Move(id, WishStatus.Published);
        return id;
    }

    [Fact]
    public async Task A_wish_raises_each_event_of_its_life_with_its_id_as_correlation_and_the_wish_for_listeners_that_ask()
    {
        var id = await PublishedAsync();
        var claim = await Claim(id);
        await Claims(c => c.ConfirmAsync(claim));
        await Claims(c => c.ScheduleAsync(claim, DateTime.UtcNow.AddDays(2)));
        await Claims(c => c.FulfilAsync(claim, "收音机已送到", null));
        await Move(id, WishStatus.Verified);

        var events = Recorder.Of(id);
        Assert.Equal(
            [WishEvents.Submitted, WishEvents.ReviewStarted, WishEvents.Published, WishEvents.Reviewed, WishEvents.Claimed,
             WishEvents.ClaimConfirmed, WishEvents.Scheduled, WishEvents.Fulfilled, WishEvents.Verified],
            events.Select(e => e.Name));
        Assert.All(events, e => Assert.Equal(id, e.CorrelationId));
        Assert.All(Recorder.WishesOf(id), wish => Assert.Equal("一台收音机", wish!.DisplayText));
        Assert.All(Recorder.WishesOf(id), wish => Assert.DoesNotContain("孙建国", wish!.Content.ToJsonString()));
        var reviewed = events.Single(e => e.Name == WishEvents.Reviewed);
        Assert.Equal((WishStatus.UnderReview, WishStatus.Published), (reviewed.From!.Value, reviewed.To!.Value));
        Assert.Equal(claim, events.Single(e => e.Name == WishEvents.ClaimConfirmed).Input["ClaimId"]);
    }

    [Fact]
    public async Task Releasing_cancelling_and_expiring_raise_their_events_with_the_reason()
    {
        var released = await PublishedAsync();
        var claim = await Claim(released);
        await Claims(c => c.ReleaseAsync(claim, "临时出差"));
        var cancelled = await PublishedAsync();
        await Move(cancelled, WishStatus.Cancelled, "心愿人已搬走");
        var expired = await PublishedAsync();
        await Move(expired, WishStatus.Expired);

        var release = Recorder.Of(released).Single(e => e.Name == WishEvents.Released);
        Assert.Equal(("临时出差", WishStatus.Published), (release.Reason, release.To!.Value));
        Assert.Equal("心愿人已搬走", Recorder.Of(cancelled).Single(e => e.Name == WishEvents.Cancelled).Reason);
        Assert.Single(Recorder.Of(expired), e => e.Name == WishEvents.Expired);
    }

    [Fact]
    public async Task The_expiry_job_raises_the_expired_event_once_however_often_it_runs()
    {
        var id = await PublishedAsync();
        await Host.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<WishIndexRecord>()
            .Where(w => w.WishId == id).ExecuteUpdateAsync(s => s.SetProperty(w => w.DeadlineUtc, DateTime.UtcNow.AddHours(-1))));

        var expiry = Host.Services.GetRequiredService<WishExpiry>();
        var first = await expiry.RunOnceAsync();
        var second = await expiry.RunOnceAsync();

        Assert.True(first >= 1);
        Assert.Equal(0, second);
        var expired = Assert.Single(Recorder.Of(id), e => e.Name == WishEvents.Expired);
        Assert.Equal((WishStatus.Published, WishStatus.Expired), (expired.From!.Value, expired.To!.Value));
    }

    [Fact]
    public async Task A_refused_move_raises_no_event()
    {
        var id = await NewWishAsync();
        var before = Recorder.Of(id).Count;

        var refused = await Host.InScopeAsync(sp => sp.GetRequiredService<WishLifecycle>().MoveAsync(id, WishStatus.Verified));

        Assert.False(refused.Succeeded);
        Assert.Equal(before, Recorder.Of(id).Count);
    }
}
