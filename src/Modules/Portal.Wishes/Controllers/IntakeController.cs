using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Contents.Editors;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;
using Portal.Core.Security;
using Portal.Wishes.Handlers;
using Portal.Wishes.Services;

namespace Portal.Wishes.Controllers;

public sealed record IntakeModel(IHtmlContent Editors, IReadOnlyList<ContentError> Errors, IReadOnlyList<DuplicateWish> Duplicates, (string Id, string Title)? LastEntered);

/// <summary>
/// The staff's fast form for a wish taken on a resident's behalf (a home visit, a wish card, the hotline): the Wish type's
/// own fields, so fields an administrator adds are asked too; a likely duplicate is shown before anything is saved;
/// the wish lands submitted for review. "Submit and enter another" keeps the channel and community for the next card.
/// </summary>
[Area("Portal.Wishes")]
[Authorize(Policy = PermissionPolicy.Prefix + "AccessAdmin")]
[Authorize(Policy = PermissionPolicy.Prefix + nameof(WishesModule.ReviewWishes))]
[Route("admin/wishes/new")]
public sealed class IntakeController(
    ContentManager content, ContentDefinitionStore definitions, ItemEditorForm form, WishSubmissions submissions, IStringLocalizer<IntakeController> T) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> New(string? channel, string? community)
    {
        if (await definitions.GetTypeAsync(WishFields.Type) is not { } type) return NotFound();
        var wish = (await content.NewAsync(WishFields.Type))!;
        if (!string.IsNullOrWhiteSpace(channel)) wish.Field(WishFields.Type, WishFields.IntakeChannel)["Value"] = channel;
        if (!string.IsNullOrWhiteSpace(community))
            wish.Field(WishFields.Type, WishFields.Community)["ContentItemIds"] = new System.Text.Json.Nodes.JsonArray(community);
        var last = TempData["EnteredId"] is string id && TempData["EnteredTitle"] is string title ? (id, title) : ((string, string)?)null;
        return View(new IntakeModel(await form.RenderAsync(type, wish, []), [], [], last));
    }

    [HttpPost("")]
    public async Task<IActionResult> New(string? next, bool allowDuplicate = false)
    {
        if (await definitions.GetTypeAsync(WishFields.Type) is not { } type) return NotFound();
        var wish = (await content.NewAsync(WishFields.Type))!;
        await form.BindAsync(type, wish, Request.Form);
        var shown = wish.Clone();
        var result = await submissions.SubmitAsync(wish, new SubmissionOptions(IntakeSource.Staff, AllowDuplicates: allowDuplicate));
        if (!result.Succeeded)
        {
            Response.StatusCode = result.Errors.Count > 0 ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status409Conflict;
            return View(new IntakeModel(await form.RenderAsync(type, shown, result.Errors), result.Errors, result.Duplicates, null));
        }
        if (next == "open") return Redirect($"/admin/wishes/{result.WishId}");
        TempData["EnteredId"] = result.WishId;
        TempData["EnteredTitle"] = shown.DisplayText.Length > 0 ? shown.DisplayText : JsonValues.Text(shown.Content["TitlePart"]?["Title"]) ?? "";
        TempData["Notice"] = T["The wish was submitted for review. Enter the next one."].Value;
        var channel = JsonValues.Text(shown.Content[WishFields.Type]?[WishFields.IntakeChannel]?["Value"]);
        var community = (shown.Content[WishFields.Type]?[WishFields.Community]?["ContentItemIds"] as System.Text.Json.Nodes.JsonArray)?.FirstOrDefault();
        return Redirect($"/admin/wishes/new?channel={Uri.EscapeDataString(channel ?? "")}&community={Uri.EscapeDataString(JsonValues.Text(community) ?? "")}");
    }
}
