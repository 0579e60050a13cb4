using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Hosting;
using Portal.Core.Modules;
using Portal.Theme.News.Services;

namespace Portal.Theme.News;

/// <summary>The public site: layout, home page, items at their permalinks, content templates, error pages.</summary>
public sealed class NewsThemeModule : PortalModule
{
    public const string Area = "Portal.Theme.News";

    public override string Name => "Portal.Theme.News";
    public override string Description => "The public news site: home, stories, campaigns, wish wall.";
    public override IReadOnlyList<string> Dependencies => ["Portal.Wishes"];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<NewsAssets>();
        services.AddSingleton<ContentTemplates>();
        services.AddScoped<PublicContent>();
        services.AddScoped<PublicFields>();
        services.AddScoped<SiteTime>();
        services.AddScoped<AutorouteTransformer>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        EmbeddedAssets.Map<NewsAssets>(endpoints, NewsAssets.UrlBase);
        endpoints.MapDynamicControllerRoute<AutorouteTransformer>("{**path}");
    }
}
