using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Portal.Core.Security;

/// <summary>Who is acting: the signed-in user of the request, or nobody (setup, recipes, background work).</summary>
public interface ICurrentUser
{
    string? UserId { get; }
    string? UserName { get; }
    ClaimsPrincipal? Principal { get; }
}

internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public ClaimsPrincipal? Principal => accessor.HttpContext?.User is { Identity.IsAuthenticated: true } user ? user : null;
    public string? UserId => Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
    public string? UserName => Principal?.Identity?.Name;
}
