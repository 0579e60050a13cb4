using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;
using Portal.Core.Data;
using Portal.Core.Modules;
using Portal.Core.Recipes;
using Portal.Core.Security;
using Microsoft.AspNetCore.Routing;
using Portal.Wishes.Endpoints;
using Portal.Wishes.Handlers;
using Portal.Wishes.Models;
using Portal.Wishes.Services;

namespace Portal.Wishes;

/// <summary>The micro-wish domain: the wish lifecycle, claiming, the audit trail, and partners' submitWish.</summary>
public sealed class WishesModule : PortalModule
{
    public static readonly Permission ReviewWishes = new("ReviewWishes", "Review, publish and close wishes", "Wishes");
    public static readonly Permission ClaimWishes = new("ClaimWishes", "Claim wishes as a volunteer or organisation", "Wishes");
    public static readonly Permission ConfirmClaims = new("ConfirmClaims", "Confirm claims and verify fulfilment", "Wishes");
    public static readonly Permission ViewWishReports = new("ViewWishReports", "See the wish dashboard, reports and the points ledger", "Wishes");
    public static readonly Permission ClaimAsOrganisation = new("ClaimAsOrganisation", "Claim as an organisation (wishes opened to organisations)", "Wishes");

    /// <summary>Who may make a move: verifying is confirming the work; every other move is review.</summary>
    public static Permission PermissionToMove(WishStatus to) => to == WishStatus.Verified ? ConfirmClaims : ReviewWishes;

    public override string Name => "Portal.Wishes";
    public override IReadOnlyList<string> Dependencies => ["Portal.Contents", "Portal.GraphQL"];
    public override string Description => "Wishes from intake to verified fulfilment: lifecycle, claiming, audit.";
    public override IEnumerable<Permission> Permissions => [ReviewWishes, ClaimWishes, ConfirmClaims, ClaimAsOrganisation, ViewWishReports];

    public override IEnumerable<AdminMenuItem> AdminMenu =>
    [
        // The one staff queue: wishes for those who review and confirm, and every decision a process waits for.
        new("Work queue", "/admin/wishes/queue", Position: 10, Permission: "AccessAdmin", Group: "Wishes"),
        new("Enter a wish", "/admin/wishes/new", Position: 11, Permission: ReviewWishes.Name, Group: "Wishes"),
        new("Import wishes", "/admin/wishes/import", Position: 12, Permission: ReviewWishes.Name, Group: "Wishes"),
        new("Wish dashboard", "/admin/wishes/dashboard", Position: 15, Permission: ViewWishReports.Name, Group: "Wishes"),
        new("Reports and points", "/admin/wishes/reports", Position: 20, Permission: ViewWishReports.Name, Group: "Wishes"),
        new("Open wishes", "/volunteer/wishes", Position: 30, Permission: ClaimWishes.Name, Group: "Wishes"),
        new("My claims", "/volunteer/claims", Position: 40, Permission: ClaimWishes.Name, Group: "Wishes"),
    ];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IModelContributor, WishesModel>();
        services.AddSingleton(ModuleDefinitions.FromResources(typeof(WishesModule).Assembly, Name, "Portal.Wishes.Migrations.ContentTypes.v1.json"));
        services.AddOptions<WishOptions>().Bind(configuration.GetSection("Portal:Wishes"));
        services.AddScoped<WishLifecycle>();
        services.AddScoped<WishCounts>();
        services.AddHostedService<WishCountFolding>();
        services.AddScoped<WishClaims>();
        services.AddScoped<WishBoard>();
        services.AddScoped<WishLabels>();
        services.AddScoped<PointsLedger>();
        services.AddScoped<IWishEventHandler>(sp => sp.GetRequiredService<PointsLedger>());
        services.AddScoped<WishReports>();
        services.AddScoped<WishStats>();
        services.AddScoped<IRecipeStep, Recipes.WishesStep>();
        services.AddScoped<ContentHandler, WishIndexHandler>();
        services.AddScoped<ContentHandler, WishPrivacyHandler>();
        services.AddScoped<IPublicListingRule, WishListing>();
        services.AddScoped<WishContacts>();
        services.AddScoped<WishFieldDisplay>();
        services.AddSingleton(new ContentItemAdminPanel(Controllers.WishPanelViewComponent.Name, 5));
        services.AddScoped<WishImport>();
        services.AddScoped<WishImportJobs>();
        services.AddScoped<WishDuplicates>();
        services.AddScoped<WishSubmissions>();
        services.AddSingleton<Portal.GraphQL.Schema.IContentMutation, GraphQL.SubmitWishMutation>();
        services.AddSingleton<WishAssets>();
        services.AddSingleton<WishExpiry>();
        services.AddHostedService(sp => sp.GetRequiredService<WishExpiry>());
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapWishEndpoints();
        Portal.Core.Hosting.EmbeddedAssets.Map<WishAssets>(endpoints, WishAssets.UrlBase);
        endpoints.MapCampaignProgressEndpoint();
    }
}
