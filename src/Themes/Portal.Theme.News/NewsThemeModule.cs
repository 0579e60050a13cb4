using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.OutputCaching;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Modules;
using Portal.Theme.News.Desk;
using Portal.Theme.News.Services;
using Portal.Wishes.Services;

namespace Portal.Theme.News;

/// <summary>The public site: layout, home page, items at their permalinks, content templates, error pages.</summary>
public sealed class NewsThemeModule : PortalModule
{
    public const string Area = "Portal.Theme.News";

    public override string Name => "Portal.Theme.News";
    public override string Description => "The public news site: home, stories, campaigns, wish wall.";
    public override IReadOnlyList<string> Dependencies => ["Portal.Wishes"];

    public override IEnumerable<AdminMenuItem> AdminMenu =>
        [new("Editor's desk", "/admin/desk", Position: 5, Permission: "EditContent", Group: "Content")];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<NewsAssets>();
        services.AddSingleton<ContentTemplates>();
        services.AddScoped<PublicContent>();
        services.AddScoped<PublicFields>();
        services.AddScoped<WishWall>();
        services.Configure<OutputCacheOptions>(PublicCache.Configure);
        services.AddScoped<ContentHandler, PublicCacheHandler>();
        services.AddHostedService<PublicCacheEviction>();
        services.AddScoped<IWishEventHandler, PublicCacheWishListener>();

        services.AddSingleton<IModelContributor, ScheduleModel>();
        services.AddOptions<DeskOptions>().Bind(configuration.GetSection("Portal:Desk"));
        services.AddScoped<StorySchedule>();
        services.AddSingleton<PreviewLinks>();
        services.AddSingleton<ScheduledPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<ScheduledPublisher>());
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        EmbeddedAssets.Map<NewsAssets>(endpoints, NewsAssets.UrlBase);
        endpoints.MapFeedEndpoints();
    }
}
