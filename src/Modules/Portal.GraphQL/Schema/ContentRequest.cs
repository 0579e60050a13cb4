using Portal.Core.Content;
using Portal.GraphQL.Engine.Execution;
using Portal.GraphQL.Services;
using Portal.Search.Services;

namespace Portal.GraphQL.Schema;

/// <summary>
/// What content resolvers need from the request: the content manager and search of its scope, the caller's access, the
/// limits, and the request's services for mutations that other modules add.
/// </summary>
public sealed record ContentRequest(ContentManager Content, ISearchService Search, GraphQLAccess Access, GraphQLOptions Options, IServiceProvider Services)
{
    public static ContentRequest Of(ResolveContext context) => (ContentRequest)context.UserContext!;
}
