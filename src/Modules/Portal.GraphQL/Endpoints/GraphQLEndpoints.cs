using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;
using Portal.Core.Media;
using Portal.GraphQL.ApiClients;
using Portal.GraphQL.Engine;
using Portal.GraphQL.Engine.Execution;
using Portal.GraphQL.Engine.Language;
using Portal.GraphQL.Schema;
using Portal.GraphQL.Services;
using Portal.Search.Services;

namespace Portal.GraphQL.Endpoints;

/// <summary>
/// GraphQL over HTTP at <c>/api/graphql</c>: GET for queries, POST with <c>application/json</c>.
/// With <c>Accept: application/graphql-response+json</c> a request that fails before execution answers 400;
/// with <c>application/json</c> it answers 200, as older clients expect. Mutations over GET answer 405.
/// </summary>
public static class GraphQLEndpoints
{
    public const string Path = "/api/graphql";
    private const string GraphQLResponse = "application/graphql-response+json";
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly IReadOnlySet<OperationType> QueriesOnly = new HashSet<OperationType> { OperationType.Query };

    public static void MapGraphQLEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, GetAsync);
        endpoints.MapPost(Path, PostAsync);
    }

    private sealed record HttpGraphQLRequest(string Query, string? OperationName, IReadOnlyDictionary<string, object?>? Variables);

    private static Task GetAsync(HttpContext http)
    {
        var q = http.Request.Query;
        if (q["query"].ToString() is not { Length: > 0 } query)
            return WriteErrorAsync(http, StatusCodes.Status400BadRequest, "A GET request needs a \"query\" parameter.");
        IReadOnlyDictionary<string, object?>? variables = null;
        if (q["variables"].ToString() is { Length: > 0 } json)
        {
            try
            {
                using var document = JsonDocument.Parse(json);
                if (document.RootElement.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
                    return WriteErrorAsync(http, StatusCodes.Status400BadRequest, "\"variables\" must be a JSON object.");
                variables = Values.FromJson(document.RootElement) as IReadOnlyDictionary<string, object?>;
            }
            catch (JsonException)
            {
                return WriteErrorAsync(http, StatusCodes.Status400BadRequest, "\"variables\" is not valid JSON.");
            }
        }
        return ExecuteAsync(http, new HttpGraphQLRequest(query, NullIfEmpty(q["operationName"].ToString()), variables), QueriesOnly);
    }

    private static async Task PostAsync(HttpContext http, IOptions<GraphQLOptions> options)
    {
        if (!IsJson(http.Request.ContentType))
        {
            await WriteErrorAsync(http, StatusCodes.Status415UnsupportedMediaType, "Send the request as application/json.");
            return;
        }
        var limit = options.Value.MaxRequestBytes;
        if (http.Request.ContentLength > limit || await http.Request.Body.ReadAtMostAsync(limit, http.RequestAborted) is not { } bytes)
        {
            await WriteErrorAsync(http, StatusCodes.Status413PayloadTooLarge, $"The request body is larger than the limit maxRequestBytes of {limit}.");
            return;
        }
        JsonElement body;
        try
        {
            StrictUtf8.GetCharCount(bytes); // JSON parsing checks UTF-8 only in the strings it reads
            using var document = JsonDocument.Parse(bytes);
            body = document.RootElement.Clone();
        }
        catch (Exception ex) when (ex is JsonException or DecoderFallbackException or ArgumentException)
        {
            await WriteErrorAsync(http, StatusCodes.Status400BadRequest, "The request body is not valid JSON (UTF-8).");
            return;
        }
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("query", out var queryElement) || queryElement.ValueKind != JsonValueKind.String)
        {
            await WriteErrorAsync(http, StatusCodes.Status400BadRequest, "The body must be a JSON object with a string \"query\".");
            return;
        }
        var operationName = body.TryGetProperty("operationName", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null;
        IReadOnlyDictionary<string, object?>? variables = null;
        if (body.TryGetProperty("variables", out var vars) && vars.ValueKind != JsonValueKind.Null)
        {
            if (vars.ValueKind != JsonValueKind.Object)
            {
                await WriteErrorAsync(http, StatusCodes.Status400BadRequest, "\"variables\" must be a JSON object.");
                return;
            }
            variables = (IReadOnlyDictionary<string, object?>)Values.FromJson(vars)!;
        }
        await ExecuteAsync(http, new HttpGraphQLRequest(queryElement.GetString()!, NullIfEmpty(operationName), variables), allowed: null);
    }

    private static async Task ExecuteAsync(HttpContext http, HttpGraphQLRequest request, IReadOnlySet<OperationType>? allowed)
    {
        var services = http.RequestServices;
        var options = services.GetRequiredService<IOptions<GraphQLOptions>>().Value;
        var schemas = await services.GetRequiredService<ContentSchemaCache>().GetAsync(services.GetRequiredService<ContentDefinitionStore>());
        var decision = await services.GetRequiredService<GraphQLAccessResolver>().ResolveAsync(http, schemas.ContentTypes);
        var log = new RequestLog(services.GetRequiredService<ApiClientService>(), decision.Client) { OperationName = request.OperationName };
        if (decision.Access is not { } access)
        {
            if (decision.Status == StatusCodes.Status401Unauthorized) http.Response.Headers.WWWAuthenticate = "Bearer";
            if (decision.Status == StatusCodes.Status429TooManyRequests) http.Response.Headers.RetryAfter = "60";
            await log.WriteAsync(decision.Status, decision.Message);
            await WriteErrorAsync(http, decision.Status, decision.Message!);
            return;
        }
        var engineOptions = new ExecutionOptions
        {
            MaxQueryLength = options.MaxQueryLength,
            MaxDepth = options.MaxDepth,
            MaxComplexity = options.MaxComplexity,
            AssumedListSize = options.AssumedListSize,
            Timeout = TimeSpan.FromMilliseconds(options.TimeoutMilliseconds),
            ExposeExceptionMessages = false,
        };
        var execution = new ExecutionRequest
        {
            Query = request.Query,
            OperationName = request.OperationName,
            Variables = request.Variables,
            AllowedOperations = allowed,
            UserContext = new ContentRequest(services.GetRequiredService<ContentManager>(), services.GetRequiredService<ISearchService>(), access, options, services),
        };
        var schema = schemas.For(access);
        var failure = GraphQLEngine.Prepare(schema.Schema, execution, engineOptions, out var prepared);
        if (prepared is null && schema != schemas.Full)
        {
            // A mutation the caller's schema leaves out: prepared against the full schema, the refusal below names the scope.
            GraphQLEngine.Prepare(schemas.Full.Schema, execution, engineOptions, out var asFull);
            if (asFull is not null) (schema, prepared) = (schemas.Full, asFull);
        }
        if (prepared is null)
        {
            if (failure.Failure == RequestFailure.OperationNotAllowed) http.Response.Headers.Allow = "POST";
            var status = failure.Failure == RequestFailure.OperationNotAllowed ? StatusCodes.Status405MethodNotAllowed
                : WantsGraphQLResponse(http) ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
            await log.WriteAsync(status, failure.Errors.FirstOrDefault()?.Message);
            await WriteAsync(http, status, failure);
            return;
        }
        log.OperationName = prepared.Operation.Name?.Value;
        var refusal = prepared.RootFields(schema.Schema)
            .Select(f => schema.Refusal(access, f.Name, f.Arguments))
            .FirstOrDefault(r => r is not null);
        if (refusal is { } message)
        {
            var anonymous = access.IsAnonymous;
            var status = anonymous ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden;
            if (anonymous) http.Response.Headers.WWWAuthenticate = "Bearer";
            await log.WriteAsync(status, message);
            await WriteErrorAsync(http, status, message);
            return;
        }
        var result = await GraphQLEngine.ExecutePreparedAsync(schema.Schema, execution, prepared, engineOptions, http.RequestAborted);
        await log.WriteAsync(StatusCodes.Status200OK, result.Errors.FirstOrDefault()?.Message);
        await WriteAsync(http, StatusCodes.Status200OK, result);
    }

    /// <summary>Writes one row of an API client's request log (requests without a client are not logged).</summary>
    private sealed class RequestLog(ApiClientService clients, ApiClientRecord? client)
    {
        private readonly System.Diagnostics.Stopwatch watch = System.Diagnostics.Stopwatch.StartNew();

        public string? OperationName { get; set; }

        public Task WriteAsync(int status, string? error) =>
            client is null ? Task.CompletedTask : clients.LogAsync(client.Id, status, watch.Elapsed, OperationName, error);
    }

    private static bool WantsGraphQLResponse(HttpContext http) =>
        http.Request.Headers.Accept.ToString().Contains(GraphQLResponse, StringComparison.OrdinalIgnoreCase);

    private static bool IsJson(string? contentType) =>
        contentType is not null && contentType.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static Task WriteErrorAsync(HttpContext http, int status, string message) =>
        WriteAsync(http, status, ExecutionResult.RequestError(RequestFailure.Syntax,
            [new GraphQLError(message, extensions: new Dictionary<string, object?> { ["code"] = CodeOf(status) })]));

    // A refusal before execution says what kind it is in extensions.code too, as field errors do, for clients that branch on it.
    private static string CodeOf(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "UNAUTHENTICATED",
        StatusCodes.Status403Forbidden => "FORBIDDEN",
        StatusCodes.Status413PayloadTooLarge => "PAYLOAD_TOO_LARGE",
        StatusCodes.Status415UnsupportedMediaType => "UNSUPPORTED_MEDIA_TYPE",
        StatusCodes.Status429TooManyRequests => "RATE_LIMITED",
        _ => "BAD_REQUEST",
    };

    private static async Task WriteAsync(HttpContext http, int status, ExecutionResult result)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = (WantsGraphQLResponse(http) ? GraphQLResponse : "application/json") + "; charset=utf-8";
        await using var writer = new Utf8JsonWriter(http.Response.Body, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        result.WriteTo(writer);
        await writer.FlushAsync(http.RequestAborted);
    }
}
