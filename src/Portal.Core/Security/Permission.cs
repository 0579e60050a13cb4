namespace Portal.Core.Security;

/// <summary>A named right that modules declare and administrators grant to roles.</summary>
public sealed record Permission(string Name, string Description, string Category = "");

public static class PortalPermissions
{
    /// <summary>Everything in /admin requires at least this.</summary>
    public static readonly Permission AccessAdmin = new("AccessAdmin", "Open the admin", "Admin");
}
