using Microsoft.AspNetCore.Identity;

namespace Portal.Users.Models;

public sealed class PortalUser : IdentityUser
{
    /// <summary>A disabled user cannot sign in, and an existing sign-in ends at its next validation.</summary>
    public bool IsEnabled { get; set; } = true;

    public DateTime CreatedUtc { get; set; } = DateTime.UtcNow;
}

public sealed class PortalRole : IdentityRole
{
    /// <summary>Holds every permission, granted or not.</summary>
    public const string Administrator = "Administrator";

    public string Description { get; set; } = "";
}
