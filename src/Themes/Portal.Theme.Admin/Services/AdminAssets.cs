using Portal.Core.Hosting;

namespace Portal.Theme.Admin.Services;

/// <summary>The admin's own CSS and scripts, embedded in the assembly (Assets/).</summary>
public sealed class AdminAssets() : EmbeddedAssets(typeof(AdminAssets).Assembly, "Portal.Theme.Admin.Assets.", "/admin/assets");
