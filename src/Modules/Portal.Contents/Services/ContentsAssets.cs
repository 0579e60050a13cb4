using Portal.Core.Hosting;

namespace Portal.Contents.Services;

/// <summary>The item editor's scripts, bundled from FrontEnd/ at build time and served at <c>/admin/contents/assets/{file}</c>.</summary>
public sealed class ContentsAssets() : EmbeddedAssets(typeof(ContentsAssets).Assembly, "Portal.Contents.FrontEnd.", UrlBase)
{
    public const string UrlBase = "/admin/contents/assets";
}
