using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Security;
using Portal.Users.Models;

namespace Portal.Users.Services;

/// <summary>A problem with one input, by the input's name (UserName, Email, Password, Roles, Name...); "" for the whole form.</summary>
public sealed record FieldError(string Field, string Message);

public sealed record NewUser(string UserName, string Email, string Password, IReadOnlyList<string> Roles);

/// <summary>Locked: an administrator disabled the account. LockedOut: too many failed sign-ins, for a while.</summary>
public enum UserStatus { Active, Locked, LockedOut }

public sealed record UserRow(PortalUser User, IReadOnlyList<string> Roles, UserStatus Status);

public sealed record UserPage(IReadOnlyList<UserRow> Users, int TotalCount, int Page, int PageCount);

/// <summary>
/// Users and their roles: the one path that the admin, the commands, setup and tests share. Changes made by a
/// signed-in user (<see cref="ICurrentUser"/>) are refused when they would lock the site out of its own admin: nobody
/// deletes, locks or takes roles from themselves, the last enabled Administrator stays one, and a role is given, and a
/// user holding it changed, only by someone who holds every permission it grants.
/// </summary>
public sealed class UserService(
    UserManager<PortalUser> users, RoleService roles, PortalDbContext db, ICurrentUser current, TimeProvider clock,
    IStringLocalizer<UserService> T)
{
    public const int PageSize = 20;

    /// <summary>Every problem with <paramref name="user"/>, checked before anything is written.</summary>
    public async Task<IReadOnlyList<FieldError>> ValidateAsync(NewUser user)
    {
        var candidate = new PortalUser { UserName = user.UserName, Email = user.Email };
        var errors = new List<FieldError>();
        foreach (var validator in users.UserValidators)
            errors.AddRange(ToErrors(await validator.ValidateAsync(users, candidate)));
        errors.AddRange(await PasswordErrorsAsync(candidate, user.Password));
        errors.AddRange(await RoleErrorsAsync(user.Roles));
        return errors;
    }

    /// <summary>Creates the user in its roles, or nothing at all when any input is wrong.</summary>
    public async Task<(PortalUser? User, IReadOnlyList<FieldError> Errors)> CreateAsync(NewUser user)
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
        var byUser = await RolesOfAsync(all.Select(u => u.Id).ToList());
        return all.Select(u => (u, (IReadOnlyList<string>)byUser[u.Id].ToList())).ToList();
    }

    /// <summary>One page of the users whose name or email contains <paramref name="text"/>, by user name.</summary>
    public async Task<UserPage> SearchAsync(string? text, int page)
    {
        var query = db.Set<PortalUser>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(text))
        {
            var name = users.NormalizeName(text.Trim());
            var email = users.NormalizeEmail(text.Trim());
            query = query.Where(u => u.NormalizedUserName!.Contains(name) || u.NormalizedEmail!.Contains(email));
        }
        var total = await query.CountAsync();
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var found = await query.OrderBy(u => u.NormalizedUserName).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync();
        var byUser = await RolesOfAsync(found.Select(u => u.Id).ToList());
        return new UserPage(found.Select(u => Row(u, byUser[u.Id].ToList())).ToList(), total, page, pageCount);
    }

    public async Task<UserRow?> FindAsync(string id) =>
        await users.FindByIdAsync(id) is { } user ? Row(user, (await users.GetRolesAsync(user)).Order().ToList()) : null;

    private UserRow Row(PortalUser user, IReadOnlyList<string> roles) => new(user, roles,
        !user.IsEnabled ? UserStatus.Locked
        : user.LockoutEnd is { } end && end > clock.GetUtcNow() ? UserStatus.LockedOut
        : UserStatus.Active);

    /// <summary>Changes the email and sets exactly <paramref name="newRoles"/>, or changes nothing.</summary>
    public async Task<IReadOnlyList<FieldError>> UpdateAsync(PortalUser user, string email, IReadOnlyList<string> newRoles)
    {
        var held = await users.GetRolesAsync(user);
        var wanted = newRoles.Where(r => !string.IsNullOrWhiteSpace(r)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var removed = held.Where(r => !wanted.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();
        var added = wanted.Where(r => !held.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();

        var candidate = new PortalUser { Id = user.Id, UserName = user.UserName, Email = email };
        var errors = new List<FieldError>();
        foreach (var validator in users.UserValidators)
            errors.AddRange(ToErrors(await validator.ValidateAsync(users, candidate)));
        errors.AddRange(await RoleErrorsAsync(added));
        if (removed.Count > 0 && IsSelf(user))
            errors.Add(new FieldError("Roles", T["You cannot take roles away from your own account; ask another administrator."]));
        else if (removed.Contains(PortalRole.Administrator, StringComparer.OrdinalIgnoreCase) && await IsLastAdministratorAsync(user))
            errors.Add(new FieldError("Roles", LastAdministrator(user)));
        else if (await OutranksActorAsync(held))
            errors.Add(new FieldError("", Outranks(user)));
        if (errors.Count > 0) return errors;

        var result = await db.InTransactionAsync(async () =>
        {
            user.Email = email;
            await users.UpdateNormalizedEmailAsync(user);
            var outcome = await users.UpdateAsync(user);
            if (outcome.Succeeded && removed.Count > 0) outcome = await users.RemoveFromRolesAsync(user, removed);
            if (outcome.Succeeded && added.Count > 0) outcome = await users.AddToRolesAsync(user, added);
            return outcome;
        }, commitWhen: r => r.Succeeded);
        return ToErrors(result).ToList();
    }

    /// <summary>
    /// A disabled user cannot sign in, and changing the security stamp ends their sessions at the next check. Enabling
    /// also lifts a lockout after failed sign-ins.
    /// </summary>
    public async Task<IReadOnlyList<FieldError>> SetEnabledAsync(PortalUser user, bool enabled)
    {
        if (!enabled && IsSelf(user))
            return [new FieldError("", T["You cannot lock your own account."])];
        if (!enabled && await IsLastAdministratorAsync(user))
            return [new FieldError("", LastAdministrator(user))];
        if (await OutranksActorAsync(await users.GetRolesAsync(user)))
            return [new FieldError("", Outranks(user))];
        user.IsEnabled = enabled;
        if (enabled)
        {
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
        }
        var result = await users.UpdateAsync(user);
        if (result.Succeeded && !enabled) result = await users.UpdateSecurityStampAsync(user);
        return ToErrors(result).ToList();
    }

    /// <summary>Replaces the password (the policy applies) and ends the user's other sessions.</summary>
    public async Task<IReadOnlyList<FieldError>> SetPasswordAsync(PortalUser user, string password)
    {
        if (!IsSelf(user) && await OutranksActorAsync(await users.GetRolesAsync(user)))
            return [new FieldError("", Outranks(user))];
        var errors = await PasswordErrorsAsync(user, password);
        if (errors.Count > 0) return errors;
        var token = await users.GeneratePasswordResetTokenAsync(user);
        return ToErrors(await users.ResetPasswordAsync(user, token, password)).ToList();
    }

    /// <summary>Deletes the user with their roles and sign-in data; what they wrote or claimed keeps their id.</summary>
    public async Task<IReadOnlyList<FieldError>> DeleteAsync(PortalUser user)
    {
        if (IsSelf(user))
            return [new FieldError("", T["You cannot delete your own account."])];
        if (await IsLastAdministratorAsync(user))
            return [new FieldError("", LastAdministrator(user))];
        if (await OutranksActorAsync(await users.GetRolesAsync(user)))
            return [new FieldError("", Outranks(user))];
        return ToErrors(await users.DeleteAsync(user)).ToList();
    }

    private async Task<IReadOnlyList<FieldError>> PasswordErrorsAsync(PortalUser user, string password)
    {
        var errors = new List<FieldError>();
        foreach (var validator in users.PasswordValidators)
            errors.AddRange(ToErrors(await validator.ValidateAsync(users, user, password)));
        return errors;
    }

    /// <summary>Roles that do not exist, or that grant permissions the acting user does not hold.</summary>
    private async Task<IReadOnlyList<FieldError>> RoleErrorsAsync(IEnumerable<string> names)
    {
        var errors = new List<FieldError>();
        foreach (var name in names.Where(r => !string.IsNullOrWhiteSpace(r)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (!await roles.ExistsAsync(name))
                errors.Add(new FieldError("Roles", T["Unknown role '{0}'.", name]));
            else if (await OutranksActorAsync([name]))
                errors.Add(new FieldError("Roles", T["You cannot give the role '{0}': it grants permissions you do not hold yourself.", name]));
        }
        return errors;
    }

    private bool IsSelf(PortalUser user) => current.UserId == user.Id;

    /// <summary>Whether <paramref name="user"/> is the only enabled user in the Administrator role.</summary>
    private async Task<bool> IsLastAdministratorAsync(PortalUser user)
    {
        var administrators = await roles.EnabledAdministratorIdsAsync();
        return administrators.Count == 1 && administrators[0] == user.Id;
    }

    /// <summary>Whether <paramref name="roleNames"/> grant a permission the acting user lacks: such users and roles are theirs to touch no more than to give.</summary>
    private async Task<bool> OutranksActorAsync(IEnumerable<string> roleNames)
    {
        var granted = new List<string>();
        foreach (var role in roleNames) granted.AddRange(await roles.PermissionsOfAsync(role));
        return (await roles.NotHeldAsync(granted)).Count > 0;
    }

    private string Outranks(PortalUser user) =>
        T["'{0}' holds permissions you do not hold yourself; ask an administrator.", user.UserName ?? ""];

    private string LastAdministrator(PortalUser user) =>
        T["'{0}' is the last administrator. Make another user an administrator first.", user.UserName ?? ""];

    private async Task<ILookup<string, string>> RolesOfAsync(IReadOnlyList<string> userIds)
    {
        var memberships = await (from ur in db.Set<IdentityUserRole<string>>()
                                 join r in db.Set<PortalRole>() on ur.RoleId equals r.Id
                                 where userIds.Contains(ur.UserId)
                                 orderby r.Name
                                 select new { ur.UserId, r.Name }).ToListAsync();
        return memberships.ToLookup(m => m.UserId, m => m.Name!);
    }

    private static IEnumerable<FieldError> ToErrors(IdentityResult result) =>
        result.Errors.Select(e => new FieldError(FieldOf(e.Code), e.Description));

    private static string FieldOf(string code) =>
        code.StartsWith("Password", StringComparison.Ordinal) ? "Password"
        : code.Contains("Email", StringComparison.Ordinal) ? "Email"
        : code.Contains("Role", StringComparison.Ordinal) ? "Roles"
        : code.Contains("UserName", StringComparison.Ordinal) ? "UserName"
        : "";
}
