using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Testing;

/// <summary>
/// A mail server on a loopback port speaking just enough SMTP for System.Net.Mail (the system edge mail leaves by).
/// It accepts every message unless told otherwise: <see cref="Answers"/> holds the reply codes for the next messages'
/// DATA (451 for "try again later", 550 for "no such mailbox").
/// </summary>
public sealed partial class SmtpTestServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly Task accepting;

    public SmtpTestServer()
    {
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public ConcurrentQueue<int> Answers { get; } = new();

    /// <summary>The messages accepted: envelope recipients and the raw message as sent.</summary>
    public ConcurrentQueue<ReceivedMail> Received { get; } = new();

    /// <summary>Every DATA the server answered, with its reply code.</summary>
    public ConcurrentQueue<int> Replies { get; } = new();

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var reader = new StreamReader(stream, Encoding.ASCII);
            var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 localhost test SMTP");
            var recipients = new List<string>();
            try
            {
                while (await reader.ReadLineAsync(stopping.Token) is { } line)
                {
                    var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                    switch (verb)
                    {
                        case "EHLO":
                            await writer.WriteLineAsync("250-localhost");
                            await writer.WriteLineAsync("250 8BITMIME");
                            break;
                        case "HELO" or "NOOP" or "MAIL":
                            await writer.WriteLineAsync("250 OK");
                            break;
                        case "RSET":
                            recipients.Clear();
                            await writer.WriteLineAsync("250 OK");
                            break;
                        case "RCPT":
                            recipients.Add(Address().Match(line).Groups[1].Value);
                            await writer.WriteLineAsync("250 OK");
                            break;
                        case "DATA":
                            await writer.WriteLineAsync("354 end with <CRLF>.<CRLF>");
                            var data = new StringBuilder();
                            while (await reader.ReadLineAsync(stopping.Token) is { } dataLine && dataLine != ".")
                                data.AppendLine(dataLine.StartsWith("..") ? dataLine[1..] : dataLine);
                            var answer = Answers.TryDequeue(out var next) ? next : 250;
                            Replies.Enqueue(answer);
                            if (answer == 250) Received.Enqueue(new ReceivedMail([.. recipients], data.ToString()));
                            await writer.WriteLineAsync(answer switch { 250 => "250 queued", 451 => "451 try again later", _ => $"{answer} refused" });
                            recipients.Clear();
                            break;
                        case "QUIT":
                            await writer.WriteLineAsync("221 bye");
                            return;
                        default:
                            await writer.WriteLineAsync("502 not implemented");
                            break;
                    }
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException)
            {
                // The client went away, or the server stops.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await accepting;
        stopping.Dispose();
    }

    [GeneratedRegex("<([^>]*)>")]
    private static partial Regex Address();
}

/// <summary>A message the test server accepted.</summary>
public sealed partial record ReceivedMail(IReadOnlyList<string> Recipients, string Raw)
{
    /// <summary>The Subject header with its encoded words (=?utf-8?B?...?=) decoded.</summary>
    public string Subject => Decode(SubjectHeader().Match(Raw).Groups[1].Value);

    private static string Decode(string header) =>
        EncodedWord().Replace(Regex.Replace(header, @"\?=\s+=\?", "?==?"), m => m.Groups[1].Value.ToUpperInvariant() == "B"
            ? Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[2].Value))
            : m.Groups[2].Value);

    [GeneratedRegex(@"^Subject: (.*(?:\r?\n[ \t].*)*)", RegexOptions.Multiline)]
    private static partial Regex SubjectHeader();

    [GeneratedRegex(@"=\?utf-8\?([BQ])\?([^?]*)\?=", RegexOptions.IgnoreCase)]
    private static partial Regex EncodedWord();
}
