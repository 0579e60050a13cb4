using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Wishes.Models;

namespace Portal.Wishes.Services;

/// <summary>Where an import stands, for the page's progress bar (<c>GET /admin/wishes/import/{token}/status</c>).</summary>
public sealed record WishImportStatus(WishImportState State, int Imported, int Total);

/// <summary>
/// The admin page's imports: a previewed file waits in <see cref="WishImportJobRecord"/> (the database, so the confirm
/// and the status may reach any node) until its uploader confirms it; the import then runs in the confirm request,
/// through <see cref="WishImport"/> in batches whose transactions also write the count of rows imported, which the
/// status reads. A job belongs to the user who uploaded it; others get nothing.
/// </summary>
public sealed class WishImportJobs(PortalDbContext db, WishImport import, TimeProvider clock)
{
    public static readonly TimeSpan Kept = TimeSpan.FromHours(1);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private IQueryable<WishImportJobRecord> Jobs => db.Set<WishImportJobRecord>();

    /// <summary>Previews the file and keeps it for the confirm; jobs untouched for an hour go first.</summary>
    public async Task<WishImportJobRecord> PreviewAsync(string userId, string fileName, string csv, string channel)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await Jobs.Where(j => j.UpdatedUtc < now - Kept).ExecuteDeleteAsync();
        var report = await import.ImportAsync(csv, channel, commit: false);
        var job = new WishImportJobRecord
        {
            Token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            UserId = userId,
            FileName = fileName.Length > 256 ? fileName[..256] : fileName,
            Channel = channel,
            Csv = csv,
            State = report.Errors.Count > 0 ? WishImportState.Refused : WishImportState.Previewed,
            Total = report.Errors.Count > 0 ? 0 : report.Imported,
            Report = JsonSerializer.Serialize(report, Json),
            CreatedUtc = now,
            UpdatedUtc = now,
        };
        db.Add(job);
        await db.SaveChangesAsync();
        db.Entry(job).State = EntityState.Detached;
        return job;
    }

    public Task<WishImportJobRecord?> FindAsync(string token, string userId) =>
        Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Token == token && j.UserId == userId);

    public Task<WishImportStatus?> StatusAsync(string token, string userId) =>
        Jobs.AsNoTracking().Where(j => j.Token == token && j.UserId == userId)
            .Select(j => new WishImportStatus(j.State, j.Imported, j.Total)).FirstOrDefaultAsync();

    public static ImportReport ReportOf(WishImportJobRecord job) => JsonSerializer.Deserialize<ImportReport>(job.Report, Json)!;

    /// <summary>
    /// Imports a previewed file, once: the move from Previewed to Running is one conditional update, so a second confirm
    /// (a double click, another node) finds the job running and leaves it. The file's text is cleared when done.
    /// </summary>
    public async Task<WishImportJobRecord?> RunAsync(string token, string userId)
    {
        var started = clock.GetUtcNow().UtcDateTime;
        var claimed = await Jobs.Where(j => j.Token == token && j.UserId == userId && j.State == WishImportState.Previewed)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, WishImportState.Running).SetProperty(j => j.UpdatedUtc, started));
        if (claimed == 0) return await FindAsync(token, userId);
        var job = (await FindAsync(token, userId))!;
        ImportReport report;
        try
        {
            report = await import.ImportAsync(job.Csv ?? "", job.Channel, commit: true, imported =>
                Jobs.Where(j => j.Token == token)
                    .ExecuteUpdateAsync(s => s.SetProperty(j => j.Imported, imported).SetProperty(j => j.UpdatedUtc, clock.GetUtcNow().UtcDateTime)));
        }
        catch
        {
            // The batches stored before the failure stay; the page must not wait for a job that no longer runs.
            await FinishAsync(token, WishImportState.Failed, null);
            throw;
        }
        await FinishAsync(token, report.Errors.Count > 0 ? WishImportState.Failed : WishImportState.Done, report);
        return await FindAsync(token, userId);
    }

    private async Task FinishAsync(string token, WishImportState state, ImportReport? report)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var job = Jobs.Where(j => j.Token == token);
        if (report is null)
        {
            await job.ExecuteUpdateAsync(s => s.SetProperty(j => j.State, state).SetProperty(j => j.Csv, (string?)null).SetProperty(j => j.UpdatedUtc, now));
            return;
        }
        var json = JsonSerializer.Serialize(report, Json);
        await job.ExecuteUpdateAsync(s => s.SetProperty(j => j.State, state).SetProperty(j => j.Imported, report.Imported)
            .SetProperty(j => j.Report, json).SetProperty(j => j.Csv, (string?)null).SetProperty(j => j.UpdatedUtc, now));
    }
}
