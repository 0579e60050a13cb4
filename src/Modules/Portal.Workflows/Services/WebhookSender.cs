using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Portal.Workflows.Activities;
using Portal.Workflows.Outbox;

namespace Portal.Workflows.Services;

/// <summary>
/// Sends the HTTP request activity's outbox messages. A 2xx answer delivers; a 5xx, 408 or 429 answer, a timeout or a
/// lost connection is retried; any other 4xx is final (the receiver refuses the request as it is).
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, IConfiguration configuration) : IOutboxSender
{
    public const string MessageKind = "Webhook";
    public const string HttpClientName = "workflows";

    /// <summary>The message id, the same on every attempt: a receiver drops a repeat by it.</summary>
    public const string DeliveryHeader = "X-Portal-Delivery";

    public string Kind => MessageKind;

    public static string? Secret(IConfiguration configuration, string name) => configuration[$"Portal:Workflows:Secrets:{name}"];

    public async Task<DeliveryOutcome> SendAsync(OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        var payload = JsonNode.Parse(message.Payload)!.AsObject();
        var method = new HttpMethod(payload["Method"]?.GetValue<string>() ?? "POST");
        var body = payload["Body"]?.GetValue<string>() ?? "";
        using var request = new HttpRequestMessage(method, payload["Url"]!.GetValue<string>());
        if (method != HttpMethod.Get)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }
        if (payload["SecretName"]?.GetValue<string>() is { Length: > 0 } secretName)
        {
            if (Secret(configuration, secretName) is not { } secret)
                return DeliveryOutcome.Refused($"No secret '{secretName}' is configured (Portal:Workflows:Secrets:{secretName}).");
            request.Headers.Add(HttpRequestTask.SignatureHeader, HttpRequestTask.Sign(secret, body));
        }
        request.Headers.Add(DeliveryHeader, message.Id);

        using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var result = new JsonObject { ["StatusCode"] = (int)response.StatusCode, ["Body"] = await StartOfBodyAsync(response, cancellationToken) };
        if (response.IsSuccessStatusCode) return DeliveryOutcome.Sent(result);
        var error = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        var status = (int)response.StatusCode;
        return status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
            ? DeliveryOutcome.Retry(error, result)
            : DeliveryOutcome.Refused(error, result);
    }

    /// <summary>The first 4,000 characters: enough to show what the receiver said, without reading a huge answer.</summary>
    private static async Task<string> StartOfBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken), Encoding.UTF8);
        var buffer = new char[4000];
        var read = await reader.ReadBlockAsync(buffer, cancellationToken);
        return new string(buffer, 0, read);
    }
}
