using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Core.Content.Definitions;
using Portal.Core.Security;
using Portal.GraphQL.ApiClients;

namespace Portal.GraphQL.Controllers;

public sealed record ApiClientFormModel(string Name, IReadOnlyList<string> Scopes, int RateLimit, IReadOnlyList<string> Types, IReadOnlyList<string> Errors);
public sealed record ApiClientCreatedModel(ApiClientRecord Client, string Secret);
public sealed record ApiClientLogModel(ApiClientRecord Client, IReadOnlyList<ApiRequestRecord> Requests);

/// <summary>Administrators create partners' API clients (the secret is shown once), see their request log and revoke them.</summary>
[Area("Portal.GraphQL")]
[Authorize(Policy = PermissionPolicy.Prefix + "AccessAdmin")]
[Authorize(Policy = PermissionPolicy.Prefix + "ManageApiClients")]
[Route("admin/api-clients")]
public sealed class ApiClientsController(ApiClientService clients, ContentDefinitionStore definitions, IStringLocalizer<ApiClientsController> T) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index() => View(await clients.ListAsync());

    [HttpGet("create")]
    public async Task<IActionResult> Create() => View(await FormAsync("", [], ApiClientService.DefaultRateLimit, []));

    [HttpPost("create")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Create(string? name, string[]? scopes, int? rateLimit)
    {
        var input = new ApiClientInput(name ?? "", scopes ?? [], rateLimit ?? 0);
        var (client, secret, errors) = await clients.CreateAsync(input);
        if (client is null) return View(await FormAsync(input.Name, input.Scopes, input.RateLimitPerMinute, errors));
        return View("Created", new ApiClientCreatedModel(client, secret!));
    }

    [HttpGet("{id:long}")]
    public async Task<IActionResult> Log(long id) =>
        await clients.FindAsync(id) is { } client ? View(new ApiClientLogModel(client, await clients.RecentRequestsAsync(id))) : NotFound();

    [HttpGet("{id:long}/revoke")]
    public async Task<IActionResult> Revoke(long id) => await clients.FindAsync(id) is { RevokedUtc: null } client ? View(client) : NotFound();

    [HttpPost("{id:long}/revoke")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> RevokeConfirmed(long id)
    {
        var client = await clients.FindAsync(id);
        if (client is null || !await clients.RevokeAsync(id)) return NotFound();
        TempData["Notice"] = T["The client '{0}' was revoked: its secret no longer works.", client.Name].Value;
        return Redirect("/admin/api-clients");
    }

    private async Task<ApiClientFormModel> FormAsync(string name, IReadOnlyList<string> scopes, int rateLimit, IReadOnlyList<string> errors) =>
        new(name, scopes, rateLimit, [.. (await definitions.GetAsync()).ContentTypes.Where(t => t.TypeSettings.Listable).Select(t => t.Name)], errors);
}
