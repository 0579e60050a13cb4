using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Workflows.Engine;
using Portal.Workflows.Models;
using Portal.Workflows.Outbox;
using Portal.Workflows.Services;

namespace Portal.Workflows.Activities;

/// <summary>Leaves a notice in the admin for users (ids from an expression, or the item's owner) and roles.</summary>
public sealed class NotifyTask : Activity
{
    public override string Name => "NotifyTask";
    public override string DisplayText => "Notify";
    public override string Category => "Messaging";
    public override string Description => "Shows a notice in the admin to users or roles.";
    public override IReadOnlyList<ActivityProperty> Properties =>
    [
        new("Message", PropertyKind.Template, "Message", "{{ }} allowed", Required: true),
        new("Roles", PropertyKind.List, "Roles", "one per line"),
        new("Users", PropertyKind.Expression, "User ids", "an expression giving an id or a list of ids"),
        new("NotifyOwner", PropertyKind.Boolean, "Notify the item's owner (who entered it)"),
        new("Url", PropertyKind.Template, "Link", "e.g. /admin/contents/{{ correlationId() }}"),
    ];

    public override IReadOnlyList<string> Outcomes(ActivityRecord activity) => ["Done"];

    public override async Task<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var message = context.Render("Message");
        if (message.Length == 0) throw new WorkflowActivityException("The message is empty.");
        var url = context.Render("Url") is { Length: > 0 } u ? u : null;
        var users = context.Evaluate("Users") switch
        {
            JsonArray ids => ids.Select(i => i?.ToString()).OfType<string>().ToList(),
            JsonValue id => [id.ToString()],
            _ => new List<string>(),
        };
        if (context.Flag("NotifyOwner") && context.Workflow.CorrelationId is { } itemId
            && await context.Workflow.Get<ContentManager>().GetAsync(itemId, VersionOptions.Latest) is { Owner: { Length: > 0 } owner })
            users.Add(owner);
        var notices = context.Workflow.Get<NotificationStore>();
        var now = context.Workflow.Clock.GetUtcNow().UtcDateTime;
        var sent = await notices.SendAsync(users.Distinct(), context.List("Roles"), message, url, now);
        context.Workflow.State.LastResult = sent;
        return ActivityResult.Done;
    }
}

/// <summary>
/// Sends an email through the outbox (SMTP when <c>Portal:Workflows:Smtp:Host</c> is set, otherwise into a pickup
/// folder): the step only queues it, and the workflow goes on along Done once it is sent, Failed once given up.
/// </summary>
public sealed class EmailTask : OutboxTask
{
    public override string Name => "EmailTask";
    public override string DisplayText => "Email";
    public override string Category => "Messaging";
    public override string Description => "Sends an email (SMTP, or the pickup folder App_Data/mail-pickup), retried until it goes.";
    public override IReadOnlyList<ActivityProperty> Properties =>
    [
        new("Recipients", PropertyKind.Template, "To", "addresses separated by commas; {{ }} allowed", Required: true),
        new("Subject", PropertyKind.Template, "Subject", Required: true),
        new("Body", PropertyKind.Template, "Body", "plain text; {{ }} allowed"),
    ];

    public override async Task<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var to = context.Render("Recipients").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (to.Length == 0) throw new WorkflowActivityException("No recipient.");
        if (to.FirstOrDefault(a => !MailAddress.TryCreate(a, out _)) is { } bad)
        {
            context.Workflow.State.LastResult = new JsonObject { ["Error"] = $"Not an email address: '{bad}'." };
            return ActivityResult.Outcome("Failed");
        }
        var subject = context.Render("Subject");
        return await QueueAsync(context, WorkflowMailer.MessageKind, string.Join(", ", to), subject, new JsonObject
        {
            ["To"] = new JsonArray([.. to.Select(a => (JsonNode)a)]),
            ["Subject"] = subject,
            ["Body"] = context.Render("Body"),
        });
    }
}

/// <summary>
/// Calls a URL (a webhook) through the outbox, retried with back-off while the receiver fails. The body is signed
/// at sending time with HMAC-SHA256 under a secret named from configuration (<c>Portal:Workflows:Secrets:{name}</c>,
/// kept out of the workflow's JSON and the outbox), sent as <c>X-Portal-Signature: sha256=...</c>.
/// </summary>
public sealed class HttpRequestTask : OutboxTask
{
    public const string SignatureHeader = "X-Portal-Signature";
    public override string Name => "HttpRequestTask";
    public override string DisplayText => "HTTP request";
    public override string Category => "HTTP";
    public override string Description => "Calls a webhook; the body is signed; retried until the receiver accepts it.";
    public override IReadOnlyList<ActivityProperty> Properties =>
    [
        new("Url", PropertyKind.Template, "URL", Required: true),
        new("HttpMethod", PropertyKind.Choice, "Method", Choices: ["POST", "PUT", "GET", "DELETE"]),
        new("Body", PropertyKind.Template, "Body (JSON)", "{{ }} allowed"),
        new("SecretName", PropertyKind.Text, "Signing secret", "the name under Portal:Workflows:Secrets"),
    ];

    public override async Task<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        if (!Uri.TryCreate(context.Render("Url"), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            throw new WorkflowActivityException($"'{context.Render("Url")}' is not an http(s) URL.");
        var method = context.Text("HttpMethod") is { Length: > 0 } m ? m.ToUpperInvariant() : "POST";
        var secretName = context.Text("SecretName") is { Length: > 0 } name ? name : null;
        if (secretName is not null && WebhookSender.Secret(context.Workflow.Get<IConfiguration>(), secretName) is null)
            throw new WorkflowActivityException($"No secret '{secretName}' is configured (Portal:Workflows:Secrets:{secretName}).");
        return await QueueAsync(context, WebhookSender.MessageKind, url.ToString(), method, new JsonObject
        {
            ["Url"] = url.ToString(),
            ["Method"] = method,
            ["Body"] = context.Render("Body"),
            ["SecretName"] = secretName,
        });
    }

    public static string Sign(string secret, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));
}
