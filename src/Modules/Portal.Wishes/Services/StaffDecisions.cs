using System.Security.Claims;

namespace Portal.Wishes.Services;

/// <summary>
/// A decision a process waits for (a workflow's user task), as the work queue shows it: on an item (for a wish, its
/// id; <see cref="ClaimId"/> when it is about one claim), with the actions to choose from and who may choose.
/// </summary>
public sealed record StaffDecision(
    string InstanceId, string ActivityId, string? ItemId, long? ClaimId, string Title,
    IReadOnlyList<string> Actions, IReadOnlyList<string> CommentRequiredFor, IReadOnlyList<string> Roles, bool MayDecide, DateTime WaitingSinceUtc);

/// <summary>How a decision went; on failure <see cref="Message"/> says why in the reader's language, and nothing changed.</summary>
public sealed record StaffDecisionResult(bool Succeeded, bool Forbidden, string? Message);

/// <summary>
/// The decisions processes wait for, where a module runs processes (the Workflows module). A wish with a decision
/// waiting is governed by its process: the work queue offers that decision, not the lifecycle's direct moves.
/// </summary>
public interface IStaffDecisions
{
    /// <summary>Every decision waiting on these items, whoever may make it (<see cref="StaffDecision.MayDecide"/> says whether <paramref name="user"/> may).</summary>
    Task<IReadOnlyList<StaffDecision>> WaitingOnAsync(ClaimsPrincipal user, IReadOnlyCollection<string> itemIds);

    /// <summary>The decisions <paramref name="user"/> may make on anything but wishes (a story, a campaign ...), oldest first.</summary>
    Task<IReadOnlyList<StaffDecision>> OthersAsync(ClaimsPrincipal user);

    Task<StaffDecisionResult> DecideAsync(ClaimsPrincipal user, string instanceId, string activityId, string? action, string? comment);
}
