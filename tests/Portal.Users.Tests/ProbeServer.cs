using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Portal.Testing;

namespace Portal.Users.Tests;

/// <summary>A set-up portal with the probe pages below, guarded the way module pages are.</summary>
public sealed class ProbeServer : SetUpPortalServer
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddControllers().AddApplicationPart(typeof(ProbeController).Assembly));
    }
}

public sealed class ProbeController : Controller
{
    [HttpGet("/probe/manage-users")]
    [Authorize(Policy = "Permission:ManageUsers")]
    public IActionResult ManageUsers() => Content("may manage users");

    [HttpGet("/api/probe/manage-users")]
    [Authorize(Policy = "Permission:ManageUsers")]
    public IActionResult ManageUsersApi() => Content("may manage users");

    /// <summary>No attribute: the /admin prefix alone requires AccessAdmin.</summary>
    [HttpGet("/admin/probe")]
    public IActionResult Admin() => Content("in the admin");
}
