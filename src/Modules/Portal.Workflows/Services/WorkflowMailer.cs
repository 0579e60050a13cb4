using System.Net;
using System.Net.Mail;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Workflows.Outbox;

namespace Portal.Workflows.Services;

public sealed class SmtpOptions
{
    /// <summary>Empty: mails are written as .eml files to <c>{DataPath}/mail-pickup</c> instead of sent.</summary>
    public string Host { get; set; } = "";
    public int Port { get; set; } = 587;
    public bool EnableSsl { get; set; } = true;
    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";
    public string From { get; set; } = "portal@localhost";
}

/// <summary>
/// Sends the Email activity's outbox messages: SMTP when configured, a pickup folder otherwise (nothing leaves the
/// machine). A server's 4xx answer or a lost connection is retried; a 5xx answer (an unknown mailbox) is final.
/// </summary>
public sealed class WorkflowMailer(IOptions<SmtpOptions> options, PortalDatabaseSettings database) : IOutboxSender
{
    public const string MessageKind = "Email";

    public string Kind => MessageKind;

    public string PickupFolder => Path.Combine(database.DataPath, "mail-pickup");

    public async Task<DeliveryOutcome> SendAsync(OutboxMessageRecord outgoing, CancellationToken cancellationToken)
    {
        var payload = JsonNode.Parse(outgoing.Payload)!.AsObject();
        var smtp = options.Value;
        using var message = new MailMessage
        {
            From = new MailAddress(smtp.From),
            Subject = payload["Subject"]?.GetValue<string>() ?? "",
            Body = payload["Body"]?.GetValue<string>() ?? "",
            BodyEncoding = System.Text.Encoding.UTF8,
            SubjectEncoding = System.Text.Encoding.UTF8,
        };
        foreach (var address in payload["To"]?.AsArray() ?? [])
        {
            if (!MailAddress.TryCreate(address?.GetValue<string>(), out var to))
                return DeliveryOutcome.Refused($"Not an email address: '{address}'.");
            message.To.Add(to);
        }
        using var client = new SmtpClient();
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            Directory.CreateDirectory(PickupFolder);
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = PickupFolder;
        }
        else
        {
            client.Host = smtp.Host;
            client.Port = smtp.Port;
            client.EnableSsl = smtp.EnableSsl;
            if (smtp.UserName.Length > 0) client.Credentials = new NetworkCredential(smtp.UserName, smtp.Password);
        }
        try
        {
            await client.SendMailAsync(message, cancellationToken);
            return DeliveryOutcome.Sent();
        }
        catch (SmtpException e)
        {
            var code = (int)e.StatusCode;
            var error = code > 0 ? $"SMTP {code}: {e.Message}" : e.InnerException is { } inner ? $"{e.Message} {inner.Message}" : e.Message;
            return code >= 500 ? DeliveryOutcome.Refused(error) : DeliveryOutcome.Retry(error);
        }
    }
}
