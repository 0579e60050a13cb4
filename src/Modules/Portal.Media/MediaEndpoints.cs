using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using Portal.Core.Content;
using Portal.Core.Media;
using Portal.Core.Security;
using Portal.Media.Services;

namespace Portal.Media;

public static class MediaEndpoints
{
    public static void MapMediaEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/media/{**path}", ServeFile).AllowAnonymous();

        // For the story editor's image picker (JSON; the admin pages are in MediaController).
        // Outside MVC, so the admin's AccessAdmin convention does not reach it: named here.
        var api = endpoints.MapGroup("/admin/media/api")
            .RequireAuthorization(PermissionPolicy.For(PortalPermissions.AccessAdmin), PermissionPolicy.For(MediaModule.ManageMedia));
        api.MapGet("/", ListAsync);
        api.MapPost("/upload", UploadAsync); // form binding: the antiforgery token is checked
    }

    /// <summary>
    /// The file as uploaded (already stripped of metadata), or with <c>?w=</c> one of <see cref="ResponsiveImages.Widths"/>
    /// a smaller copy of it (the original when it is no wider); cached by browsers for a week either way.
    /// </summary>
    private static async Task<IResult> ServeFile(string path, int? w, MediaRoot root, ResizedImages sizes, HttpContext http)
    {
        if (root.Resolve(path) is not { } full || MediaContentTypes.Of(full) is not { } type || !File.Exists(full)) return Results.NotFound();
        if (w is { } width)
        {
            if (!ResponsiveImages.Widths.Contains(width))
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unsupported width",
                    detail: $"w must be one of {string.Join(", ", ResponsiveImages.Widths)}.");
            var original = full;
            full = await sizes.FileAtWidthAsync(original, width, http.RequestAborted);
            // The cache may have trimmed the copy since (another node sharing the folder): it is made again.
            if (!File.Exists(full)) full = await sizes.FileAtWidthAsync(original, width, http.RequestAborted);
        }
        var info = new FileInfo(full);
        var tag = new EntityTagHeaderValue($"\"{info.Length:x}-{info.LastWriteTimeUtc.Ticks:x}\"");
        http.Response.Headers.CacheControl = "public, max-age=604800";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.File(full, type, lastModified: info.LastWriteTimeUtc, entityTag: tag, enableRangeProcessing: true);
    }

    private static async Task<Results<Ok<MediaListing>, NotFound>> ListAsync(string? folder, string? q, int? page, MediaLibrary library) =>
        await library.ListAsync(folder ?? "", q, page ?? 1) is { } listing ? TypedResults.Ok(listing) : TypedResults.NotFound();

    private static async Task<Results<Ok<MediaFile>, ValidationProblem>> UploadAsync(
        IFormFile file, [FromForm] string? folder, [FromForm] string? alt, MediaLibrary library, HttpContext http)
    {
        await using var stream = file.OpenReadStream();
        var result = await library.UploadAsync(folder ?? "", file.FileName, stream, alt, http.User.Identity?.Name);
        return result.Succeeded
            ? TypedResults.Ok(result.Value!)
            : TypedResults.ValidationProblem(result.Errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
    }
}
