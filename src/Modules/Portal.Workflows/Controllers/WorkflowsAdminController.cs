using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Security;
using Portal.Workflows.Models;
using Portal.Workflows.Services;

namespace Portal.Workflows.Controllers;

public sealed record WorkQueueModel(IReadOnlyList<PendingTask> Tasks, IReadOnlyDictionary<string, string> TypeNames, IReadOnlyDictionary<string, string> ItemTitles, int Total, int Page, int PageCount, string? Message);

public sealed record WorkflowListModel(IReadOnlyList<WorkflowTypeRecord> Types, IReadOnlyList<WorkflowInstanceRecord> Instances, IReadOnlyDictionary<string, string> TypeNames,
    WorkflowStatus? Status, int Total, int Page, int PageCount, string? Message);

public sealed record InstanceViewModel(WorkflowInstanceRecord Instance, WorkflowState State, WorkflowType? Type);

/// <summary>The admin pages: the staff work queue, notices, and (for ManageWorkflows) types and instances with retry and cancel.</summary>
[Area("Portal.Workflows")]
[Authorize(Policy = PermissionPolicy.Prefix + "AccessAdmin")]
[Route("admin/workflows")]
public sealed class WorkflowsAdminController(UserTaskService tasks, NotificationStore notices, WorkflowManager manager, WorkflowTypeStore types, PortalDbContext db) : Controller
{
    private const int PageSize = 50;

    [HttpGet("tasks")]
    public async Task<IActionResult> Tasks(int page = 1, string? message = null)
    {
        var total = await tasks.PendingCountAsync(User);
        var pageCount = PageCount(total);
        page = Math.Clamp(page, 1, pageCount);
        var pending = await tasks.PendingAsync(User, null, (page - 1) * PageSize, PageSize);
        var itemIds = pending.Select(t => t.ContentItemId).OfType<string>().Distinct().ToList();
        var titles = await db.Set<Portal.Core.Content.ContentItemRecord>().AsNoTracking()
            .Where(r => itemIds.Contains(r.ContentItemId) && r.Latest)
            .Select(r => new { r.ContentItemId, r.DisplayText }).ToDictionaryAsync(r => r.ContentItemId, r => r.DisplayText);
        return View(new WorkQueueModel(pending, await TypeNamesAsync(), titles, total, page, pageCount, message));
    }

    /// <summary>A decision from the work queue or an item's page; back to where it was made, with what happened.</summary>
    [HttpPost("tasks/{instanceId}/{activityId}")]
    public async Task<IActionResult> Decide(string instanceId, string activityId, string? decision, string? comment, string? returnUrl)
    {
        var result = await tasks.DecideAsync(User, instanceId, activityId, decision, comment);
        var back = Url.IsLocalUrl(returnUrl) ? returnUrl! : "/admin/workflows/tasks";
        var message = result.Succeeded ? $"✓ {decision}" : result.Message;
        if (result.Error == TaskDecisionError.Forbidden) return Forbid();
        return LocalRedirect(back + (back.Contains('?') ? "&" : "?") + "message=" + Uri.EscapeDataString(message ?? ""));
    }

    [HttpGet("notifications")]
    public async Task<IActionResult> Notifications() => View(await notices.ForAsync(User));

    [HttpGet("")]
    [Authorize(Policy = PermissionPolicy.Prefix + nameof(WorkflowsModule.ManageWorkflows))]
    public async Task<IActionResult> Index(WorkflowStatus? status, int page = 1, string? message = null)
    {
        // Newest first by index (IX_WorkflowInstances_Modified, or _Status with a status), so a deep page of many stays quick.
        var query = db.Set<WorkflowInstanceRecord>().AsNoTracking();
        if (status is not null) query = query.Where(i => i.Status == status);
        var total = await query.CountAsync();
        var pageCount = PageCount(total);
        page = Math.Clamp(page, 1, pageCount);
        var instances = await query.OrderByDescending(i => i.ModifiedUtc).ThenByDescending(i => i.Id)
            .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync();
        return View(new WorkflowListModel(await types.ListAsync(), instances, await TypeNamesAsync(), status, total, page, pageCount, message));
    }

    private static int PageCount(int total) => Math.Max(1, (total + PageSize - 1) / PageSize);

    /// <summary>The visual designer (wwwroot/designer.js) for a new type or an existing one; it talks to the JSON API.</summary>
    [HttpGet("designer/{id?}")]
    [Authorize(Policy = PermissionPolicy.Prefix + nameof(WorkflowsModule.ManageWorkflows))]
    public async Task<IActionResult> Designer(string? id)
    {
        if (id is not null && await types.GetAsync(id) is null) return NotFound();
        return View((object?)id);
    }

    [HttpGet("instances/{id}")]
    [Authorize(Policy = PermissionPolicy.Prefix + nameof(WorkflowsModule.ManageWorkflows))]
    public async Task<IActionResult> Instance(string id)
    {
        var instance = await db.Set<WorkflowInstanceRecord>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == id);
        if (instance is null) return NotFound();
        return View(new InstanceViewModel(instance, WorkflowState.FromJson(instance.State), await types.GetAsync(instance.WorkflowTypeId)));
    }

    [HttpPost("instances/{id}/retry")]
    [Authorize(Policy = PermissionPolicy.Prefix + nameof(WorkflowsModule.ManageWorkflows))]
    public async Task<IActionResult> Retry(string id) => Back(await manager.RetryAsync(id), "Retried.");

    [HttpPost("instances/{id}/cancel")]
    [Authorize(Policy = PermissionPolicy.Prefix + nameof(WorkflowsModule.ManageWorkflows))]
    public async Task<IActionResult> Cancel(string id) => Back(await manager.CancelAsync(id), "Cancelled.");

    private LocalRedirectResult Back(InstanceResult result, string done) =>
        LocalRedirect("/admin/workflows?message=" + Uri.EscapeDataString(result.Succeeded ? done : result.Error ?? ""));

    private async Task<IReadOnlyDictionary<string, string>> TypeNamesAsync() =>
        (await types.ListAsync()).ToDictionary(t => t.Id, t => t.Name);
}

/// <summary>The decisions waiting on an item, with their buttons, on the item's admin page.</summary>
public sealed class UserTasksPanelViewComponent(UserTaskService tasks) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string contentItemId) =>
        View(await tasks.PendingAsync(HttpContext.User, contentItemId));
}
