using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Users.Models;

namespace Portal.Users.Services;

/// <summary>A problem with one input: <see cref="Field"/> is UserName, Email, Password or Roles.</summary>
public sealed record UserError(string Field, string Message);

public sealed record NewUser(string UserName, string Email, string Password, IReadOnlyList<string> Roles);

/// <summary>Creating and listing users: the one path that the command, setup and tests share.</summary>
public sealed class UserService(UserManager<PortalUser> users, RoleService roles, PortalDbContext db)
{
    /// <summary>Every problem with <paramref name="user"/>, checked before anything is written.</summary>
    public async Task<IReadOnlyList<UserError>> ValidateAsync(NewUser user)
    {
        var candidate = new PortalUser { UserName = user.UserName, Email = user.Email };
        var errors = new List<UserError>();
        foreach (var validator in users.UserValidators)
            errors.AddRange(ToErrors(await validator.ValidateAsync(users, candidate)));
        foreach (var validator in users.PasswordValidators)
            errors.AddRange(ToErrors(await validator.ValidateAsync(users, candidate, user.Password)));
        foreach (var role in user.Roles.Where(r => !string.IsNullOrWhiteSpace(r)).Distinct())
        {
            if (!await roles.ExistsAsync(role))
                errors.Add(new UserError("Roles", $"Unknown role '{role}'."));
        }
        return errors;
    }

    /// <summary>Creates the user in its roles, or nothing at all when any input is wrong.</summary>
    public async Task<(PortalUser? User, IReadOnlyList<UserError> Errors)> CreateAsync(NewUser user)
    {
        var errors = await ValidateAsync(user);
        if (errors.Count > 0) return (null, errors);
        var created = new PortalUser { UserName = user.UserName, Email = user.Email };
        var result = await db.InTransactionAsync(async () =>
        {
            var outcome = await users.CreateAsync(created, user.Password);
            if (outcome.Succeeded && user.Roles.Count > 0)
                outcome = await users.AddToRolesAsync(created, user.Roles.Distinct());
            return outcome;
        }, commitWhen: r => r.Succeeded);
        return result.Succeeded ? (created, []) : (null, ToErrors(result).ToList());
    }

    public async Task<IReadOnlyList<(PortalUser User, IReadOnlyList<string> Roles)>> ListAsync()
    {
        var all = await db.Set<PortalUser>().AsNoTracking().OrderBy(u => u.UserName).ToListAsync();
        var memberships = await (from ur in db.Set<IdentityUserRole<string>>()
                                 join r in db.Set<PortalRole>() on ur.RoleId equals r.Id
                                 select new { ur.UserId, r.Name }).ToListAsync();
        var byUser = memberships.ToLookup(m => m.UserId, m => m.Name!);
        return all.Select(u => (u, (IReadOnlyList<string>)byUser[u.Id].Order().ToList())).ToList();
    }

    /// <summary>A disabled user cannot sign in; changing the security stamp ends their sessions at the next check.</summary>
    public async Task<IdentityResult> SetEnabledAsync(PortalUser user, bool enabled)
    {
        user.IsEnabled = enabled;
        var result = await users.UpdateAsync(user);
        return result.Succeeded && !enabled ? await users.UpdateSecurityStampAsync(user) : result;
    }

    private static IEnumerable<UserError> ToErrors(IdentityResult result) =>
        result.Errors.Select(e => new UserError(FieldOf(e.Code), e.Description));

    private static string FieldOf(string code) =>
        code.StartsWith("Password", StringComparison.Ordinal) ? "Password"
        : code.Contains("Email", StringComparison.Ordinal) ? "Email"
        : code.Contains("Role", StringComparison.Ordinal) ? "Roles"
        : "UserName";
}
