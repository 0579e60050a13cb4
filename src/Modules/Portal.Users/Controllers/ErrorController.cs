using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Portal.Users.Controllers;

/// <summary>
/// The pages that the host's status-code and exception handlers re-execute to (/error/404, /error). A theme
/// may map the same routes: the high Order makes these the fallback rather than a conflict.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorController : Controller
{
    [Route("/error/{code:int?}", Order = 1000)]
    public IActionResult Index(int? code)
    {
        var status = code ?? StatusCodes.Status500InternalServerError;
        Response.StatusCode = status;
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>()?.OriginalPath is { } path
            && path.StartsWith("/api/", StringComparison.Ordinal))
            return new EmptyResult();
        return View("Status", status);
    }
}
