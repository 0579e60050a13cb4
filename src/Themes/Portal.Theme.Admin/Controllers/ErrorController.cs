using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Portal.Theme.Admin.Controllers;

public sealed record ErrorModel(int StatusCode, string? Path);

/// <summary>The friendly pages behind <c>UseExceptionHandler("/error")</c> and <c>UseStatusCodePagesWithReExecute("/error/{0}")</c>.</summary>
[Area("Portal.Theme.Admin")]
[AllowAnonymous]
[IgnoreAntiforgeryToken] // a refused POST is re-executed here; validating again would hide the page
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorController : Controller
{
    [Route("/error")]
    public IActionResult Exception() => Status(StatusCodes.Status500InternalServerError);

    [Route("/error/{code:int}")]
    public IActionResult Status(int code)
    {
        if (code is < 400 or > 599) code = StatusCodes.Status404NotFound;
        Response.StatusCode = code;
        var path = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath;
        // API callers read the status code; an HTML page would only get in their way.
        if (path?.StartsWith("/api/", StringComparison.Ordinal) == true) return new EmptyResult();
        return View("Status", new ErrorModel(code, path));
    }
}
