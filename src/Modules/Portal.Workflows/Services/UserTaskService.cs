using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Workflows.Activities;
using Portal.Workflows.Models;

namespace Portal.Workflows.Services;

/// <summary>A decision waiting for someone, as the item page and the staff work queue show it.</summary>
public sealed record PendingTask(
    string InstanceId, string ActivityId, string WorkflowTypeId, string? ContentItemId, string Title,
    IReadOnlyList<string> Actions, IReadOnlyList<string> Roles, IReadOnlyList<string> CommentRequiredFor, DateTime WaitingSinceUtc);

public enum TaskDecisionError { None, NotFound, Forbidden, Invalid, Conflict }

public sealed record TaskDecisionResult(TaskDecisionError Error, string? Message = null, WorkflowStatus? Status = null)
{
    public bool Succeeded => Error == TaskDecisionError.None;
}

/// <summary>
/// User tasks: who may see and decide them (members of the task's roles; administrators always), and the
/// decision itself, which resumes the instance on the chosen action. Two people deciding at once: the first wins,
/// the second is told it was already decided.
/// </summary>
public sealed class UserTaskService(PortalDbContext db, WorkflowManager manager, IStringLocalizer<UserTaskService> T)
{
    public const string AdministratorRole = "Administrator";

    /// <summary>The tasks <paramref name="user"/> may decide, oldest first; only on one item when <paramref name="contentItemId"/> is given.</summary>
    public async Task<IReadOnlyList<PendingTask>> PendingAsync(ClaimsPrincipal user, string? contentItemId = null, int skip = 0, int take = 50)
    {
        var rows = await (
            from r in Pending(user, contentItemId)
            orderby r.Instance.ModifiedUtc, r.Blocking.Id
            select new { r.Blocking, r.Instance.WorkflowTypeId, r.Instance.ModifiedUtc })
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200)).ToListAsync();
        return rows.Select(r => ToTask(r.Blocking, r.WorkflowTypeId, r.ModifiedUtc)).ToList();
    }

    /// <summary>How many tasks <paramref name="user"/> may decide, for the work queue's pages.</summary>
    public Task<int> PendingCountAsync(ClaimsPrincipal user, string? contentItemId = null) => Pending(user, contentItemId).CountAsync();

    /// <summary>The waiting user tasks whose roles <paramref name="user"/> has (every one for administrators), filtered in SQL.</summary>
    private IQueryable<PendingRow> Pending(ClaimsPrincipal user, string? contentItemId)
    {
        var tasks = db.Set<WorkflowBlockingRecord>().AsNoTracking().Where(b => b.ActivityName == UserTask.ActivityName);
        if (contentItemId is not null) tasks = tasks.Where(b => b.CorrelationId == contentItemId);
        if (!user.IsInRole(AdministratorRole))
        {
            var roles = user.Identities.SelectMany(i => i.FindAll(i.RoleClaimType)).Select(c => c.Value).Distinct().ToList();
            tasks = tasks.Where(TaskRoles.AnyOf(roles));
        }
        return from b in tasks
               join i in db.Set<WorkflowInstanceRecord>().AsNoTracking() on b.InstanceId equals i.Id
               where i.Status == WorkflowStatus.Halted
               select new PendingRow { Blocking = b, Instance = i };
    }

    private sealed class PendingRow
    {
        public required WorkflowBlockingRecord Blocking { get; init; }
        public required WorkflowInstanceRecord Instance { get; init; }
    }

    /// <summary>Every task whose blocking row matches <paramref name="filter"/>, whoever may decide it, oldest first.</summary>
    public async Task<IReadOnlyList<PendingTask>> WaitingAsync(System.Linq.Expressions.Expression<Func<WorkflowBlockingRecord, bool>> filter) =>
        (await LoadAsync(filter)).Select(r => ToTask(r.Blocking, r.WorkflowTypeId, r.ModifiedUtc)).ToList();

    public async Task<TaskDecisionResult> DecideAsync(ClaimsPrincipal user, string instanceId, string activityId, string? action, string? comment)
    {
        var row = (await LoadAsync(b => b.InstanceId == instanceId && b.ActivityId == activityId)).FirstOrDefault();
        if (row.Blocking is null) return new(TaskDecisionError.NotFound, T["This task is not waiting for a decision (it may have been decided already)."]);
        var task = ToTask(row.Blocking, row.WorkflowTypeId, row.ModifiedUtc);
        if (!MayDecide(user, task)) return new(TaskDecisionError.Forbidden, T["Only members of {0} may decide this task.", string.Join(", ", task.Roles.DefaultIfEmpty(AdministratorRole))]);
        if (action is null || !task.Actions.Contains(action))
            return new(TaskDecisionError.Invalid, T["Choose one of: {0}.", string.Join(", ", task.Actions)]);
        comment = comment?.Trim();
        if (comment?.Length > 2000) return new(TaskDecisionError.Invalid, T["The comment is longer than 2000 characters."]);
        if (task.CommentRequiredFor.Contains(action) && string.IsNullOrEmpty(comment))
            return new(TaskDecisionError.Invalid, T["Say why when you choose {0}.", action]);

        var input = new JsonObject
        {
            ["Action"] = action,
            ["Comment"] = comment,
            ["UserId"] = user.FindFirstValue(ClaimTypes.NameIdentifier),
            ["UserName"] = user.Identity?.Name,
            ["ContentItemId"] = task.ContentItemId,
        };
        var result = await manager.ResumeAsync(instanceId, activityId, input, UserTask.ActivityName);
        return result.Succeeded
            ? new(TaskDecisionError.None, null, result.Status)
            : new(TaskDecisionError.Conflict, T["Someone else decided this task at the same moment."], result.Status);
    }

    public static bool MayDecide(ClaimsPrincipal user, PendingTask task) =>
        user.IsInRole(AdministratorRole) || task.Roles.Any(user.IsInRole);


    private async Task<List<(WorkflowBlockingRecord Blocking, string WorkflowTypeId, DateTime ModifiedUtc)>> LoadAsync(
        System.Linq.Expressions.Expression<Func<WorkflowBlockingRecord, bool>> filter)
    {
        var rows = await (
            from b in db.Set<WorkflowBlockingRecord>().AsNoTracking().Where(filter)
            join i in db.Set<WorkflowInstanceRecord>().AsNoTracking() on b.InstanceId equals i.Id
            where b.ActivityName == UserTask.ActivityName && i.Status == WorkflowStatus.Halted
            select new { b, i.WorkflowTypeId, i.ModifiedUtc }).ToListAsync();
        return rows.Select(r => (r.b, r.WorkflowTypeId, r.ModifiedUtc)).ToList();
    }

    private static PendingTask ToTask(WorkflowBlockingRecord blocking, string workflowTypeId, DateTime since)
    {
        var data = blocking.Data is { } json ? JsonNode.Parse(json) as JsonObject ?? new JsonObject() : new JsonObject();
        static IReadOnlyList<string> List(JsonNode? node) => node is JsonArray a ? a.Select(n => n?.ToString() ?? "").Where(s => s.Length > 0).ToList() : [];
        return new PendingTask(blocking.InstanceId, blocking.ActivityId, workflowTypeId, blocking.CorrelationId,
            data["Title"]?.ToString() ?? "", List(data["Actions"]), List(data["Roles"]), List(data["CommentRequiredFor"]), since);
    }
}

