using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Portal.Core.Content;
using Portal.Theme.News.Services;

namespace Portal.Theme.News.Controllers;

public sealed record HomeModel(ContentItem? Lead, IReadOnlyList<ContentItem> Latest, IReadOnlyList<CampaignProgress> Campaigns,
    IReadOnlyList<WishCard> Wishes, WishWall.Counters Counters);

/// <summary>The site's home page and every published item at its permalink.</summary>
[Area(NewsThemeModule.Area)]
[AllowAnonymous]
[OutputCache(PolicyName = PublicCache.Policy)]
public sealed class PublicController(PublicContent site, WishWall board) : Controller
{
    [HttpGet("/")]
    public async Task<IActionResult> Home()
    {
        var stories = await site.StoriesAsync(0, 7, countTotal: false);
        var campaigns = await board.ProgressAsync((await board.ActiveCampaignsAsync()).Take(3).ToList());
        var (wishes, _) = await board.OpenWishesAsync(new WishFilter(), 0, 6);
        return View(new HomeModel(stories.Items.FirstOrDefault(), stories.Items.Skip(1).ToList(), campaigns, wishes, await board.CountersAsync()));
    }

    /// <summary>
    /// A published item at its permalink. Last in line and GET only: every other route wins, other methods keep
    /// their 405/415 answers, and a path no published item holds is a 404 in the theme's look.
    /// </summary>
    [HttpGet("{**path}", Order = int.MaxValue)]
    public async Task<IActionResult> Item(string? path) =>
        path is { Length: > 0 } && await site.ByPathAsync(path) is { } item ? View(item) : NotFound();
}
