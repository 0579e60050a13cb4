using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portal.Core.Security;
using Portal.Workflows.Outbox;

namespace Portal.Workflows.Controllers;

public sealed record OutboxListModel(IReadOnlyList<OutboxMessageRecord> Messages, int Total, IReadOnlyDictionary<OutboxStatus, int> Counts,
    OutboxStatus? Status, int Page, int PageSize, string? Message);

/// <summary>The outbox: what workflows sent or are still trying to send, with retry for what failed.</summary>
[Area("Portal.Workflows")]
[Authorize(Policy = PermissionPolicy.Prefix + nameof(WorkflowsModule.ManageWorkflows))]
[Route("admin/workflows/outbox")]
public sealed class OutboxAdminController(OutboxStore outbox) : Controller
{
    private const int PageSize = 50;

    [HttpGet("")]
    public async Task<IActionResult> Index(OutboxStatus? status, int page = 1, string? message = null)
    {
        page = Math.Max(1, page);
        var (messages, total, counts) = await outbox.ListAsync(status, (page - 1) * PageSize, PageSize);
        return View(new OutboxListModel(messages, total, counts, status, page, PageSize, message));
    }

    [HttpPost("{id}/retry")]
    public async Task<IActionResult> Retry(string id, OutboxStatus? status)
    {
        var retried = await outbox.RetryAsync(id);
        var notice = retried ? "The message is queued again and is sent in a moment." : "Only a failed or waiting message can be sent again.";
        return LocalRedirect($"/admin/workflows/outbox?status={status}&message={Uri.EscapeDataString(notice)}");
    }
}
