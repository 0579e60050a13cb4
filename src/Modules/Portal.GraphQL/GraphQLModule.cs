using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Modules;
using Portal.GraphQL.Endpoints;
using Portal.GraphQL.Schema;
using Portal.GraphQL.Services;

namespace Portal.GraphQL;

/// <summary>The content GraphQL API at /api/graphql, on Portal's own engine (src/Portal.GraphQL.Engine).</summary>
public sealed class GraphQLModule : PortalModule
{
    public override string Name => "Portal.GraphQL";
    public override IReadOnlyList<string> Dependencies => ["Portal.Contents"];
    public override string Description => "Content GraphQL in Orchard Core's shape: schema from the content types, limits, partner access.";

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GraphQLOptions>().Bind(configuration.GetSection("Portal:GraphQL"));
        services.AddSingleton<ContentSchemaCache>();
        services.AddScoped<GraphQLAccessResolver>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapGraphQLEndpoints();
}
