using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Modules;
using Portal.Core.Recipes;
using Portal.Core.Security;
using Portal.GraphQL.ApiClients;
using Portal.GraphQL.Endpoints;
using Portal.GraphQL.Schema;
using Portal.GraphQL.Services;

namespace Portal.GraphQL;

/// <summary>The content GraphQL API at /api/graphql, on Portal's own engine (src/Portal.GraphQL.Engine), and partners' API clients.</summary>
public sealed class GraphQLModule : PortalModule
{
    public static readonly Permission ManageApiClients = new("ManageApiClients", "Create and revoke partners' API clients", "GraphQL");

    public override string Name => "Portal.GraphQL";
    public override IReadOnlyList<string> Dependencies => ["Portal.Contents", "Portal.Search"];
    public override string Description => "Content GraphQL in Orchard Core's shape: schema from the content types, limits, partner API clients.";
    public override IEnumerable<Permission> Permissions => [ManageApiClients];

    public override IEnumerable<AdminMenuItem> AdminMenu =>
    [
        new("API clients", "/admin/api-clients", Position: 60, Permission: ManageApiClients.Name, Group: "Settings"),
        new("GraphQL explorer", "/admin/graphql", Position: 61, Permission: ManageApiClients.Name, Group: "Settings"),
    ];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GraphQLOptions>().Bind(configuration.GetSection("Portal:GraphQL"));
        services.AddSingleton<IModelContributor, ApiClientsModel>();
        services.AddSingleton<ContentSchemaCache>();
        services.AddSingleton<ApiClientCache>();
        services.AddScoped<ApiClientService>();
        services.AddScoped<GraphQLAccessResolver>();
        services.AddSingleton<GraphQLAssets>();
        services.AddScoped<IRecipeStep, ApiClientsStep>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGraphQLEndpoints();
        EmbeddedAssets.Map<GraphQLAssets>(endpoints, GraphQLAssets.UrlBase);
    }
}
