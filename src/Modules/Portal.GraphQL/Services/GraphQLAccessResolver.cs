using System.Security.Claims;
using Microsoft.Extensions.Options;
using Portal.Core.Security;

namespace Portal.GraphQL.Services;

/// <summary>
/// Decides a request's <see cref="GraphQLAccess"/>: signed-in staff who may edit content read every type and
/// drafts; anyone else reads the public types' published items.
/// </summary>
public sealed class GraphQLAccessResolver(IEnumerable<IPermissionChecker> permissions, IOptions<GraphQLOptions> options)
{
    public const string EditContent = "EditContent";

    public async Task<GraphQLAccess> ResolveAsync(ClaimsPrincipal user, IReadOnlyCollection<string> allTypes)
    {
        if (user.Identity?.IsAuthenticated == true)
            foreach (var checker in permissions)
                if (await checker.HasPermissionAsync(user, EditContent))
                    return new GraphQLAccess(allTypes.ToHashSet(), Drafts: true, SubmitWish: false, ClientName: user.Identity.Name);
        return new GraphQLAccess(options.Value.PublicTypes.ToHashSet(), Drafts: false, SubmitWish: false);
    }
}
