using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Core;
using Portal.Core.Media;
using Portal.Core.Security;
using Portal.Wishes.Models;
using Portal.Wishes.Services;

namespace Portal.Wishes.Controllers;

public sealed record ImportUploadModel(IReadOnlyList<(string Value, string Text)> Channels, string Channel, string? Refusal);

public sealed record ImportJobModel(WishImportJobRecord Job, ImportReport Report, ImportTable? Table, bool ShowPersonalData);

/// <summary>
/// The CSV import for community staff: upload, preview (the first rows as they will be imported, each bad row and
/// column, likely duplicates), confirm, progress, summary. The file waits server-side between preview and confirm
/// (<see cref="WishImportJobs"/>), so it is uploaded once.
/// </summary>
[Area("Portal.Wishes")]
[Authorize(Policy = PermissionPolicy.Prefix + "AccessAdmin")]
[Authorize(Policy = PermissionPolicy.Prefix + nameof(WishesModule.ReviewWishes))]
[Route("admin/wishes/import")]
public sealed class WishImportController(WishImport import, WishImportJobs jobs, IAuthorizationService authorization, IStringLocalizer<WishImport> T) : Controller
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int PreviewRows = 20;
    private const string DefaultChannel = "wish-card";

    [HttpGet("")]
    public async Task<IActionResult> Index() => View(await UploadModelAsync(DefaultChannel, null));

    /// <summary>An empty file with the header row, UTF-8 with a byte order mark so that Excel opens the Chinese right.</summary>
    [HttpGet("template.csv")]
    public async Task<IActionResult> Template()
    {
        var (headers, _) = await import.ColumnsAsync();
        return File(Csv.Write([headers]), "text/csv; charset=utf-8", "wish-import-template.csv");
    }

    [HttpPost("")]
    public async Task<IActionResult> Upload(IFormFile? file, string? channel)
    {
        channel = string.IsNullOrWhiteSpace(channel) ? DefaultChannel : channel.Trim();
        if (file is null || file.Length == 0)
            return await RefuseAsync(StatusCodes.Status400BadRequest, T["Choose a CSV file to upload."], channel);
        byte[]? bytes = null;
        if (file.Length <= MaxBytes)
        {
            await using var stream = file.OpenReadStream();
            bytes = await stream.ReadAtMostAsync(MaxBytes, HttpContext.RequestAborted);
        }
        if (bytes is null)
            return await RefuseAsync(StatusCodes.Status413PayloadTooLarge, T["The file is larger than {0} MB; split it.", MaxBytes / 1024 / 1024], channel);
        var text = TextFile.Read(bytes, T);
        if (text.Text is null)
            return await RefuseAsync(StatusCodes.Status415UnsupportedMediaType, text.Refusal!, channel);
        var job = await jobs.PreviewAsync(UserId, Path.GetFileName(file.FileName), text.Text, channel);
        return RedirectToAction(nameof(Show), new { token = job.Token });
    }

    [HttpGet("{token}")]
    public async Task<IActionResult> Show(string token)
    {
        if (await jobs.FindAsync(token, UserId) is not { } job) return NotFound();
        var table = job.Csv is { } csv && job.State is WishImportState.Previewed or WishImportState.Refused ? await import.TableAsync(csv, PreviewRows) : null;
        var personal = (await authorization.AuthorizeAsync(User, PermissionPolicy.For(PortalPermissions.ViewPersonalData))).Succeeded;
        return View(new ImportJobModel(job, WishImportJobs.ReportOf(job), table, personal));
    }

    /// <summary>Runs the import in this request; the page's script shows its progress from <see cref="Status"/> meanwhile.</summary>
    [HttpPost("{token}")]
    public async Task<IActionResult> Confirm(string token)
    {
        // The browser may leave while the rows are stored: the import finishes all the same.
        if (await jobs.RunAsync(token, UserId) is null) return NotFound();
        return RedirectToAction(nameof(Show), new { token });
    }

    [HttpGet("{token}/status")]
    public async Task<IActionResult> Status(string token) =>
        await jobs.StatusAsync(token, UserId) is { } status ? Json(new { state = status.State.ToString(), status.Imported, status.Total }) : NotFound();

    private async Task<IActionResult> RefuseAsync(int status, string message, string channel)
    {
        Response.StatusCode = status;
        return View(nameof(Index), await UploadModelAsync(channel, message));
    }

    private async Task<ImportUploadModel> UploadModelAsync(string channel, string? refusal) =>
        new((await import.ColumnsAsync()).Channels, channel, refusal);

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("An authenticated user without an id.");
}
