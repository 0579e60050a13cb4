using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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
        services.AddOptions<MediaOptions>().Bind(configuration.GetSection("Portal:Media"))
            .Validate(o => o.SizesMaxBytes > 0, "Portal:Media:SizesMaxBytes must be a number of bytes above 0.").ValidateOnStart();
        services.AddSingleton(sp => new MediaRoot(MediaStep.MediaRoot(sp)));
        // Copies are a cache: on each node's disk beside its data by default, or one folder the nodes share.
        services.AddSingleton(sp =>
        {
            var media = sp.GetRequiredService<IOptions<MediaOptions>>().Value;
            var folder = Path.Combine(sp.GetRequiredService<PortalDatabaseSettings>().DataPath, media.SizesPath);
            return ActivatorUtilities.CreateInstance<SizesCache>(sp, folder, media.SizesMaxBytes);
        });
        services.AddSingleton<ResizedImages>();
        services.AddScoped<MediaLibrary>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapMediaEndpoints();
}
