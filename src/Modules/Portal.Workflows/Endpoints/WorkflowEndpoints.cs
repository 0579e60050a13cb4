using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Security;
using Portal.Workflows.Activities;
using Portal.Workflows.Engine;
using Portal.Workflows.Models;
using Portal.Workflows.Services;

namespace Portal.Workflows.Endpoints;

/// <summary>
/// The workflow API. Signed in: pending user tasks and decisions, notices. With ManageWorkflows: types (list,
/// read, validate, save, delete), the activity palette, instances (list, detail, retry, cancel). Anonymous but
/// signed: signal links and HttpRequestEvent starts. Every POST with a cookie takes a JSON body, which a
/// cross-site form cannot send.
/// </summary>
public static class WorkflowEndpoints
{
    public static void MapWorkflowEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/workflows").RequireAuthorization();
        api.MapGet("/tasks", PendingTasksAsync);
        api.MapPost("/tasks/{instanceId}/{activityId}", DecideAsync);
        api.MapGet("/notifications", NotificationsAsync);
        api.MapPost("/notifications/{id:long}/read", MarkReadAsync);

        var manage = api.MapGroup("").RequireAuthorization(PermissionPolicy.For(WorkflowsModule.ManageWorkflows));
        manage.MapGet("/activities", Palette);
        manage.MapGet("/types", TypesAsync);
        manage.MapGet("/types/{id}", TypeAsync);
        manage.MapPost("/types/validate", Validate);
        manage.MapPost("/types", SaveTypeAsync);
        manage.MapDelete("/types/{id}", DeleteTypeAsync);
        manage.MapGet("/types/{id}/activities/{activityId}/url", InvokeUrlAsync);
        manage.MapGet("/instances", InstancesAsync);
        manage.MapGet("/instances/{id}", InstanceAsync);
        manage.MapPost("/instances/{id}/retry", RetryAsync);
        manage.MapPost("/instances/{id}/cancel", CancelAsync);

