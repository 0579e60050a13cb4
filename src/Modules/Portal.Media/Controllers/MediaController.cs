using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Core.Content;
using Portal.Core.Security;
using Portal.Media.Services;

namespace Portal.Media.Controllers;

public sealed record MediaPageModel(MediaListing Listing, string? Query, IReadOnlyList<ContentError> Errors);

/// <summary>The media library in the admin: browse folders, search, upload, alt text, new folder, delete.</summary>
[Area("Portal.Media")]
[Authorize(Policy = PermissionPolicy.Prefix + "AccessAdmin")]
[Authorize(Policy = PermissionPolicy.Prefix + "ManageMedia")]
[Route("admin/media")]
public sealed class MediaController(MediaLibrary library, IStringLocalizer<MediaController> T) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? folder, string? q, int page = 1) =>
        await library.ListAsync(folder ?? "", q, page) is { } listing ? View(new MediaPageModel(listing, q, [])) : NotFound();

    [HttpPost("upload")]
    [RequestSizeLimit(64 * 1024 * 1024)]
    public async Task<IActionResult> Upload(string? folder, string? alt, List<IFormFile> files)
    {
        var errors = new List<ContentError>();
        var stored = new List<string>();
        if (files.Count == 0) errors.Add(new("File", T["Choose one or more images to upload."]));
        foreach (var file in files)
        {
            await using var stream = file.OpenReadStream();
            var result = await library.UploadAsync(folder ?? "", file.FileName, stream, alt, User.Identity?.Name);
            if (result.Succeeded) stored.Add(result.Value!.Name);
            else errors.AddRange(result.Errors);
        }
        if (errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            var listing = await library.ListAsync(folder ?? "", null, 1) ?? await library.ListAsync("", null, 1);
            return View("Index", new MediaPageModel(listing!, null, errors));
        }
        TempData["Notice"] = T["Uploaded {0}.", string.Join("、", stored)].Value;
        return Redirect(FolderUrl(folder));
    }

    [HttpPost("folder")]
    public async Task<IActionResult> CreateFolder(string? folder, string? name)
    {
        var result = library.CreateFolder(folder ?? "", name ?? "");
        if (!result.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            var listing = await library.ListAsync(folder ?? "", null, 1) ?? await library.ListAsync("", null, 1);
            return View("Index", new MediaPageModel(listing!, null, result.Errors));
        }
        TempData["Notice"] = T["The folder '{0}' was created.", result.Value!].Value;
        return Redirect(FolderUrl(result.Value));
    }

    [HttpPost("alt")]
    public async Task<IActionResult> AltText(string path, string? alt)
    {
        var result = await library.SetAltTextAsync(path, alt ?? "");
        if (!result.Succeeded) return result.Errors.Any(e => e.Path == "Path") ? NotFound() : UnprocessableEntity(result.Errors);
        TempData["Notice"] = T["The alternative text of '{0}' was saved.", result.Value!.Name].Value;
        return Redirect(FolderUrl(MediaLibrary.FolderOf(path)));
    }

    [HttpGet("delete")]
    public async Task<IActionResult> Delete(string path) =>
        await library.GetAsync(path) is { } file ? View(file) : NotFound();

    [HttpPost("delete")]
    public async Task<IActionResult> DeleteConfirmed(string path)
    {
        if (!await library.DeleteAsync(path)) return NotFound();
        TempData["Notice"] = T["'{0}' was deleted.", path].Value;
        return Redirect(FolderUrl(MediaLibrary.FolderOf(path)));
    }

    private static string FolderUrl(string? folder) => "/admin/media" + (string.IsNullOrEmpty(folder) ? "" : "?folder=" + Uri.EscapeDataString(folder));
}
