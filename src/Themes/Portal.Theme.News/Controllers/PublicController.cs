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

    /// <summary>Last in line: any more specific route wins, and a path no item holds is a 404 in the theme's look.</summary>
    [HttpGet("{**path}", Order = int.MaxValue)]
    public async Task<IActionResult> Item(string? path)
    {
        if (string.IsNullOrEmpty(path) || await site.ByPathAsync(path) is not { } item) return NotFound();
        return View(item);
    }
}
