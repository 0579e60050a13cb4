using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Portal.Users.Services;

/// <summary>Identity's messages, translated through the portal's PO files.</summary>
internal sealed class PortalIdentityErrors(IStringLocalizer<PortalIdentityErrors> T) : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), T["The password must be at least {0} characters long.", length]);
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), T["The password must contain a digit (0-9)."]);
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), T["The password must contain a lower-case letter (a-z)."]);
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), T["The password must contain an upper-case letter (A-Z)."]);
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), T["The password must contain a symbol."]);
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), T["The password must use at least {0} different characters.", uniqueChars]);
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), T["The user name '{0}' is already taken.", userName]);
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), T["The email '{0}' is already used by another user.", email]);
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), T["The user name '{0}' may only contain letters a-z, digits and - . _ @ +.", userName ?? ""]);
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), T["'{0}' is not a valid email address.", email ?? ""]);
    public override IdentityError DuplicateRoleName(string role) => Error(nameof(DuplicateRoleName), T["The role '{0}' already exists.", role]);

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
