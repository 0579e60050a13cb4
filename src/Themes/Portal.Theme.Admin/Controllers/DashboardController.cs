using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;
using Portal.Core.Security;

namespace Portal.Theme.Admin.Controllers;

public sealed record DashboardTypeCount(string Name, string DisplayName, int Published, int Drafts);

public sealed record DashboardModel(IReadOnlyList<DashboardTypeCount> Types, IReadOnlyList<ContentItemRecord> Recent);

[Area("Portal.Theme.Admin")]
[Authorize(Policy = PermissionPolicy.Prefix + "AccessAdmin")]
public sealed class DashboardController(ContentManager content, ContentDefinitionStore definitions) : Controller
{
    [HttpGet("/admin")]
    public async Task<IActionResult> Index()
    {
        var counts = await content.Records
            .Where(r => r.Latest || r.Published)
            .GroupBy(r => r.ContentType)
            .Select(g => new
            {
                Type = g.Key,
                Published = g.Count(r => r.Published),
                Drafts = g.Count(r => r.Latest && !r.Published),
            })
            .ToListAsync();
        var types = (await definitions.GetAsync()).ContentTypes;
        var rows = types
            .Select(t => new DashboardTypeCount(t.Name, t.DisplayName, counts.FirstOrDefault(c => c.Type == t.Name)?.Published ?? 0,
                counts.FirstOrDefault(c => c.Type == t.Name)?.Drafts ?? 0))
            .OrderBy(t => t.DisplayName, StringComparer.CurrentCulture)
            .ToList();
        var recent = await content.Records.Where(r => r.Latest).OrderByDescending(r => r.ModifiedUtc).ThenByDescending(r => r.Id).Take(10).ToListAsync();
        return View(new DashboardModel(rows, recent));
    }
}
