using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Portal.Workflows.Services;

/// <summary>
/// Signed links into workflows: a signal for one waiting instance (<c>/workflows/signal?token=</c>) or the start
/// of a type's HttpRequestEvent (<c>/workflows/invoke?token=</c>). The token is data-protected, so it cannot be
/// forged or altered, and it names exactly what it may do.
/// </summary>
public sealed class WorkflowSignals(IDataProtectionProvider protection)
{
    private readonly IDataProtector protector = protection.CreateProtector("Portal.Workflows.Links.v1");

    private sealed record Link(string Kind, string Target, string Name);

    public string SignalUrl(string instanceId, string signal) => "/workflows/signal?token=" + Protect(new Link("signal", instanceId, signal));

    public string InvokeUrl(string workflowTypeId, string activityId) => "/workflows/invoke?token=" + Protect(new Link("invoke", workflowTypeId, activityId));

    /// <summary>The instance and signal a signal token names; null when it is not a valid signal token.</summary>
    public (string InstanceId, string Signal)? ReadSignal(string? token) => Read(token, "signal") is { } link ? (link.Target, link.Name) : null;

    /// <summary>The type and start activity an invoke token names; null when it is not a valid invoke token.</summary>
    public (string WorkflowTypeId, string ActivityId)? ReadInvoke(string? token) => Read(token, "invoke") is { } link ? (link.Target, link.Name) : null;

    private string Protect(Link link) => Uri.EscapeDataString(protector.Protect(JsonSerializer.Serialize(link)));

    private Link? Read(string? token, string kind)
    {
        if (string.IsNullOrEmpty(token)) return null;
        try
        {
            var link = JsonSerializer.Deserialize<Link>(protector.Unprotect(token));
            return link?.Kind == kind ? link : null;
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}
