using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Core.Modules;
using Portal.Core.Security;
using Microsoft.AspNetCore.Routing;
using Portal.Wishes.Endpoints;
using Portal.Wishes.Handlers;
using Portal.Wishes.Models;
using Portal.Wishes.Services;

namespace Portal.Wishes;

/// <summary>The micro-wish domain: the wish lifecycle, claiming, the audit trail.</summary>
public sealed class WishesModule : PortalModule
{
    public static readonly Permission ReviewWishes = new("ReviewWishes", "Review, publish and close wishes", "Wishes");
    public static readonly Permission ClaimWishes = new("ClaimWishes", "Claim wishes as a volunteer or organisation", "Wishes");
    public static readonly Permission ConfirmClaims = new("ConfirmClaims", "Confirm claims and verify fulfilment", "Wishes");

    public override string Name => "Portal.Wishes";
    public override IReadOnlyList<string> Dependencies => ["Portal.Contents"];
    public override string Description => "Wishes from intake to verified fulfilment: lifecycle, claiming, audit.";
    public override IEnumerable<Permission> Permissions => [ReviewWishes, ClaimWishes, ConfirmClaims];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IModelContributor, WishesModel>();
        services.AddOptions<WishOptions>().Bind(configuration.GetSection("Portal:Wishes"));
        services.AddScoped<WishLifecycle>();
        services.AddScoped<WishClaims>();
        services.AddScoped<ContentHandler, WishIndexHandler>();
        services.AddScoped<ContentHandler, WishPrivacyHandler>();
        services.AddScoped<WishContacts>();
        services.AddSingleton<OpenToOrganisationsSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<OpenToOrganisationsSweep>());
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapWishEndpoints();
}
