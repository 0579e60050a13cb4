using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Workflows.Tests;

/// <summary>
/// A webhook endpoint on a loopback port that records what it receives (the system edge a webhook talks to). It
/// answers 200 unless told otherwise: <see cref="Answers"/> holds the next answers, one per request (a status code,
/// or <see cref="Hang"/> for a request it never answers).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const int Hang = 0;

    private readonly WebApplication app;
    private readonly Stopwatch clock = Stopwatch.StartNew();

    private WebhookReceiver(WebApplication app, string url)
    {
        this.app = app;
        Url = url;
    }

    public string Url { get; }
    public ConcurrentQueue<(string Body, string? Signature)> Received { get; } = new();

    /// <summary>Every request, answered or not: when it arrived (since the receiver started), its delivery id and what it got.</summary>
    public ConcurrentQueue<(TimeSpan At, string? Delivery, int Answer)> Requests { get; } = new();

    public ConcurrentQueue<int> Answers { get; } = new();

    public TimeSpan Now => clock.Elapsed;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.MapPost("/hook", async (HttpRequest request, CancellationToken aborted) =>
        {
            var answer = receiver!.Answers.TryDequeue(out var next) ? next : StatusCodes.Status200OK;
            receiver.Requests.Enqueue((receiver.Now, request.Headers["X-Portal-Delivery"].FirstOrDefault(), answer));
            var body = await new StreamReader(request.Body).ReadToEndAsync(aborted);
            if (answer == Hang) await Task.Delay(Timeout.Infinite, aborted);
            if (answer == StatusCodes.Status200OK)
                receiver.Received.Enqueue((body, request.Headers[Activities.HttpRequestTask.SignatureHeader].FirstOrDefault()));
            return Results.Text($"answer {answer}", statusCode: answer);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new WebhookReceiver(app, address.TrimEnd('/') + "/hook");
        return receiver;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
