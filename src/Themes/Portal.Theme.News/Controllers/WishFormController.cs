using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Portal.Core.Content;
using Portal.Core.Hosting;
using Portal.Theme.News.Services;
using Portal.Wishes.Handlers;
using Portal.Wishes.Services;

namespace Portal.Theme.News.Controllers;

public sealed record WishFormModel(WishRequest Input, IReadOnlyDictionary<string, string> Errors,
    IReadOnlyList<ContentItem> Communities, IReadOnlyDictionary<string, string> Categories);

/// <summary>
/// The public wish form <c>/wishes/submit</c>: a resident asks for a wish themself. It goes through the one submission
/// service (channel online, consent required, lands submitted for review); the confirmation shows a reference only,
/// never the name or phone. Posting is rate-limited per address (<see cref="PortalRateLimits.PublicForm"/>).
/// </summary>
[Area(NewsThemeModule.Area)]
[AllowAnonymous]
public sealed class WishFormController(ContentManager content, WishSubmissions submissions, PublicContent site, WishWall board,
    Microsoft.Extensions.Localization.IStringLocalizer<WishFormController> T) : Controller
{
    private const string ReferenceKey = "WishReference";

    [HttpGet("/wishes/submit")]
    public async Task<IActionResult> Submit() => View(await ModelAsync(new WishRequest(), new Dictionary<string, string>()));

    [HttpPost("/wishes/submit")]
    [EnableRateLimiting(PortalRateLimits.PublicForm)]
    public async Task<IActionResult> Submit(WishRequest input)
    {
        // Staff can only follow up a wish whose resident they can reach: the form asks for both before anything else.
        var missing = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(input.WisherName)) missing[nameof(input.WisherName)] = T["Give your name, so staff know who asks."];
        if (string.IsNullOrWhiteSpace(input.Phone)) missing[nameof(input.Phone)] = T["Give a phone number staff can call you on."];
        var wish = (await content.NewAsync(WishFields.Type))!;
        input.ApplyTo(wish);
        var result = missing.Count > 0 ? null : await submissions.SubmitAsync(wish, new SubmissionOptions(IntakeSource.Online));
        if (result is not { Succeeded: true })
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View(await ModelAsync(input, result is null ? missing : ByField(result.Errors)));
        }
        TempData[ReferenceKey] = WishSubmissions.Reference(result.WishId!);
        return Redirect("/wishes/submit/thanks");
    }

    /// <summary>The confirmation, once, after a submission: the reference staff find the wish by, nothing the resident typed.</summary>
    [HttpGet("/wishes/submit/thanks")]
    public IActionResult Thanks() =>
        TempData[ReferenceKey] is string reference ? View("Thanks", reference) : Redirect("/wishes/submit");

    /// <summary>Errors by form field: the Wish field the path names; the title is the item the resident typed; the rest above the form.</summary>
    private static Dictionary<string, string> ByField(IEnumerable<ContentError> errors)
    {
        var byField = new Dictionary<string, string>();
        foreach (var error in errors)
        {
            var field = error.Path.Split('.').LastOrDefault() ?? "";
            field = field switch { "Title" => nameof(WishRequest.ItemText), "Alias" => nameof(WishRequest.WisherName), _ => field };
            if (typeof(WishRequest).GetProperty(field) is null) field = "";
            byField[field] = byField.TryGetValue(field, out var earlier) ? earlier + " " + error.Message : error.Message;
        }
        return byField;
    }

    private async Task<WishFormModel> ModelAsync(WishRequest input, IReadOnlyDictionary<string, string> errors) =>
        new(input, errors, await site.CommunitiesAsync(), await board.CategoriesAsync());
}
