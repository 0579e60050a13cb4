using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Portal.Core.Hosting;

/// <summary>
/// Logs as one JSON object a line (the built-in JSON console formatter, unless <c>Logging:Console:FormatterName</c>
/// names another), each line of a request carrying its request id, which the response repeats in
/// <see cref="Header"/> and the error pages show, so a user's report leads to the lines. Secrets stay out: the
/// hosting layer's own request scope and request lines are switched off, since they hold the full path and query
/// (signed reviewer links and signal tokens travel there); the portal's scope holds the path with long segments
/// (tokens) left out, and never the query.
/// </summary>
public static class PortalLogging
{
    public const string Header = "X-Request-Id";

    /// <summary>Path segments at least this long are tokens, not names or ids (ids are 26 characters).</summary>
    private const int TokenLength = 40;

    public static void AddPortalLogging(this WebApplicationBuilder builder)
    {
        if (builder.Configuration["Logging:Console:FormatterName"] is null)
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                // Chinese text stays readable instead of \u escapes.
                o.JsonWriterOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };
            });
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
    }

    /// <summary>The path as logs may show it: segments that look like tokens replaced by "…".</summary>
    public static string LoggedPath(PathString path) =>
        path.Value is not { Length: > 0 } value ? "/"
            : string.Join('/', value.Split('/').Select(segment => segment.Length >= TokenLength ? "…" : segment));
}

/// <summary>Opens the request's log scope and puts its id on the response, whatever later middleware does to it.</summary>
internal sealed class RequestLogScopeMiddleware(RequestDelegate next, ILogger<RequestLogScopeMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var id = context.TraceIdentifier;
        // On starting, not now: the exception handler and the outage page clear the headers set before them.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[PortalLogging.Header] = id;
            return Task.CompletedTask;
        });
        using (logger.BeginScope(new RequestScope(id, context.Request.Method, PortalLogging.LoggedPath(context.Request.Path),
                   context.Connection.RemoteIpAddress?.ToString() ?? "")))
            await next(context);
    }

    /// <summary>A list of pairs, so the JSON formatter writes them as properties of the scope.</summary>
    private sealed class RequestScope(string requestId, string method, string path, string client) : IReadOnlyList<KeyValuePair<string, object>>
    {
        private readonly KeyValuePair<string, object>[] pairs =
            [new("RequestId", requestId), new("RequestMethod", method), new("RequestPath", path), new("ClientAddress", client)];

        public KeyValuePair<string, object> this[int index] => pairs[index];
        public int Count => pairs.Length;
        public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object>>)pairs).GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => pairs.GetEnumerator();
        public override string ToString() => $"RequestId:{pairs[0].Value} {pairs[1].Value} {pairs[2].Value}";
    }
}
