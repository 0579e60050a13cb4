using Microsoft.AspNetCore.Http;

namespace Portal.Core.Hosting;

/// <summary>
/// Headers every response carries: no MIME sniffing, no framing by other sites, a strict referrer policy and a
/// content security policy that allows scripts and styles only from the portal itself, never inline, on every page.
/// HSTS is added by <c>UseHsts</c> on HTTPS requests outside Development.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers.ContentSecurityPolicy = Policy;
        return next(context);
    }
}
