using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Core.Security;
using Portal.Search.Models;
using Portal.Search.Services;

namespace Portal.Search.Controllers;

[Area("Portal.Search")]
[Authorize(Policy = PermissionPolicy.Prefix + "AccessAdmin")]
[Authorize(Policy = PermissionPolicy.Prefix + "ManageSearch")]
[Route("admin/search")]
public sealed class SearchAdminController(SearchStore store, SearchRebuildRunner runner, TimeProvider clock,
    IStringLocalizer<SearchAdminController> T) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index()
    {
        var state = await store.StateAsync();
        var documents = await store.ScalarAsync<long>("""SELECT COUNT(*) FROM "SearchDocuments" WHERE "Generation" = @p0""", [state.ActiveGeneration]);
        return View(new SearchAdminModel(state, (int)documents, RebuildProgress.Of(state, clock.GetUtcNow().UtcDateTime)));
    }

    [HttpPost("rebuild")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Rebuild()
    {
        TempData["Notice"] = (await runner.StartAsync()
            ? T["The rebuild has started. Search keeps working from the current index until the new one is ready."]
            : T["A rebuild is already running."]).Value;
        return Redirect("/admin/search");
    }
}

public sealed record SearchAdminModel(SearchStateRecord State, int Documents, RebuildProgress? Progress);
