using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Settings;
using Portal.Users.Models;

namespace Portal.Users.Setup;

/// <summary>
/// Whether the site is set up: setup has completed, or users exist (a site created by other means). Once true it
/// stays true, so it is remembered; until then every check asks the database.
/// </summary>
public sealed class SetupState
{
    public const string SettingsGroup = "Setup";

    private volatile bool setUp;

    /// <summary>One setup at a time in this process; the database's unique keys guard across nodes.</summary>
    internal SemaphoreSlim Lock { get; } = new(1, 1);

    /// <summary>True once this process has seen the site set up; a site never goes back to not set up.</summary>
    public bool IsKnownSetUp => setUp;

    public async Task<bool> IsSetUpAsync(PortalDbContext db)
    {
        if (setUp) return true;
        setUp = await db.Set<SiteSettingsRecord>().AnyAsync(r => r.Name == SettingsGroup)
                || await db.Set<PortalUser>().AnyAsync();
        return setUp;
    }

    internal void MarkSetUp() => setUp = true;
}
