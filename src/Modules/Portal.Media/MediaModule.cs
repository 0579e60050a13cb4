using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Modules;
using Portal.Core.Recipes.Steps;
using Portal.Core.Security;
using Portal.Media.Models;
using Portal.Media.Services;

namespace Portal.Media;

/// <summary>The media library: uploads (checked and cleaned), folders, alt text, search, and the public file URLs.</summary>
public sealed class MediaModule : PortalModule
{
    public static readonly Permission ManageMedia = new("ManageMedia", "Upload, organise and delete media", "Content");

    public override string Name => "Portal.Media";
    public override string Description => "Media library: image uploads with metadata stripped, folders, alt text, search.";
    public override IReadOnlyList<string> Dependencies => ["Portal.Theme.Admin"];
    public override IEnumerable<Permission> Permissions => [ManageMedia];

    public override IEnumerable<AdminMenuItem> AdminMenu =>
        [new("Media library", "/admin/media", Position: 30, Permission: ManageMedia.Name, Group: "Content")];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IModelContributor, MediaModel>();
        services.AddOptions<MediaOptions>().Bind(configuration.GetSection("Portal:Media"));
        services.AddSingleton(sp => new MediaRoot(MediaStep.MediaRoot(sp)));
        // Copies are a cache each node may make for itself, so they stay on the node's disk beside its data.
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ResizedImages>(sp,
            Path.Combine(sp.GetRequiredService<PortalDatabaseSettings>().DataPath, "media-sizes")));
        services.AddScoped<MediaLibrary>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapMediaEndpoints();
}
