using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Portal.Core.Security;

/// <summary>Decides whether a user holds a permission (implemented by the Users module from roles).</summary>
public interface IPermissionChecker
{
    Task<bool> HasPermissionAsync(ClaimsPrincipal user, string permission);
}

/// <summary>Policies named <c>Permission:X</c> require permission X: <c>[Authorize(Policy = "Permission:ManageContent")]</c>.</summary>
public static class PermissionPolicy
{
    public const string Prefix = "Permission:";
    public static string For(Permission permission) => Prefix + permission.Name;
    public static string For(string permission) => Prefix + permission;
}

public sealed record PermissionRequirement(string Permission) : IAuthorizationRequirement;

internal sealed class PermissionPolicyProvider(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (!policyName.StartsWith(PermissionPolicy.Prefix, StringComparison.Ordinal))
            return await base.GetPolicyAsync(policyName);
        return new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .AddRequirements(new PermissionRequirement(policyName[PermissionPolicy.Prefix.Length..]))
            .Build();
    }
}

internal sealed class PermissionHandler(IEnumerable<IPermissionChecker> checkers) : AuthorizationHandler<PermissionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        foreach (var checker in checkers)
        {
            if (await checker.HasPermissionAsync(context.User, requirement.Permission))
            {
                context.Succeed(requirement);
                return;
            }
        }
    }
}
