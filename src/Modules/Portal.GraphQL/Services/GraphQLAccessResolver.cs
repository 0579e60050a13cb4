using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Portal.Core.Security;
using Portal.GraphQL.ApiClients;

namespace Portal.GraphQL.Services;

/// <summary>The caller's access, or why there is none (401 for a missing or bad secret, 429 when over the rate limit).</summary>
public sealed record AccessDecision(GraphQLAccess? Access, ApiClientRecord? Client = null, int Status = StatusCodes.Status200OK, string? Message = null);

/// <summary>
/// Decides a request's <see cref="GraphQLAccess"/>: an API client (<c>Authorization: Bearer</c>) reads its scopes;
/// signed-in staff who may edit content read every type and drafts; anyone else reads the public types.
/// </summary>
public sealed class GraphQLAccessResolver(IEnumerable<IPermissionChecker> permissions, IOptions<GraphQLOptions> options, ApiClientService clients)
{
    public const string EditContent = "EditContent";
    private static readonly IReadOnlySet<string> NoMutations = new HashSet<string>(); // only API clients are granted mutations

    public async Task<AccessDecision> ResolveAsync(HttpContext http, IReadOnlyCollection<string> allTypes)
    {
        var authorization = http.Request.Headers.Authorization.ToString();
        if (authorization.Length > 0)
        {
            if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || authorization.Length > 512)
                return Refused("Send the client secret as Authorization: Bearer <secret>.");
            var client = await clients.FindBySecretAsync(authorization[7..].Trim());
            if (client is null) return Refused("The client secret is not valid (or the client was revoked).");
            if (!await clients.TryAcquireAsync(client))
                return new AccessDecision(null, client, StatusCodes.Status429TooManyRequests,
                    $"The client exceeded its rate limit of {client.RateLimitPerMinute} requests a minute.");
            var scopes = client.ScopeList;
            return new AccessDecision(new GraphQLAccess(scopes.Where(allTypes.Contains).ToHashSet(),
                Drafts: scopes.Contains(ApiClientService.DraftsScope), Mutations: scopes.Where(s => s == ApiClientService.SubmitWishScope).ToHashSet(), ClientName: client.Name), client);
        }
        var user = http.User;
        if (user.Identity?.IsAuthenticated == true)
            foreach (var checker in permissions)
                if (await checker.HasPermissionAsync(user, EditContent))
                    return new AccessDecision(new GraphQLAccess(allTypes.ToHashSet(), Drafts: true, Mutations: NoMutations, ClientName: user.Identity.Name));
        return new AccessDecision(new GraphQLAccess(options.Value.PublicTypes.ToHashSet(), Drafts: false, Mutations: NoMutations));
    }

    private static AccessDecision Refused(string message) => new(null, null, StatusCodes.Status401Unauthorized, message);
}
