using Portal.Core.Hosting;

namespace Portal.Wishes.Services;

/// <summary>The module's scripts (Assets/), served at <c>/wishes/assets/{file}</c> with their content hash.</summary>
public sealed class WishAssets() : EmbeddedAssets(typeof(WishAssets).Assembly, "Portal.Wishes.Assets.", UrlBase)
{
    public const string UrlBase = "/wishes/assets";
}
