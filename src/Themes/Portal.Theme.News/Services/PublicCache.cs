using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Portal.Core.Content;
using Portal.Wishes.Services;

namespace Portal.Theme.News.Services;

/// <summary>
/// Public pages are output-cached per UI culture for anonymous readers (signed-in users and responses that set
/// cookies are never cached) and evicted by one tag whenever published content or a wish's state changes:
/// the home page, lists, feeds and the wish wall all show such content, so a finer tag would miss pages.
/// </summary>
public static class PublicCache
{
    public const string Policy = "PublicPage";
    public const string Tag = "public-content";

    public static void Configure(OutputCacheOptions options) =>
        options.AddPolicy(Policy, builder => builder
            .Tag(Tag)
            .VaryByValue(_ => new KeyValuePair<string, string>("culture", CultureInfo.CurrentUICulture.Name))
            .SetVaryByQuery("*")
            .Expire(TimeSpan.FromMinutes(10)));
}

/// <summary>Evicts the public pages when published content changes.</summary>
public sealed class PublicCacheHandler(IOutputCacheStore store) : ContentHandler
{
    public override Task PublishedAsync(ContentContext context) => EvictAsync();
    public override Task UnpublishedAsync(ContentContext context) => EvictAsync();
    public override Task RemovedAsync(ContentContext context) => EvictAsync();

    // A type that is not draftable changes its published version on every save.
    public override Task UpdatedAsync(ContentContext context) => context.Item.Published ? EvictAsync() : Task.CompletedTask;

    private Task EvictAsync() => store.EvictByTagAsync(PublicCache.Tag, default).AsTask();
}

/// <summary>Evicts the public pages when a wish is claimed, fulfilled or closed: the wish wall and progress change.</summary>
public sealed class PublicCacheWishListener(IOutputCacheStore store) : IWishEventHandler
{
    public Task HandleAsync(WishEvent wishEvent) => store.EvictByTagAsync(PublicCache.Tag, default).AsTask();
}
