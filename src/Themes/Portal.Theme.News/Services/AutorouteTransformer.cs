using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Routing;
using Microsoft.AspNetCore.Routing;

namespace Portal.Theme.News.Services;

/// <summary>
/// Routes a GET for a permalink ("/stories/lamp") to the item's page. A path no item holds does not match at all,
/// so other endpoints keep their answers (a GET to a POST-only path stays 405) and unknown paths are plain 404s.
/// </summary>
public sealed class AutorouteTransformer(PublicContent site) : DynamicRouteValueTransformer
{
    // Null tells routing that this endpoint does not match (the base signature predates nullable annotations).
    private static readonly RouteValueDictionary NoMatch = null!;

    public override async ValueTask<RouteValueDictionary> TransformAsync(HttpContext httpContext, RouteValueDictionary values)
    {
        if (!HttpMethods.IsGet(httpContext.Request.Method) && !HttpMethods.IsHead(httpContext.Request.Method)) return NoMatch;
        if (values["path"] is not string { Length: > 0 } path || await site.IdByPathAsync(path) is not { } id) return NoMatch;
        return new RouteValueDictionary
        {
            ["area"] = NewsThemeModule.Area, ["controller"] = "Public", ["action"] = "Item", ["id"] = id,
        };
    }
}
