using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewEngines;
using Portal.Core.Hosting;

namespace Portal.Theme.Admin.Controllers;


/// <summary>
/// The friendly pages behind <c>UseExceptionHandler("/error")</c> and <c>UseStatusCodePagesWithReExecute("/error/{0}")</c>.
/// Outside the admin, a public theme's <c>PublicStatus</c> view (same model) shows the error in the site's own look.
/// </summary>
[Area("Portal.Theme.Admin")]
[AllowAnonymous]
[IgnoreAntiforgeryToken] // a refused POST is re-executed here; validating again would hide the page
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorController(ICompositeViewEngine views) : Controller
{
    public const string PublicView = "PublicStatus";

    [Route("/error")]
    public IActionResult Exception() =>
        Status(StatusCodes.Status500InternalServerError, HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path);

    [Route("/error/{code:int}")]
    public IActionResult Status(int code) => Status(code, HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath);

    private IActionResult Status(int code, string? path)
    {
        if (code is < 400 or > 599) code = StatusCodes.Status404NotFound;
        Response.StatusCode = code;
        // API callers read the status code; an HTML page would only get in their way.
        if (path?.StartsWith("/api/", StringComparison.Ordinal) == true) return new EmptyResult();
        var model = new ErrorModel(code, path, HttpContext.TraceIdentifier);
        var isAdmin = path is null || path.StartsWith("/admin", StringComparison.Ordinal);
        if (!isAdmin && views.FindView(ControllerContext, PublicView, isMainPage: true).Success)
            return View(PublicView, model);
        return View("Status", model);
    }
}
