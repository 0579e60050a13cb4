using Portal.Core.Hosting;

namespace Portal.GraphQL.Services;

/// <summary>The explorer's script, bundled from FrontEnd/ at build time and served at <c>/admin/graphql/assets/{file}</c>.</summary>
public sealed class GraphQLAssets() : EmbeddedAssets(typeof(GraphQLAssets).Assembly, "Portal.GraphQL.FrontEnd.", UrlBase)
{
    public const string UrlBase = "/admin/graphql/assets";
}
