using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Recipes;
using Portal.Core.Settings;
using Portal.Users.Models;
using Portal.Users.Services;

namespace Portal.Users.Setup;

public sealed record SetupRequest(string? SiteName, string? AdminUserName, string? AdminEmail, string? Password, string? PasswordConfirmation, string? Recipe);

/// <summary>The outcome: the administrator, or the problems (field, message) and where the recipe stopped.</summary>
public sealed record SetupResult(PortalUser? Administrator, IReadOnlyList<(string Field, string Message)> Errors, RecipeFailure? RecipeFailure = null)
{
    public bool Succeeded => Administrator is not null;
}

/// <summary>
/// Sets up an empty site in one transaction: the administrator, the chosen recipe and the "set up" mark
/// are saved together, or (when anything fails) none of them is.
/// </summary>
public sealed class SetupService(
    PortalDbContext db,
    SetupState state,
    UserService users,
    UserManager<PortalUser> userManager,
    RoleService roles,
    SiteSettingsStore settings,
    IServiceProvider services,
    IStringLocalizer<SetupService> T)
{
    public async Task<IReadOnlyList<RecipeDescriptor>> SetupRecipesAsync() =>
        services.GetService<IRecipeCatalog>() is { } catalog
            ? (await catalog.ListAsync()).Where(r => r.IsSetupRecipe).OrderBy(r => r.DisplayName).ToList()
            : [];

    public async Task<SetupResult> SetupAsync(SetupRequest request, CancellationToken cancellationToken = default)
    {
        await state.Lock.WaitAsync(cancellationToken);
        try
        {
            if (await state.IsSetUpAsync(db)) return Failed(("", T["The site is already set up."]));
            var (recipe, errors) = await ValidateAsync(request);
            if (errors.Count > 0) return new SetupResult(null, errors);

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var (admin, userErrors) = await CreateAdministratorAsync(request);
            if (admin is null) return Failed(userErrors.Select(e => (FormField(e.Field), e.Message)).ToArray());

            var result = await services.GetRequiredService<IRecipeExecutor>().ExecuteAsync(recipe!, new Dictionary<string, string?>
            {
                ["SiteName"] = request.SiteName,
                ["AdminUserId"] = admin.Id,
                ["AdminUsername"] = admin.UserName,
                ["AdminEmail"] = admin.Email,
            }, cancellationToken);
            if (!result.Succeeded)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                return new SetupResult(null, [("Recipe", T["The recipe failed: {0}", result.Failure!.ToString()])], result.Failure);
            }

            await settings.SetAsync(SiteSettingsStore.General, new JsonObject { ["SiteName"] = request.SiteName!.Trim() });
            await settings.SetAsync(SetupState.SettingsGroup, new JsonObject
            {
                ["CompletedUtc"] = DateTime.UtcNow.ToString("O"),
                ["Recipe"] = recipe!.Name,
            });
            await transaction.CommitAsync(cancellationToken);
            state.MarkSetUp();
            return new SetupResult(admin, []);
        }
        finally
        {
            state.Lock.Release();
        }
    }

    private async Task<(RecipeDescriptor? Recipe, List<(string Field, string Message)> Errors)> ValidateAsync(SetupRequest request)
    {
        var errors = new List<(string Field, string Message)>();
        if (string.IsNullOrWhiteSpace(request.SiteName)) errors.Add(("SiteName", T["Enter the site's name."]));
        else if (request.SiteName.Trim().Length > 100) errors.Add(("SiteName", T["The site's name may have at most {0} characters.", 100]));
        if (string.IsNullOrWhiteSpace(request.AdminUserName)) errors.Add(("AdminUserName", T["Enter the administrator's user name."]));
        if (string.IsNullOrWhiteSpace(request.AdminEmail)) errors.Add(("AdminEmail", T["Enter the administrator's email."]));
        if (string.IsNullOrEmpty(request.Password)) errors.Add(("Password", T["Enter a password."]));
        else if (request.PasswordConfirmation != request.Password) errors.Add(("PasswordConfirmation", T["The two passwords do not match."]));
        if (errors.All(e => e.Field is not ("AdminUserName" or "AdminEmail" or "Password")))
        {
            var user = new NewUser(request.AdminUserName!.Trim(), request.AdminEmail!.Trim(), request.Password!, []);
            errors.AddRange((await users.ValidateAsync(user)).Select(e => (FormField(e.Field), e.Message)));
        }

        RecipeDescriptor? recipe = null;
        if (string.IsNullOrWhiteSpace(request.Recipe)) errors.Add(("Recipe", T["Choose a recipe."]));
        else if ((recipe = (await SetupRecipesAsync()).FirstOrDefault(r => r.Name == request.Recipe)) is null)
            errors.Add(("Recipe", T["There is no setup recipe named '{0}'.", request.Recipe]));
        return (recipe, errors);
    }

    private async Task<(PortalUser? User, IReadOnlyList<FieldError> Errors)> CreateAdministratorAsync(SetupRequest request)
    {
        if (!await roles.ExistsAsync(PortalRole.Administrator))
            await roles.SaveAsync(new RoleDefinition(PortalRole.Administrator, "", []));
        var (admin, errors) = await users.CreateAsync(new NewUser(request.AdminUserName!.Trim(), request.AdminEmail!.Trim(), request.Password!, [PortalRole.Administrator]));
        return admin is null ? (null, errors) : (await userManager.FindByIdAsync(admin.Id), []);
    }

    private static string FormField(string userField) => userField switch
    {
        "UserName" => "AdminUserName",
        "Email" => "AdminEmail",
        _ => userField,
    };

    private static SetupResult Failed(params (string Field, string Message)[] errors) => new(null, errors);
}
