using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Hosting;
using Portal.Core.Cluster;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Wishes.Services;

namespace Portal.Theme.News.Services;

/// <summary>
/// Public pages are output-cached per UI culture for anonymous readers (signed-in users and responses that set
/// cookies are never cached) and evicted by one tag whenever published content or a wish's state changes:
/// the home page, lists, feeds and the wish wall all show such content, so a finer tag would miss pages. Each node
/// caches in its own memory, so the eviction travels as the change signal <see cref="SignalName"/>: raised on every
/// node once the change commits (not before, when a request could cache the old page again).
/// </summary>
public static class PublicCache
{
    public const string Policy = "PublicPage";
    public const string Tag = "public-content";
    public const string SignalName = "news:public-pages";

    public static void Configure(OutputCacheOptions options) =>
        options.AddPolicy(Policy, builder => builder
            .Tag(Tag)
            .VaryByValue(_ => new KeyValuePair<string, string>("culture", CultureInfo.CurrentUICulture.Name))
            .SetVaryByQuery("*")
            .Expire(TimeSpan.FromMinutes(10)));
}

/// <summary>Drops this node's cached public pages whenever any node signals a change.</summary>
public sealed class PublicCacheEviction(ChangeSignals signals, IOutputCacheStore store) : IHostedService
{
    private IDisposable? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // The memory store evicts synchronously; a signal handler has no caller to await it.
        subscription = signals.Subscribe(PublicCache.SignalName, () => store.EvictByTagAsync(PublicCache.Tag, default).AsTask().GetAwaiter().GetResult());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>Signals the public pages' eviction when published content changes.</summary>
public sealed class PublicCacheHandler(ChangeSignals signals, PortalDbContext db) : ContentHandler
{
    public override Task PublishedAsync(ContentContext context) => EvictAsync();
    public override Task UnpublishedAsync(ContentContext context) => EvictAsync();
    public override Task RemovedAsync(ContentContext context) => EvictAsync();

    // A type that is not draftable changes its published version on every save.
    public override Task UpdatedAsync(ContentContext context) => context.Item.Published ? EvictAsync() : Task.CompletedTask;

    private Task EvictAsync() => signals.SignalAsync(db, PublicCache.SignalName);
}

/// <summary>Signals the public pages' eviction when a wish is claimed, fulfilled or closed: the wish wall and progress change.</summary>
public sealed class PublicCacheWishListener(ChangeSignals signals, PortalDbContext db) : IWishEventHandler
{
    public Task HandleAsync(WishEvent wishEvent) => signals.SignalAsync(db, PublicCache.SignalName);
}
