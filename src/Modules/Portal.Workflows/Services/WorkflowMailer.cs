using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Options;
using Portal.Core.Data;

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

/// <summary>Sends the Email activity's mails: SMTP when configured, a pickup folder otherwise (nothing leaves the machine).</summary>
public sealed class WorkflowMailer(IOptions<SmtpOptions> options, PortalDatabaseSettings database)
{
    public string PickupFolder => Path.Combine(database.DataPath, "mail-pickup");

    /// <summary>Null when sent; otherwise why not.</summary>
    public async Task<string?> SendAsync(IReadOnlyList<string> to, string subject, string body)
    {
        var smtp = options.Value;
        using var message = new MailMessage { From = new MailAddress(smtp.From), Subject = subject, Body = body, BodyEncoding = System.Text.Encoding.UTF8, SubjectEncoding = System.Text.Encoding.UTF8 };
        try
        {
            foreach (var address in to) message.To.Add(new MailAddress(address));
        }
        catch (FormatException e)
        {
            return $"Not an email address: {e.Message}";
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
            await client.SendMailAsync(message);
            return null;
        }
        catch (SmtpException e)
        {
            return e.Message;
        }
    }
}
