using Portal.Core.Hosting;

namespace Portal.Theme.News.Services;

/// <summary>The public site's CSS and scripts (Assets/), served at <c>/assets/news/{file}</c>.</summary>
public sealed class NewsAssets() : EmbeddedAssets(typeof(NewsAssets).Assembly, "Portal.Theme.News.Assets.", NewsAssets.UrlBase)
{
    public const string UrlBase = "/assets/news";
}
