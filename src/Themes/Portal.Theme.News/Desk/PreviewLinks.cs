using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Portal.Theme.News.Desk;

/// <summary>
/// Links that let a reviewer without an account read a draft: the item id signed and encrypted with an expiry by
/// ASP.NET Core data protection (keys shared by every node), so a link cannot be forged, altered or used late.
/// </summary>
public sealed class PreviewLinks(IDataProtectionProvider protection, TimeProvider clock, IOptions<DeskOptions> options)
{
    private ITimeLimitedDataProtector Protector => protection.CreateProtector("Portal.Theme.News.Preview").ToTimeLimitedDataProtector();

    public (string Token, DateTimeOffset Expires) Create(string contentItemId)
    {
        var expires = clock.GetUtcNow().AddHours(options.Value.ShareLinkHours);
        return (Protector.Protect(contentItemId, expires), expires);
    }

    /// <summary>The item id the token names, or null when it is forged, altered or expired.</summary>
    public string? Read(string token)
    {
        try
        {
            return Protector.Unprotect(token, out var expires) is var id && expires > clock.GetUtcNow() ? id : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
