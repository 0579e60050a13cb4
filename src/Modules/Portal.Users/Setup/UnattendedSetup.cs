using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portal.Core.Data;

namespace Portal.Users.Setup;

/// <summary>
/// Sets the site up at start-up from <c>Portal:Setup:SiteName, AdminUserName, AdminEmail, AdminPassword, Recipe</c>
/// when they are configured and the site is not set up yet. A failure stops start-up.
/// </summary>
internal sealed class UnattendedSetup(IServiceProvider services, IConfiguration configuration, ILogger<UnattendedSetup> logger) : IHostedService
{
    private static readonly string[] Keys = ["SiteName", "AdminUserName", "AdminEmail", "AdminPassword", "Recipe"];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var section = configuration.GetSection("Portal:Setup");
        var given = Keys.Where(k => !string.IsNullOrWhiteSpace(section[k])).ToList();
        if (given.Count == 0) return;

        await using var scope = services.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<SetupState>().IsSetUpAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>()))
        {
            logger.LogInformation("The site is already set up; Portal:Setup settings are ignored.");
            return;
        }
        if (given.Count < Keys.Length)
            Fail($"Portal:Setup is incomplete: set {string.Join(", ", Keys.Except(given).Select(k => "Portal:Setup:" + k))}.");

        var result = await scope.ServiceProvider.GetRequiredService<SetupService>().SetupAsync(new SetupRequest(
            section["SiteName"], section["AdminUserName"], section["AdminEmail"], section["AdminPassword"], section["AdminPassword"], section["Recipe"]),
            cancellationToken);
        if (!result.Succeeded)
            Fail(string.Join(" ", result.Errors.Select(e => e.Field.Length > 0 ? $"{e.Field}: {e.Message}" : e.Message)));
        logger.LogInformation("Set up the site with recipe {Recipe}; administrator {AdminUserName}.", section["Recipe"], section["AdminUserName"]);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Fail(string reason)
    {
        logger.LogCritical("Unattended setup failed, the portal does not start: {Reason}", reason);
        throw new InvalidOperationException("Unattended setup failed: " + reason);
    }
}
