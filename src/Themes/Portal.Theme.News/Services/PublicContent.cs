using Microsoft.EntityFrameworkCore;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;
using Portal.Core.Data;

namespace Portal.Theme.News.Services;

/// <summary>What the public pages read: published items only.</summary>
public sealed class PublicContent(PortalDbContext db, ContentManager content, ContentDefinitionStore definitions)
{
    public const string Story = "Story";

    /// <summary>The id of the item whose permalink is <paramref name="path"/> ("stories/lamp").</summary>
    public Task<string?> IdByPathAsync(string path)
    {
        path = path.Trim('/');
        return db.Set<AutorouteRecord>().AsNoTracking().Where(r => r.Path == path).Select(r => r.ContentItemId).FirstOrDefaultAsync();
    }

    /// <summary>The published item whose permalink is <paramref name="path"/>.</summary>
    public async Task<ContentItem?> ByPathAsync(string path) =>
        await IdByPathAsync(path) is { } id ? await content.GetAsync(id) : null;

    public Task<ContentItem?> PublishedAsync(string id) => content.GetAsync(id);

    /// <summary>Published stories, newest first, optionally filtered by one field of the Story part.</summary>
    public Task<ContentPage> StoriesAsync(int skip, int take, IReadOnlyList<FieldFilter>? filters = null, bool countTotal = true,
        DateTime? publishedFrom = null, DateTime? publishedTo = null) =>
        content.QueryAsync(new ContentQuery
        {
            Types = [Story],
            Fields = filters ?? [],
            PublishedFrom = publishedFrom,
            PublishedTo = publishedTo,
            Order = new ContentOrder("PublishedUtc"),
            Skip = skip,
            Take = take,
            CountTotal = countTotal,
        });

    /// <summary>The story's wishes as the public may see them: alias and community, never the person.</summary>
    public async Task<IReadOnlyList<PublicWish>> RelatedWishesAsync(ContentItem story)
    {
        var wishes = await content.GetManyAsync(story.Ids(Story, "RelatedWishes"));
        return await PublicWishesAsync(wishes);
    }

    public async Task<IReadOnlyList<PublicWish>> PublicWishesAsync(IReadOnlyList<ContentItem> wishes)
    {
        var communities = (await content.GetManyAsync(wishes.SelectMany(w => w.Ids("Wish", "Community")).Distinct()))
            .ToDictionary(c => c.ContentItemId, c => c.DisplayText);
        return wishes.Select(w => new PublicWish(w.ContentItemId, w.DisplayText, w.Text("Wish", "Alias"),
            w.Ids("Wish", "Community").Select(id => communities.GetValueOrDefault(id)).FirstOrDefault(n => n is not null) ?? "")).ToList();
    }

    /// <summary>Other stories of the same campaign, newest first.</summary>
    public async Task<IReadOnlyList<ContentItem>> RelatedStoriesAsync(ContentItem story, int take)
    {
        if (story.Ids(Story, "Campaign").FirstOrDefault() is not { } campaign) return [];
        var page = await StoriesAsync(0, take + 1, [new FieldFilter(Story, "Campaign", FieldOperator.Equals, campaign)], countTotal: false);
        return page.Items.Where(s => s.ContentItemId != story.ContentItemId).Take(take).ToList();
    }

    /// <summary>Published campaigns, the latest start first.</summary>
    public async Task<IReadOnlyList<ContentItem>> CampaignsAsync() =>
        (await content.QueryAsync(new ContentQuery { Types = ["Campaign"], Take = 200, CountTotal = false })).Items
            .OrderByDescending(c => c.Date("Campaign", "StartDate")).ToList();

    public async Task<IReadOnlyList<ContentItem>> CommunitiesAsync() =>
        (await content.QueryAsync(new ContentQuery { Types = ["Community"], Order = new ContentOrder("DisplayText", Descending: false), Take = 500, CountTotal = false })).Items;

    public Task<ContentPartDefinition?> PartAsync(string name) => definitions.GetPartAsync(name);

    /// <summary>Every published item's permalink with its last change, for the sitemap.</summary>
    public async Task<IReadOnlyList<(string Path, DateTime Modified)>> PermalinksAsync() =>
        (await (from route in db.Set<AutorouteRecord>().AsNoTracking()
                join item in content.Records.Where(r => r.Published) on route.ContentItemId equals item.ContentItemId
                orderby route.Path
                select new { route.Path, item.ModifiedUtc }).Take(50_000).ToListAsync())
        .Select(r => (r.Path, r.ModifiedUtc)).ToList();

    public Task<IReadOnlyList<ContentItem>> ManyAsync(IEnumerable<string> ids) => content.GetManyAsync(ids);
}

/// <summary>A wish as public pages show it.</summary>
public sealed record PublicWish(string Id, string Title, string Alias, string Community);
