using Portal.Core.Hosting;

namespace Portal.Users.Services;

/// <summary>The sign-in pages' stylesheet, embedded in the assembly (Assets/) so the CSP needs no inline style.</summary>
public sealed class UsersAssets() : EmbeddedAssets(typeof(UsersAssets).Assembly, "Portal.Users.Assets.", UrlBase)
{
    public const string UrlBase = "/users/assets";
}
