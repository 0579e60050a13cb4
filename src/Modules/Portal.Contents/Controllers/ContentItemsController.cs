using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Contents.Editors;
using Portal.Contents.Models;
using Portal.Contents.Services;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;
using Portal.Core.Security;
using Portal.Core.Settings;

namespace Portal.Contents.Controllers;

[Area("Portal.Contents")]
[Authorize(Policy = PermissionPolicy.Prefix + "AccessAdmin")]
[Authorize(Policy = PermissionPolicy.Prefix + "EditContent")]
[Route("admin/content")]
public sealed partial class ContentItemsController(
    ContentManager content, ContentDefinitionStore definitions, ItemEditorForm form,
    IAuthorizationService authorization, IEnumerable<IContentTextSearch> textSearch, IStringLocalizer<ContentItemsController> T) : Controller
{
    private const int PageSize = 20;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? type, string? status, string? q, int page = 1)
    {
        var types = (await definitions.GetAsync()).ContentTypes.OrderBy(t => t.DisplayName, StringComparer.CurrentCulture).ToList();
        var listable = types.Where(t => t.TypeSettings.Listable).ToList();
        var creatable = types.Where(t => t.TypeSettings.Creatable).ToList();
        status = status is "published" or "draft" ? status : "all";
        page = Math.Max(1, page);
        var chosen = types.FirstOrDefault(t => t.Name == type);
        var names = chosen is not null ? [chosen.Name] : listable.Select(t => t.Name).ToList();
        if (names.Count == 0)
            return View(new ContentListModel([], 0, 1, PageSize, null, status, q, listable, creatable));
        var result = await content.QueryAsync(new ContentQuery
        {
            Types = names,
            Status = status switch { "published" => ContentStatus.Published, "draft" => ContentStatus.Draft, _ => ContentStatus.Latest },
            DisplayTextContains = q,
            TextMatchIds = string.IsNullOrWhiteSpace(q) || textSearch.FirstOrDefault() is not { } search ? [] : await search.FindIdsAsync(q, names),
            Order = new ContentOrder("ModifiedUtc"),
            Skip = (page - 1) * PageSize,
            Take = PageSize,
        });
        return View(new ContentListModel(result.Items, result.TotalCount, page, PageSize, chosen?.Name, status, q, listable, creatable));
    }

    [HttpGet("new/{type}")]
    public async Task<IActionResult> New(string type)
    {
        if (await CreatableTypeAsync(type) is not { } definition) return NotFound();
        var item = await content.NewAsync(type);
        return View("Edit", await EditModelAsync(definition, item!, isNew: true, []));
    }

    [HttpPost("new/{type}")]
    public async Task<IActionResult> New(string type, string? submit)
    {
        if (await CreatableTypeAsync(type) is not { } definition) return NotFound();
        var publish = submit == "publish" || !definition.TypeSettings.Draftable;
        if (publish && !await CanPublishAsync()) return Forbid();
        var item = (await content.NewAsync(type))!;
        await form.BindAsync(definition, item, Request.Form);
        var result = await content.CreateAsync(item, publish);
        if (!result.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("Edit", await EditModelAsync(definition, item, isNew: true, result.Errors));
        }
        TempData["Notice"] = (publish ? T["'{0}' was published.", Title(result.Item!)] : T["'{0}' was saved as a draft.", Title(result.Item!)]).Value;
        return Redirect($"/admin/content/{result.Item!.ContentItemId}/edit");
    }

    [HttpGet("{id}/edit")]
    public async Task<IActionResult> Edit(string id)
    {
        if (await LatestAsync(id) is not var (item, type)) return NotFound();
        return View(await EditModelAsync(type, item, isNew: false, []));
    }

    [HttpPost("{id}/edit")]
    public async Task<IActionResult> Edit(string id, string? submit, string? concurrencyStamp)
    {
        if (await LatestAsync(id) is not var (latest, type)) return NotFound();
        var publish = submit == "publish";
        if (publish && !await CanPublishAsync()) return Forbid();
        var (item, result) = await SaveDraftAsync(latest, type, concurrencyStamp);
        if (result.IsConflict)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            var current = await content.GetAsync(id, VersionOptions.Latest) ?? latest;
            return View(await EditModelAsync(type, current, isNew: false, result.Errors));
        }
        if (!result.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View(await EditModelAsync(type, item, isNew: false, result.Errors));
        }
        if (publish && !result.Item!.Published)
        {
            result = await content.PublishAsync(id);
            if (!result.Succeeded)
            {
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                var saved = await content.GetAsync(id, VersionOptions.Latest) ?? latest;
                return View(await EditModelAsync(type, saved, isNew: false, result.Errors));
            }
        }
        var title = Title(result.Item!);
        TempData["Notice"] = (result.Item!.Published ? T["'{0}' was published.", title] : T["'{0}' was saved as a draft.", title]).Value;
        return Redirect($"/admin/content/{id}/edit");
    }

    /// <summary>
    /// The editor's autosave: the same binding and save as "Save draft" (a draft version, never a publish), answered in
    /// JSON with the new concurrency stamp; a stale stamp is refused with 409 and the reason, so the page can say so.
    /// </summary>
    [HttpPost("{id}/autosave")]
    public async Task<IActionResult> Autosave(string id, string? concurrencyStamp, [FromServices] SiteSettingsStore settings)
    {
        if (await LatestAsync(id) is not var (latest, type)) return NotFound();
        var (_, result) = await SaveDraftAsync(latest, type, concurrencyStamp);
        var message = string.Join(" ", result.Errors.Select(e => e.Message));
        if (result.IsConflict) return Conflict(new { message });
        if (!result.Succeeded)
            return UnprocessableEntity(new { message = T["Not saved automatically: {0}", message].Value, errors = result.Errors.Select(e => new { e.Path, e.Message }) });
        var zone = await settings.TimeZoneAsync();
        var savedAt = TimeZoneInfo.ConvertTimeFromUtc(result.Item!.ModifiedUtc ?? DateTime.UtcNow, zone);
        return Ok(new { concurrencyStamp = result.Item.ConcurrencyStamp, message = T["Draft saved at {0:HH:mm}.", savedAt].Value });
    }

    [HttpPost("{id}/unpublish")]
    public async Task<IActionResult> Unpublish(string id)
    {
        if (!await CanPublishAsync()) return Forbid();
        if (await LatestAsync(id) is not var (item, _)) return NotFound();
        var result = await content.UnpublishAsync(id);
        TempData["Notice"] = result.Succeeded
            ? T["'{0}' was unpublished; it is no longer on the site.", Title(item)].Value
            : string.Join(" ", result.Errors.Select(e => e.Message));
        return Redirect($"/admin/content/{id}/edit");
    }

    [HttpGet("{id}/delete")]
    public async Task<IActionResult> Delete(string id)
    {
        if (!await CanPublishAsync()) return Forbid();
        if (await LatestAsync(id) is not var (item, type)) return NotFound();
        return View(new ItemDeleteModel(type, item));
    }

    [HttpPost("{id}/delete")]
    [ActionName("Delete")]
    public async Task<IActionResult> DeleteConfirmed(string id)
    {
        if (!await CanPublishAsync()) return Forbid();
        if (await LatestAsync(id) is not var (item, type)) return NotFound();
        var result = await content.RemoveAsync(id);
        if (!result.Succeeded)
        {
            TempData["Notice"] = string.Join(" ", result.Errors.Select(e => e.Message));
            return Redirect($"/admin/content/{id}/edit");
        }
        TempData["Notice"] = T["'{0}' was deleted.", Title(item)].Value;
        return Redirect($"/admin/content?type={type.Name}");
    }

    /// <summary>The posted form over the latest version, saved as its draft. A form without its stamp is treated as stale rather than allowed to overwrite.</summary>
    private async Task<(ContentItem Item, Portal.Core.Content.ContentResult Result)> SaveDraftAsync(ContentItem latest, ContentTypeDefinition type, string? concurrencyStamp)
    {
        var item = latest.Clone();
        await form.BindAsync(type, item, Request.Form);
        item.ConcurrencyStamp = concurrencyStamp ?? "";
        return (item, await content.UpdateAsync(item));
    }

    private async Task<ItemEditModel> EditModelAsync(ContentTypeDefinition type, ContentItem item, bool isNew, IReadOnlyList<ContentError> errors)
    {
        var hasPublished = !isNew && (item.Published || await content.GetAsync(item.ContentItemId) is not null);
        var refusals = isNew ? [] : await content.PublishRefusalsAsync(item.ContentItemId);
        return new ItemEditModel(type, item, isNew, await form.RenderAsync(type, item, errors), errors, await CanPublishAsync(), hasPublished,
            refusals, type.TypeSettings.Versionable);
    }

    private async Task<(ContentItem Item, ContentTypeDefinition Type)?> LatestAsync(string id)
    {
        var item = await content.GetAsync(id, VersionOptions.Latest);
        var type = item is null ? null : await definitions.GetTypeAsync(item.ContentType);
        return item is null || type is null ? null : (item, type);
    }

    private async Task<ContentTypeDefinition?> CreatableTypeAsync(string type) =>
        await definitions.GetTypeAsync(type) is { TypeSettings.Creatable: true } definition ? definition : null;

    private async Task<bool> CanPublishAsync() =>
        (await authorization.AuthorizeAsync(User, PermissionPolicy.For(ContentsModule.PublishContent))).Succeeded;

    private string Title(ContentItem item) => item.DisplayText.Length > 0 ? item.DisplayText : T["(untitled)"].Value;
}
