using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portal.Core.Content;
using Portal.Theme.News.Services;

namespace Portal.Theme.News.Controllers;

public sealed record HomeModel(ContentItem? Lead, IReadOnlyList<ContentItem> Latest);

/// <summary>The site's home page and every published item at its permalink.</summary>
[Area(NewsThemeModule.Area)]
[AllowAnonymous]
public sealed class PublicController(PublicContent site) : Controller
{
    [HttpGet("/")]
    public async Task<IActionResult> Home()
    {
        var stories = await site.StoriesAsync(0, 9, countTotal: false);
        return View(new HomeModel(stories.Items.FirstOrDefault(), stories.Items.Skip(1).ToList()));
    }

    /// <summary>An item at its permalink (routed by <see cref="AutorouteTransformer"/>); a draft-only item is a 404.</summary>
    [HttpGet]
    public async Task<IActionResult> Item(string id) =>
        await site.PublishedAsync(id) is { } item ? View(item) : NotFound();
}
