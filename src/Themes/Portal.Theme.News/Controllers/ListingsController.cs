using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Localization;
using Portal.Core.Content;
using Portal.Core.Settings;
using Portal.Theme.News.Services;

namespace Portal.Theme.News.Controllers;

public sealed record StoryListModel(string Heading, string Path, IReadOnlyList<ContentItem> Stories, int Total, int Page, int PageSize);

public sealed record WishWallModel(IReadOnlyList<WishCard> Cards, int Total, int Page, int PageSize, WishFilter Filter,
    IReadOnlyList<ContentItem> Communities, IReadOnlyDictionary<string, string> Categories, IReadOnlyList<ContentItem> Campaigns);

/// <summary>The public lists: stories (all, by tag, community, month), campaigns, the wish wall, and the about page.</summary>
[Area(NewsThemeModule.Area)]
[AllowAnonymous]
[OutputCache(PolicyName = PublicCache.Policy)]
public sealed class ListingsController(PublicContent site, WishWall board, SiteTime time, IStringLocalizer<ListingsController> T) : Controller
{
    public const int PageSize = 12;

    [HttpGet("/stories")]
    public Task<IActionResult> Stories(int page = 1) => StoriesAsync(T["All stories"], "/stories", [], page);

    [HttpGet("/stories/tag/{tag}")]
    public Task<IActionResult> Tag(string tag, int page = 1) =>
        StoriesAsync(T["Stories tagged “{0}”", tag], "/stories/tag/" + Uri.EscapeDataString(tag),
            [new FieldFilter(PublicContent.Story, "Tags", FieldOperator.Contains, tag.Trim())], page);

    /// <summary>Stories whose wishes are in the community.</summary>
    [HttpGet("/stories/community/{id}")]
    public async Task<IActionResult> Community(string id, int page = 1)
    {
        if (await site.PublishedAsync(id) is not { ContentType: "Community" } community) return NotFound();
        var wishes = await board.WishIdsInCommunityAsync(id);
        return await StoriesAsync(T["Stories from {0}", community.DisplayText], "/stories/community/" + id,
            [new FieldFilter(PublicContent.Story, "RelatedWishes", FieldOperator.In, wishes.Count == 0 ? ["-"] : wishes)], page);
    }

    [HttpGet("/stories/{year:int:range(2000,2100)}/{month:int:range(1,12)}")]
    public async Task<IActionResult> Month(int year, int month, int page = 1)
    {
        var zone = await time.ZoneAsync();
        var from = TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, month, 1), zone);
        var to = TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, month, 1).AddMonths(1), zone);
        var stories = await site.StoriesAsync((Math.Max(1, page) - 1) * PageSize, PageSize, [], publishedFrom: from, publishedTo: to);
        return View("Stories", new StoryListModel(T["Stories of {0}", new DateTime(year, month, 1).ToString("Y", CultureInfo.CurrentUICulture)],
            $"/stories/{year}/{month}", stories.Items, stories.TotalCount, Math.Max(1, page), PageSize));
    }

    [HttpGet("/campaigns")]
    public async Task<IActionResult> Campaigns()
    {
        var all = await site.CampaignsAsync();
        return View(await board.ProgressAsync(all));
    }

    [HttpGet("/wishes")]
    public async Task<IActionResult> Wishes(string? community, string? category, string? campaign, int page = 1)
    {
        page = Math.Max(1, page);
        var filter = new WishFilter(community, category, campaign);
        var (cards, total) = await board.OpenWishesAsync(filter, (page - 1) * 24, 24);
        return View(new WishWallModel(cards, total, page, 24, filter, await site.CommunitiesAsync(), await board.CategoriesAsync(), await site.CampaignsAsync()));
    }

    /// <summary>The about page: the item with the permalink "about" when the site has one, else the theme's own text.</summary>
    [HttpGet("/about")]
    public async Task<IActionResult> About() =>
        await site.ByPathAsync("about") is { } page ? View("~/Areas/Portal.Theme.News/Views/Public/Item.cshtml", page) : View();

    private async Task<IActionResult> StoriesAsync(string heading, string path, IReadOnlyList<FieldFilter> filters, int page)
    {
        page = Math.Max(1, page);
        var stories = await site.StoriesAsync((page - 1) * PageSize, PageSize, filters);
        return View("Stories", new StoryListModel(heading, path, stories.Items, stories.TotalCount, page, PageSize));
    }
}
