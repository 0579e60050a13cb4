using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portal.Core.Security;

namespace Portal.GraphQL.Controllers;

/// <summary>
/// The GraphQL explorer: a page whose script posts to <c>/api/graphql</c> with the administrator's own cookie, so queries
/// take the same path as every other caller's (staff with <c>EditContent</c> read every type and drafts there).
/// </summary>
[Area("Portal.GraphQL")]
[Authorize(Policy = PermissionPolicy.Prefix + "AccessAdmin")]
[Authorize(Policy = PermissionPolicy.Prefix + "ManageApiClients")]
[Route("admin/graphql")]
public sealed class ExplorerController : Controller
{
    [HttpGet("")]
    public IActionResult Index() => View();
}
