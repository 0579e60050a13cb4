namespace Portal.Core.Security;

/// <summary>A named right that modules declare and administrators grant to roles.</summary>
public sealed record Permission(string Name, string Description, string Category = "");

public static class PortalPermissions
{
    /// <summary>Everything in /admin requires at least this.</summary>
    public static readonly Permission AccessAdmin = new("AccessAdmin", "Open the admin", "Admin");

    /// <summary>See and edit the values of sensitive fields (every view is logged).</summary>
    public static readonly Permission ViewPersonalData = new("ViewPersonalData", "See and edit personal data in sensitive fields (logged)", "Privacy");

    /// <summary>
    /// Type personal data into sensitive fields without seeing it (intake by staff who may not read it): the inputs are
    /// shown empty, what is typed is saved, an input left empty keeps the stored value.
    /// </summary>
    public static readonly Permission EnterPersonalData = new("EnterPersonalData", "Enter personal data in sensitive fields without seeing it", "Privacy");

    /// <summary>Export personal data (every export is logged).</summary>
    public static readonly Permission ExportPersonalData = new("ExportPersonalData", "Export personal data (logged)", "Privacy");
}
