using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Wishes.Models;
using Portal.Wishes.Services;
using Portal.Workflows.Models;

namespace Portal.Workflows.Services;

/// <summary>The user tasks as the staff work queue (Portal.Wishes) shows and decides them.</summary>
internal sealed class WorkQueueDecisions(UserTaskService tasks, PortalDbContext db) : IStaffDecisions
{
    public async Task<IReadOnlyList<StaffDecision>> WaitingOnAsync(ClaimsPrincipal user, IReadOnlyCollection<string> itemIds)
    {
        if (itemIds.Count == 0) return [];
        var ids = itemIds.Distinct().ToList();
        return await DecisionsAsync(user, await tasks.WaitingAsync(b => ids.Contains(b.CorrelationId!)));
    }

    public async Task<IReadOnlyList<StaffDecision>> OthersAsync(ClaimsPrincipal user)
    {
        var wishes = db.Set<WishIndexRecord>();
        var waiting = await tasks.WaitingAsync(b => b.CorrelationId == null || !wishes.Any(w => w.WishId == b.CorrelationId));
        return await DecisionsAsync(user, waiting.Where(t => UserTaskService.MayDecide(user, t)).ToList());
    }

    public async Task<StaffDecisionResult> DecideAsync(ClaimsPrincipal user, string instanceId, string activityId, string? action, string? comment)
    {
        var result = await tasks.DecideAsync(user, instanceId, activityId, action, comment);
        return new(result.Succeeded, result.Error == TaskDecisionError.Forbidden, result.Message);
    }

    /// <summary>The tasks with the claim each is about: the claim its workflow keeps (property or starting event's <c>ClaimId</c>).</summary>
    private async Task<IReadOnlyList<StaffDecision>> DecisionsAsync(ClaimsPrincipal user, IReadOnlyList<PendingTask> waiting)
    {
        var instanceIds = waiting.Select(t => t.InstanceId).Distinct().ToList();
        var states = await db.Set<WorkflowInstanceRecord>().AsNoTracking()
            .Where(i => instanceIds.Contains(i.Id)).Select(i => new { i.Id, i.State }).ToDictionaryAsync(i => i.Id, i => i.State);
        return waiting.Select(t => new StaffDecision(
                t.InstanceId, t.ActivityId, t.ContentItemId, ClaimIdOf(states.GetValueOrDefault(t.InstanceId)), t.Title,
                t.Actions, t.CommentRequiredFor, t.Roles, UserTaskService.MayDecide(user, t), t.WaitingSinceUtc))
            .ToList();
    }

    private static long? ClaimIdOf(string? stateJson)
    {
        if (stateJson is null) return null;
        var state = WorkflowState.FromJson(stateJson);
        return (state.Properties["ClaimId"] ?? state.Input["ClaimId"]) is JsonValue v && long.TryParse(v.ToString(), out var id) ? id : null;
    }
}