/// <summary>
/// A user task's roles as the blocking row's <c>Roles</c> column, <c>|Reviewer|CommunityStaff|</c>: one role matches
/// with one substring test in SQL, on SQLite and PostgreSQL alike. Empty means administrators only.
/// </summary>
public static class TaskRoles
{
    public static string Token(string role) => "|" + role.Replace("|", "") + "|";

    /// <summary>
    /// <c>b.Roles</c> contains any of <paramref name="roles"/>' tokens, as one OR of substring tests with a parameter
    /// each (this EF configuration sends no list parameters); false for someone with no role.
    /// </summary>
    public static Expression<Func<WorkflowBlockingRecord, bool>> AnyOf(IReadOnlyList<string> roles)
    {
        var row = Expression.Parameter(typeof(WorkflowBlockingRecord), "b");
        var column = Expression.Property(row, nameof(WorkflowBlockingRecord.Roles));
        var contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
        Expression any = Expression.Constant(false);
        foreach (var role in roles)
        {
            // A captured value, not a constant: EF sends it as a parameter.
            var token = new StrongBox<string>(Token(role));
            var test = Expression.Call(column, contains, Expression.Field(Expression.Constant(token), nameof(StrongBox<string>.Value)));
            any = Expression.OrElse(any, test);
        }
        return Expression.Lambda<Func<WorkflowBlockingRecord, bool>>(
            Expression.AndAlso(Expression.NotEqual(column, Expression.Constant(null, typeof(string))), any), row);
    }

    /// <summary>The column's value for a blocking row: the roles of a user task's data, null for other activities.</summary>
    public static string? Column(string activityName, JsonObject? blockingData)
    {
        if (activityName != UserTask.ActivityName || blockingData?["Roles"] is not JsonArray roles) return null;
        var names = roles.Select(r => r?.ToString().Replace("|", "") ?? "").Where(r => r.Length > 0).ToList();
        return names.Count == 0 ? null : "|" + string.Join("|", names) + "|";
    }
}
