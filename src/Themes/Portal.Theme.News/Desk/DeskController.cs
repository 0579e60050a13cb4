using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Core.Content;
using Portal.Core.Security;
using Portal.Core.Settings;
using Portal.Theme.News.Services;
using Portal.Wishes.Models;

namespace Portal.Theme.News.Desk;

public sealed record DeskStory(ContentItem Story, DateTime? ScheduledUtc);

public sealed record DeskModel(IReadOnlyList<DeskStory> Stories, IReadOnlyList<ContentItem> VerifiedWishes, string? ShareUrl, DateTimeOffset? ShareExpires,
    IReadOnlyList<ContentError> Errors, bool CanPublish);

/// <summary>
/// The editor's desk for stories: what is in draft, scheduled and published; preview as the public will see it;
/// a reviewer's link; publishing at a time; a story started from a verified wish. Writing happens in the item editor.
/// </summary>
[Area(NewsThemeModule.Area)]
[Authorize(Policy = PermissionPolicy.Prefix + "AccessAdmin")]
[Authorize(Policy = PermissionPolicy.Prefix + "EditContent")]
[Route("admin/desk")]
public sealed class DeskController(ContentManager content, StorySchedule schedule, PreviewLinks links, WishWall board, SiteTime time,
    IAuthorizationService authorization, IStringLocalizer<DeskController> T) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index() => View(await ModelAsync(null, null, []));

    [HttpGet("{id}/preview")]
    public async Task<IActionResult> Preview(string id) =>
        await content.GetAsync(id, VersionOptions.Latest) is { } item ? PreviewView(item) : NotFound();

    [HttpPost("{id}/share")]
    public async Task<IActionResult> Share(string id)
    {
        if (await content.GetAsync(id, VersionOptions.Latest) is null) return NotFound();
        var (token, expires) = links.Create(id);
        return View("Index", await ModelAsync(PageMeta.Absolute(Request, "/preview/" + token), expires, []));
    }

    /// <summary><paramref name="publishAt"/> is the site's local time, as the datetime-local input sends it.</summary>
    [HttpPost("{id}/schedule")]
    public async Task<IActionResult> Schedule(string id, string? publishAt)
    {
        if (!await CanPublishAsync()) return Forbid();
        IReadOnlyList<ContentError> errors;
        if (!DateTime.TryParse(publishAt, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            errors = [new ContentError("PublishAt", T["Give the date and time to publish at."])];
        else
            errors = await schedule.ScheduleAsync(id, TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), await time.ZoneAsync()), User.Identity?.Name);
        if (errors.Any(e => e.Kind == ContentErrorKind.NotFound)) return NotFound();
        if (errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("Index", await ModelAsync(null, null, errors));
        }
        TempData["Notice"] = T["The story will be published at {0}.", publishAt!.Replace('T', ' ')].Value;
        return Redirect("/admin/desk");
    }

    [HttpPost("{id}/unschedule")]
    public async Task<IActionResult> Unschedule(string id)
    {
        // Cancelling a publication is a publishing decision too.
        if (!await CanPublishAsync()) return Forbid();
        await schedule.CancelAsync(id);
        TempData["Notice"] = T["The schedule was cancelled."].Value;
        return Redirect("/admin/desk");
    }

    /// <summary>A Story draft prefilled from a verified wish: its title, the wish and its campaign; the editor writes the rest.</summary>
    [HttpPost("from-wish/{wishId}")]
    public async Task<IActionResult> FromWish(string wishId)
    {
        if (await content.GetAsync(wishId) is not { ContentType: "Wish" } wish) return NotFound();
        var story = (await content.NewAsync(PublicContent.Story))!;
        story.Part("TitlePart")["Title"] = T["{0}: a wish come true", wish.DisplayText].Value;
        story.Field(PublicContent.Story, "Subtitle")["Text"] = wish.Text("Wish", "ItemText");
        story.Field(PublicContent.Story, "RelatedWishes")["ContentItemIds"] = new System.Text.Json.Nodes.JsonArray(wish.ContentItemId);
        story.Field(PublicContent.Story, "Campaign")["ContentItemIds"] = new System.Text.Json.Nodes.JsonArray(wish.Ids("Wish", "Campaign").Select(i => (System.Text.Json.Nodes.JsonNode?)i).ToArray());
        story.Part("HtmlBodyPart")["Html"] = "<p></p>";
        var result = await content.CreateAsync(story);
        if (!result.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("Index", await ModelAsync(null, null, result.Errors));
        }
        TempData["Notice"] = T["A story draft was started from '{0}'.", wish.DisplayText].Value;
        return Redirect($"/admin/content/{result.Item!.ContentItemId}/edit");
    }

    private async Task<DeskModel> ModelAsync(string? shareUrl, DateTimeOffset? shareExpires, IReadOnlyList<ContentError> errors)
    {
        var stories = (await content.QueryAsync(new ContentQuery { Types = [PublicContent.Story], Status = ContentStatus.Latest, Take = 50, CountTotal = false })).Items;
        var pending = await schedule.PendingAsync(stories.Select(s => s.ContentItemId));
        var verified = await board.WishesInStatusAsync(WishStatus.Verified, 20);
        return new DeskModel(stories.Select(s => new DeskStory(s, pending.TryGetValue(s.ContentItemId, out var at) ? at : null)).ToList(),
            verified, shareUrl, shareExpires, errors, await CanPublishAsync());
    }

    private async Task<bool> CanPublishAsync() =>
        (await authorization.AuthorizeAsync(User, PermissionPolicy.Prefix + "PublishContent")).Succeeded;

    private ViewResult PreviewView(ContentItem item)
    {
        ViewData["Preview"] = true;
        return View("~/Areas/Portal.Theme.News/Views/Public/Item.cshtml", item);
    }
}

/// <summary>The reviewer's side of a share link: the latest version, for anyone holding a valid link, never cached or indexed.</summary>
[Area(NewsThemeModule.Area)]
[AllowAnonymous]
public sealed class PreviewController(PreviewLinks links, ContentManager content) : Controller
{
    [HttpGet("/preview/{token}")]
    public async Task<IActionResult> Show(string token)
    {
        if (links.Read(token) is not { } id || await content.GetAsync(id, VersionOptions.Latest) is not { } item) return NotFound();
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Robots-Tag"] = "noindex";
        ViewData["Preview"] = true;
        return View("~/Areas/Portal.Theme.News/Views/Public/Item.cshtml", item);
    }
}
