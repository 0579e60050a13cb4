using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Portal.Contents.Models;
using Portal.Contents.Services;
using Portal.Core.Content;

namespace Portal.Contents.Controllers;

/// <summary>Version history of versionable items: the list, a comparison of two versions, restoring one as the draft.</summary>
public sealed partial class ContentItemsController
{
    [HttpGet("{id}/versions")]
    public async Task<IActionResult> Versions(string id) =>
        await HistoryAsync(id) is { } history ? View(history) : NotFound();

    [HttpGet("{id}/versions/compare")]
    public async Task<IActionResult> CompareVersions(string id, string? from, string? to)
    {
        if (await HistoryAsync(id) is not { } history) return NotFound();
        if (VersionOf(history, from) is not { } older || VersionOf(history, to) is not { } newer)
        {
            TempData["Notice"] = T["Choose two versions of this item to compare."].Value;
            return Redirect($"/admin/content/{id}/versions");
        }
        if (history.NumberOf(older) > history.NumberOf(newer)) (older, newer) = (newer, older);
        var changes = VersionComparison.Compare(older, newer, history.Type, await definitions.GetAsync(), T["Title"].Value, T["Body"].Value);
        return View("CompareVersions", new VersionCompareModel(history, older, newer, changes));
    }

    [HttpGet("{id}/versions/{versionId}/restore")]
    public async Task<IActionResult> RestoreVersion(string id, string versionId) =>
        await HistoryAsync(id) is { } history && VersionOf(history, versionId) is { } version
            ? View(new VersionRestoreModel(history, version, []))
            : NotFound();

    /// <summary>The version's content saved over the latest as a draft (a new draft when the latest is published); never a publish.</summary>
    [HttpPost("{id}/versions/{versionId}/restore")]
    [ActionName("RestoreVersion")]
    public async Task<IActionResult> RestoreVersionConfirmed(string id, string versionId, string? concurrencyStamp)
    {
        if (await HistoryAsync(id) is not { } history || VersionOf(history, versionId) is not { } version) return NotFound();
        var draft = history.Item.Clone();
        draft.Content = (System.Text.Json.Nodes.JsonObject)version.Content.DeepClone();
        draft.DisplayText = version.DisplayText;
        draft.ConcurrencyStamp = concurrencyStamp ?? "";
        var result = await content.UpdateAsync(draft);
        if (!result.Succeeded)
        {
            Response.StatusCode = result.IsConflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
            return View(new VersionRestoreModel(await HistoryAsync(id) ?? history, version, result.Errors));
        }
        TempData["Notice"] = T["Version {0} of '{1}' was restored as a draft; publish it to put it on the site.", history.NumberOf(version), Title(result.Item!)].Value;
        return Redirect($"/admin/content/{id}/edit");
    }

    private async Task<ItemVersionsModel?> HistoryAsync(string id) =>
        await LatestAsync(id) is var (item, type) && type.TypeSettings.Versionable
            ? new ItemVersionsModel(type, item, await content.GetVersionsAsync(id))
            : null;

    private static ContentItem? VersionOf(ItemVersionsModel history, string? versionId) =>
        history.Versions.FirstOrDefault(v => v.ContentItemVersionId == versionId);
}
