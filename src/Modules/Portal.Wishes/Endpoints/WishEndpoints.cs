using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using Portal.Core.Content.Privacy;
using Portal.Core.Media;
using Portal.Core.Security;
using Portal.Wishes.Models;
using Portal.Wishes.Services;

namespace Portal.Wishes.Endpoints;

/// <summary>
/// The wish API for staff and volunteers (signed in). Every POST takes a JSON body: a cross-site form
/// cannot send one without a CORS preflight, so the cookie alone cannot be abused.
/// </summary>
public static class WishEndpoints
{
    public static void MapWishEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/wishes").RequireAuthorization();
        api.MapPost("/{wishId}/claims", ClaimAsync).RequireAuthorization(PermissionPolicy.For(WishesModule.ClaimWishes));
        api.MapPost("/{wishId}/moves", MoveAsync);
        api.MapGet("/{wishId}/audit", AuditAsync).RequireAuthorization(PermissionPolicy.For(WishesModule.ReviewWishes));
        api.MapGet("/{wishId}/contact", ContactAsync);
        api.MapPost("/import", ImportAsync).RequireAuthorization(PermissionPolicy.For(WishesModule.ReviewWishes));
        api.MapGet("/{wishId}/personal-data-log", PersonalDataLogAsync).RequireAuthorization(PermissionPolicy.For(PortalPermissions.ViewPersonalData));
        api.MapPost("/claims/{claimId:long}/confirm", ConfirmAsync).RequireAuthorization(PermissionPolicy.For(WishesModule.ConfirmClaims));
        api.MapPost("/claims/{claimId:long}/schedule", ScheduleAsync);
        api.MapPost("/claims/{claimId:long}/fulfil", FulfilAsync);
        api.MapPost("/claims/{claimId:long}/release", ReleaseAsync);
    }

    public sealed record ClaimRequest;
    public sealed record MoveRequest(WishStatus To, string? Reason);
    public sealed record ScheduleRequest(DateTime ScheduledForUtc);
    public sealed record FulfilRequest(string? Note, IReadOnlyList<string>? EvidencePaths, double? ServiceHours);
    public sealed record ReleaseRequest(string? Reason);
    public sealed record ConfirmRequest;
    public sealed record WishStateResponse(string WishId, WishStatus Status, long? ClaimId);

    private static async Task<Results<Created<WishStateResponse>, ProblemHttpResult>> ClaimAsync(
        string wishId, ClaimRequest body, ClaimsPrincipal user, IAuthorizationService authorization, WishClaims claims)
    {
        var result = await claims.ClaimAsync(wishId, UserId(user), await WishBoard.ClaimantKindOfAsync(user, authorization), user.Identity?.Name);
        return result.Succeeded
            ? TypedResults.Created($"/api/wishes/claims/{result.ClaimId}", new WishStateResponse(wishId, result.Status!.Value, result.ClaimId))
            : Problem(result);
    }

    private static async Task<Results<Ok<WishStateResponse>, ProblemHttpResult>> MoveAsync(
        string wishId, MoveRequest body, ClaimsPrincipal user, IAuthorizationService authorization, WishLifecycle lifecycle)
    {
        var permission = WishesModule.PermissionToMove(body.To);
        if (!(await authorization.AuthorizeAsync(user, PermissionPolicy.For(permission))).Succeeded)
            return TypedResults.Problem($"Moving a wish to {body.To} needs the {permission.Name} permission.", statusCode: StatusCodes.Status403Forbidden);
        return Respond(wishId, await lifecycle.MoveAsync(wishId, body.To, body.Reason));
    }

    private static async Task<Ok<WishAuditRecord[]>> AuditAsync(string wishId, WishLifecycle lifecycle) =>
        TypedResults.Ok((await lifecycle.AuditTrailAsync(wishId)).ToArray());

    /// <summary>The wisher's name, phone and address: for staff, and for the claimer once the claim is confirmed (logged).</summary>
    private static async Task<Results<Ok<WishContact>, ProblemHttpResult>> ContactAsync(
        string wishId, ClaimsPrincipal user, IAuthorizationService authorization, WishContacts contacts)
    {
        var isStaff = (await authorization.AuthorizeAsync(user, PermissionPolicy.For(PortalPermissions.ViewPersonalData))).Succeeded;
        var (contact, error, reason) = await contacts.RevealAsync(wishId, UserId(user), isStaff);
        if (contact is not null)
        {
            return TypedResults.Ok(contact);
        }
        return TypedResults.Problem(reason, statusCode: error == WishErrorKind.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status403Forbidden);
    }

    private const int MaxImportBytes = 5 * 1024 * 1024;

    /// <summary>
    /// A CSV file as the body (<c>text/csv</c>, which a cross-site form cannot send): <c>?commit=false</c> previews,
    /// <c>?commit=true</c> imports all rows or, when any is bad, none. <c>channel</c> is the intake channel of rows without one.
    /// The file is read by its bytes (<see cref="TextFile"/>): UTF-8 or GB18030 as Excel and WPS save it; anything else
    /// (a workbook, a picture) is refused with 415 and what to do instead, before any row is read.
    /// </summary>
    private static async Task<Results<Ok<ImportReport>, UnprocessableEntity<ImportReport>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, WishImport import, IStringLocalizer<WishImport> T, string? channel, bool commit = false)
    {
        if (request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) != true)
            return TypedResults.Problem(T["Send the file as text/csv."], statusCode: StatusCodes.Status415UnsupportedMediaType);
        if (request.ContentLength > MaxImportBytes || await request.Body.ReadAtMostAsync(MaxImportBytes, request.HttpContext.RequestAborted) is not { } bytes)
            return TypedResults.Problem(T["The file is larger than {0} MB; split it.", MaxImportBytes / 1024 / 1024], statusCode: StatusCodes.Status413PayloadTooLarge);
        var file = TextFile.Read(bytes, T);
        if (file.Text is null)
            return TypedResults.Problem(file.Refusal, statusCode: StatusCodes.Status415UnsupportedMediaType);
        var report = await import.ImportAsync(file.Text, string.IsNullOrWhiteSpace(channel) ? "wish-card" : channel.Trim(), commit);
        return report.Errors.Count > 0 ? TypedResults.UnprocessableEntity(report) : TypedResults.Ok(report);
    }

    private static async Task<Ok<PersonalDataAccessRecord[]>> PersonalDataLogAsync(string wishId, PersonalData personalData) =>
        TypedResults.Ok((await personalData.AccessLogAsync(wishId)).ToArray());

    private static async Task<Results<Ok<WishStateResponse>, ProblemHttpResult>> ConfirmAsync(long claimId, ConfirmRequest body, WishClaims claims) =>
        await RespondAsync(claims, claimId, await claims.ConfirmAsync(claimId));

    private static Task<Results<Ok<WishStateResponse>, ProblemHttpResult>> ScheduleAsync(
        long claimId, ScheduleRequest body, ClaimsPrincipal user, IAuthorizationService authorization, WishClaims claims) =>
        AsClaimantOrStaffAsync(claimId, user, authorization, claims, () => claims.ScheduleAsync(claimId, body.ScheduledForUtc));

    private static Task<Results<Ok<WishStateResponse>, ProblemHttpResult>> FulfilAsync(
        long claimId, FulfilRequest body, ClaimsPrincipal user, IAuthorizationService authorization, WishClaims claims) =>
        AsClaimantOrStaffAsync(claimId, user, authorization, claims, () => claims.FulfilAsync(claimId, body.Note, body.EvidencePaths, body.ServiceHours));

    private static Task<Results<Ok<WishStateResponse>, ProblemHttpResult>> ReleaseAsync(
        long claimId, ReleaseRequest body, ClaimsPrincipal user, IAuthorizationService authorization, WishClaims claims) =>
        AsClaimantOrStaffAsync(claimId, user, authorization, claims, () => claims.ReleaseAsync(claimId, body.Reason ?? ""));

    /// <summary>A claim is worked by its claimant, or by staff who may confirm claims.</summary>
    private static async Task<Results<Ok<WishStateResponse>, ProblemHttpResult>> AsClaimantOrStaffAsync(
        long claimId, ClaimsPrincipal user, IAuthorizationService authorization, WishClaims claims, Func<Task<WishResult>> work)
    {
        var claim = await claims.FindAsync(claimId);
        if (claim is null)
            return TypedResults.Problem($"There is no claim with the id {claimId}.", statusCode: StatusCodes.Status404NotFound);
        if (claim.ClaimantId != UserId(user)
            && !(await authorization.AuthorizeAsync(user, PermissionPolicy.For(WishesModule.ConfirmClaims))).Succeeded)
            return TypedResults.Problem("Only the claimant or community staff may work this claim.", statusCode: StatusCodes.Status403Forbidden);
        return Respond(claim.WishId, await work());
    }

    private static async Task<Results<Ok<WishStateResponse>, ProblemHttpResult>> RespondAsync(WishClaims claims, long claimId, WishResult result) =>
        Respond((await claims.FindAsync(claimId))?.WishId ?? "", result);

    private static Results<Ok<WishStateResponse>, ProblemHttpResult> Respond(string wishId, WishResult result) =>
        result.Succeeded ? TypedResults.Ok(new WishStateResponse(wishId, result.Status!.Value, result.ClaimId)) : Problem(result);

    private static ProblemHttpResult Problem(WishResult result) =>
        TypedResults.Problem(result.Error, statusCode: result.ErrorKind switch
        {
            WishErrorKind.NotFound => StatusCodes.Status404NotFound,
            WishErrorKind.Conflict => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        });

    private static string UserId(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("An authenticated user without an id.");
}
