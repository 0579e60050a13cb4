using System.Data.Common;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Portal.Core.Hosting;

/// <summary>
/// While the database cannot be reached, every request gets 503 with a Retry-After header and a short page that
/// reloads itself (API callers get a problem document) instead of an error page; nothing needs restarting, since
/// each request tries the database afresh. It sits outermost in the pipeline, so start-up middleware that reads the
/// database (the setup gate) is covered, and again just inside the exception handler.
/// </summary>
internal sealed class DatabaseUnavailableMiddleware(RequestDelegate next, ILogger<DatabaseUnavailableMiddleware> logger)
{
    private const int RetryAfterSeconds = 5;

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (IsDatabaseUnavailable(e) && !context.Response.HasStarted)
        {
            logger.LogWarning("The database cannot be reached ({Reason}); answered {Path} with 503", e.GetBaseException().Message, PortalLogging.LoggedPath(context.Request.Path));
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
            context.Response.Headers.CacheControl = "no-store";
            if (context.Request.Path.StartsWithSegments("/api"))
                await Results.Problem("The database cannot be reached for the moment. Try again in a few seconds.",
                    statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable").ExecuteAsync(context);
            else
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(Page.Replace(RequestIdMark, System.Net.WebUtility.HtmlEncode(context.TraceIdentifier)));
            }
        }
    }

    /// <summary>Connection failures, not query errors: a bad query must still surface as the bug it is.</summary>
    internal static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg:
                    // 08: connection exceptions; 57P0x: shutting down or starting up; 55000 with ALLOW_CONNECTIONS off; 53300: too many connections.
                    return pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P0", StringComparison.Ordinal)
                        || pg.SqlState is "55000" or "53300";
                case NpgsqlException npgsql when npgsql.InnerException is SocketException or IOException or TimeoutException || npgsql.IsTransient:
                    return true;
                case SqliteException sqlite:
                    // SQLITE_BUSY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN
                    return sqlite.SqliteErrorCode is 5 or 10 or 13 or 14;
                case SocketException:
                    return true;
            }
        }
        return false;
    }

    private const string RequestIdMark = "{request-id}";

    private static readonly string Page = $$"""
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <meta http-equiv="refresh" content="{{RetryAfterSeconds * 2}}">
          <title>暂时无法访问 · Temporarily unavailable</title>
        </head>
        <body>
          <main>
            <h1>网站暂时无法访问</h1>
            <p>数据库暂时连接不上。您的数据不会丢失；连接恢复后网站会自动恢复，本页每隔几秒自动重试。</p>
            <h2 lang="en">The site is briefly unavailable</h2>
            <p lang="en">The database cannot be reached right now. Nothing is lost; the site recovers by itself and this page retries every few seconds.</p>
            <p><small>请求编号 · Request id: <code>{{RequestIdMark}}</code></small></p>
          </main>
        </body>
        </html>
        """;
}

/// <summary>Puts the request's log scope, security headers and the outage page in front of every module's middleware (the setup gate included).</summary>
internal sealed class PortalStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        // First: the log scope, the rate limits and HSTS need the client's own address and scheme.
        app.UseForwardedHeaders();
        app.UseMiddleware<RequestLogScopeMiddleware>();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<DatabaseUnavailableMiddleware>();
        next(app);
    };
}