        // Outside MVC, so the admin's AccessAdmin convention does not reach it: named here.
        endpoints.MapGet("/admin/workflows/assets/{file}", Asset)
            .RequireAuthorization(PermissionPolicy.For(PortalPermissions.AccessAdmin), PermissionPolicy.For(WorkflowsModule.ManageWorkflows));
        endpoints.MapGet("/workflows/signal", SignalPage).AllowAnonymous();
        endpoints.MapPost("/workflows/signal", SignalAsync).AllowAnonymous().DisableAntiforgery();
        endpoints.MapPost("/workflows/invoke", InvokeAsync).AllowAnonymous().DisableAntiforgery();
    }

    public sealed record DecisionRequest(string? Action, string? Comment);
    public sealed record InstanceSummary(string Id, string WorkflowTypeId, string? CorrelationId, WorkflowStatus Status, string? FaultMessage, DateTime CreatedUtc, DateTime ModifiedUtc);
    public sealed record InstanceDetail(InstanceSummary Instance, WorkflowState State, IReadOnlyList<string> Blocking);
    public sealed record PaletteEntry(string Name, string DisplayText, string Category, string Description, string Kind, IReadOnlyList<ActivityProperty> Properties, IReadOnlyList<string> Outcomes);
    public sealed record SaveResponse(string WorkflowTypeId, IReadOnlyList<string> Warnings);

    private static async Task<Ok<IReadOnlyList<PendingTask>>> PendingTasksAsync(ClaimsPrincipal user, UserTaskService tasks, string? contentItemId, int skip = 0, int take = 50) =>
        TypedResults.Ok(await tasks.PendingAsync(user, contentItemId, skip, take));

    private static async Task<Results<Ok<TaskDecisionResult>, ProblemHttpResult>> DecideAsync(
        string instanceId, string activityId, DecisionRequest body, ClaimsPrincipal user, UserTaskService tasks)
    {
        var result = await tasks.DecideAsync(user, instanceId, activityId, body.Action, body.Comment);
        return result.Error switch
        {
            TaskDecisionError.None => TypedResults.Ok(result),
            TaskDecisionError.NotFound => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status404NotFound),
            TaskDecisionError.Forbidden => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status403Forbidden),
            TaskDecisionError.Invalid => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status400BadRequest),
            _ => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status409Conflict),
        };
    }

    private static async Task<Ok<IReadOnlyList<NotificationRecord>>> NotificationsAsync(ClaimsPrincipal user, NotificationStore notices) =>
        TypedResults.Ok(await notices.ForAsync(user));

    private static async Task<Results<NoContent, NotFound>> MarkReadAsync(long id, ClaimsPrincipal user, NotificationStore notices) =>
        await notices.MarkReadAsync(user, id) ? TypedResults.NoContent() : TypedResults.NotFound();

    /// <summary>The activities in the reader's language: their texts are English, the keys of their translations.</summary>
    private static Ok<PaletteEntry[]> Palette(ActivityLibrary library, IStringLocalizer<ActivityLibrary> T)
    {
        string Say(string english) => english.Length == 0 ? english : T[english];
        return TypedResults.Ok(library.All
            .Select(a => new PaletteEntry(a.Name, Say(a.DisplayText), Say(a.Category), Say(a.Description), a.Kind.ToString(),
                a.Properties.Select(p => p with { Label = Say(p.Label), Hint = Say(p.Hint) }).ToList(), a.Outcomes(new ActivityRecord { Name = a.Name })))
            .OrderBy(e => e.Category, StringComparer.CurrentCulture).ThenBy(e => e.DisplayText, StringComparer.CurrentCulture)
            .ToArray());
    }

    private static async Task<Ok<IReadOnlyList<WorkflowTypeRecord>>> TypesAsync(WorkflowTypeStore types) =>
        TypedResults.Ok(await types.ListAsync());

    private static async Task<Results<Ok<JsonObject>, NotFound>> TypeAsync(string id, WorkflowTypeStore types) =>
        await types.GetAsync(id) is { } type ? TypedResults.Ok(type.ToJson()) : TypedResults.NotFound();

    private static Results<Ok<List<string>>, ProblemHttpResult> Validate(JsonNode body, WorkflowTypeValidator validator)
    {
        var (type, error) = WorkflowTypeStore.Parse(body);
        return type is null ? BadRequest(error!) : TypedResults.Ok(validator.Problems(type));
    }

    private static async Task<Results<Ok<SaveResponse>, ProblemHttpResult>> SaveTypeAsync(JsonNode body, WorkflowTypeStore types, WorkflowTypeValidator validator)
    {
        var (type, error) = WorkflowTypeStore.Parse(body);
        if (type is null) return BadRequest(error!);
        var result = await types.SaveAsync(type);
        if (!result.Succeeded) return BadRequest(string.Join(" ", result.Errors));
        return TypedResults.Ok(new SaveResponse(type.WorkflowTypeId, validator.Problems(type)));
    }

    private static async Task<Results<NoContent, NotFound>> DeleteTypeAsync(string id, WorkflowTypeStore types) =>
        await types.DeleteAsync(id) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<Ok<string>, NotFound>> InvokeUrlAsync(string id, string activityId, WorkflowTypeStore types, WorkflowSignals signals) =>
        await types.GetAsync(id) is { } type && type.Activity(activityId) is { Name: "HttpRequestEvent" }
            ? TypedResults.Ok(signals.InvokeUrl(id, activityId))
            : TypedResults.NotFound();

    private static async Task<Ok<InstanceSummary[]>> InstancesAsync(PortalDbContext db, string? typeId, WorkflowStatus? status, string? correlationId, int skip = 0, int take = 50)
    {
        var query = db.Set<WorkflowInstanceRecord>().AsNoTracking()
            .Where(i => (typeId == null || i.WorkflowTypeId == typeId) && (status == null || i.Status == status) && (correlationId == null || i.CorrelationId == correlationId));
        return TypedResults.Ok(await query.OrderByDescending(i => i.ModifiedUtc).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200))
            .Select(i => new InstanceSummary(i.Id, i.WorkflowTypeId, i.CorrelationId, i.Status, i.FaultMessage, i.CreatedUtc, i.ModifiedUtc)).ToArrayAsync());
    }

    private static async Task<Results<Ok<InstanceDetail>, NotFound>> InstanceAsync(string id, PortalDbContext db)
    {
        var i = await db.Set<WorkflowInstanceRecord>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id);
        if (i is null) return TypedResults.NotFound();
        var state = WorkflowState.FromJson(i.State);
        return TypedResults.Ok(new InstanceDetail(new InstanceSummary(i.Id, i.WorkflowTypeId, i.CorrelationId, i.Status, i.FaultMessage, i.CreatedUtc, i.ModifiedUtc), state, state.Blocking));
    }

    private static async Task<Results<Ok<InstanceResult>, ProblemHttpResult>> RetryAsync(string id, WorkflowManager manager) =>
        Respond(await manager.RetryAsync(id));

    private static async Task<Results<Ok<InstanceResult>, ProblemHttpResult>> CancelAsync(string id, WorkflowManager manager) =>
        Respond(await manager.CancelAsync(id));

    /// <summary>A GET only shows a button: link previews and mail scanners must not fire the signal.</summary>
    private static IResult SignalPage(string? token, WorkflowSignals signals) =>
        signals.ReadSignal(token) is { } signal
            ? Results.Content($"""
                <!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width">
                <title>确认 / Confirm</title><body style="font-family:sans-serif;max-width:32rem;margin:3rem auto">
                <form method="post" action="/workflows/signal?token={Uri.EscapeDataString(token!)}">
                <p>{System.Net.WebUtility.HtmlEncode(signal.Signal)}</p><button type="submit">确认 / Confirm</button></form></body></html>
                """, "text/html; charset=utf-8")
            : Results.Problem("The link is not valid.", statusCode: StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<InstanceResult>, ProblemHttpResult>> SignalAsync(string? token, WorkflowSignals signals, PortalDbContext db, WorkflowManager manager)
    {
        if (signals.ReadSignal(token) is not { } signal) return TypedResults.Problem("The link is not valid.", statusCode: StatusCodes.Status404NotFound);
        var waiting = await db.Set<WorkflowBlockingRecord>().AsNoTracking()
            .Where(b => b.InstanceId == signal.InstanceId && b.ActivityName == SignalEvent.EventName).Select(b => b.ActivityId).ToListAsync();
        foreach (var activityId in waiting)
        {
            var result = await manager.ResumeAsync(signal.InstanceId, activityId, new JsonObject { ["Signal"] = signal.Signal }, SignalEvent.EventName);
            if (result.Succeeded) return TypedResults.Ok(result);
        }
        return TypedResults.Problem("Nothing waits for this signal any more (it may have been used already).", statusCode: StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Ok<string>, ProblemHttpResult>> InvokeAsync(string? token, HttpRequest request, WorkflowSignals signals, WorkflowTypeStore types, WorkflowManager manager)
    {
        if (signals.ReadInvoke(token) is not { } link) return TypedResults.Problem("The link is not valid.", statusCode: StatusCodes.Status404NotFound);
        var type = await types.GetAsync(link.WorkflowTypeId);
        if (type is not { IsEnabled: true }) return TypedResults.Problem("The workflow is not enabled.", statusCode: StatusCodes.Status404NotFound);
        JsonNode? body = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            if (request.ContentLength > 1_000_000) return BadRequest("The body is larger than 1 MB.");
            try
            {
                body = await JsonNode.ParseAsync(request.Body);
            }
            catch (System.Text.Json.JsonException e)
            {
                return BadRequest($"The body is not JSON: {e.Message}");
            }
        }
        var input = new JsonObject { ["Body"] = body, ["Query"] = new JsonObject(request.Query.Where(q => q.Key != "token").Select(q => KeyValuePair.Create(q.Key, (JsonNode?)q.Value.ToString()))) };
        var id = await manager.StartAsync(type, link.ActivityId, input, request.Query["correlationId"].FirstOrDefault());
        return id is null ? TypedResults.Problem("The workflow did not start (a singleton already runs).", statusCode: StatusCodes.Status409Conflict) : TypedResults.Ok(id);
    }

    /// <summary>The designer's files, embedded in the assembly (Assets/); the URL carries the build's id, so they can be cached.</summary>
    private static IResult Asset(string file, HttpContext http)
    {
        var stream = typeof(WorkflowEndpoints).Assembly.GetManifestResourceStream("Portal.Workflows.Assets." + file);
        if (stream is null) return Results.NotFound();
        http.Response.Headers.CacheControl = "private, max-age=86400";
        return Results.Stream(stream, file.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8");
    }

    public static string AssetUrl(string file) => $"/admin/workflows/assets/{file}?v={typeof(WorkflowEndpoints).Assembly.ManifestModule.ModuleVersionId:N}";

    private static Results<Ok<InstanceResult>, ProblemHttpResult> Respond(InstanceResult result) =>
        result.Succeeded ? TypedResults.Ok(result) : TypedResults.Problem(result.Error, statusCode: StatusCodes.Status409Conflict);

    private static ProblemHttpResult BadRequest(string message) => TypedResults.Problem(message, statusCode: StatusCodes.Status400BadRequest);
}
