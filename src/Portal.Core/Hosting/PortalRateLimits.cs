using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Portal.Core.Hosting;

/// <summary>
/// Named rate-limit policies, per client address, for endpoints anyone can hit: apply one with
/// <c>[EnableRateLimiting(PortalRateLimits.Login)]</c> or <c>.RequireRateLimiting(PortalRateLimits.PublicForm)</c>.
/// Limits per minute come from <c>Portal:RateLimits:{Policy}PerMinute</c>. A refused request gets 429 with Retry-After.
/// </summary>
public static class PortalRateLimits
{
    public const string Login = "Login";
    public const string PublicForm = "PublicForm";
    public const string PartnerApi = "PartnerApi";

    private static readonly Dictionary<string, int> Defaults = new() { [Login] = 20, [PublicForm] = 10, [PartnerApi] = 120 };

    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                var http = context.HttpContext;
                http.Response.Headers.RetryAfter = "60";
                // The request's log scope names the client, so the line shows who was held back.
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PortalRateLimits))
                    .LogWarning("Refused a request over the {Policy} rate limit.",
                        http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? "global");
                return ValueTask.CompletedTask;
            };
            foreach (var (name, fallback) in Defaults)
            {
                var permits = configuration.GetValue($"Portal:RateLimits:{name}PerMinute", fallback);
                options.AddPolicy(name, http => RateLimitPartition.GetFixedWindowLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            }
        });
        return services;
    }
}
