using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Contents.Editors;
using Portal.Contents.Services;
using Microsoft.AspNetCore.Routing;
using Portal.Core.Hosting;
using Portal.Core.Modules;
using Portal.Core.Security;

namespace Portal.Contents;

/// <summary>Content types, parts and fields in the admin, and the content items built from them.</summary>
public sealed class ContentsModule : PortalModule
{
    public static readonly Permission ManageContentTypes = new("ManageContentTypes", "Create and change content types", "Content");
    public static readonly Permission EditContent = new("EditContent", "Create and edit content items", "Content");
    public static readonly Permission PublishContent = new("PublishContent", "Publish, unpublish and delete content items", "Content");

    public override string Name => "Portal.Contents";
    public override string Description => "Content types, parts and fields, and the items built from them.";

    // Its pages use the admin layout.
    public override IReadOnlyList<string> Dependencies => ["Portal.Theme.Admin"];

    public override IEnumerable<Permission> Permissions =>
        [ManageContentTypes, EditContent, PublishContent, PortalPermissions.ViewPersonalData, PortalPermissions.EnterPersonalData, PortalPermissions.ExportPersonalData];

    public override IEnumerable<AdminMenuItem> AdminMenu =>
    [
        new("Content items", "/admin/content", Position: 10, Permission: EditContent.Name, Group: "Content"),
        new("Content types", "/admin/content-types", Position: 20, Permission: ManageContentTypes.Name, Group: "Content"),
    ];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ContentTypeEditor>();
        services.AddSingleton<ContentsAssets>();
        services.AddScoped<ItemEditorForm>();
        foreach (var editor in typeof(ContentsModule).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(ContentEditor)) && !t.IsAbstract))
            services.AddSingleton(typeof(ContentEditor), editor);
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) =>
        EmbeddedAssets.Map<ContentsAssets>(endpoints, ContentsAssets.UrlBase);
}
