using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Portal.Core.Data;
using Portal.Core.Recipes;
using Portal.Users.Models;
using Portal.Users.Setup;

namespace Portal.Users.Controllers;

public sealed class SetupForm
{
    public string? SiteName { get; set; }
    public string? AdminUserName { get; set; }
    public string? AdminEmail { get; set; }
    public string? Password { get; set; }
    public string? PasswordConfirmation { get; set; }
    public string? Recipe { get; set; }
    public IReadOnlyList<RecipeDescriptor> Recipes { get; set; } = [];
}

[AllowAnonymous]
public sealed class SetupController(SetupService setup, SetupState state, PortalDbContext db, SignInManager<PortalUser> signIn) : Controller
{
    [HttpGet("/setup")]
    public async Task<IActionResult> Index()
    {
        if (await state.IsSetUpAsync(db)) return NotFound();
        var recipes = await setup.SetupRecipesAsync();
        return FormView(new SetupForm { Recipes = recipes, Recipe = recipes.Count == 1 ? recipes[0].Name : null }, new FormErrors());
    }

    [HttpPost("/setup")]
    public async Task<IActionResult> Index([FromForm] SetupForm form)
    {
        if (await state.IsSetUpAsync(db)) return NotFound();
        var result = await setup.SetupAsync(new SetupRequest(form.SiteName, form.AdminUserName, form.AdminEmail, form.Password, form.PasswordConfirmation, form.Recipe));
        if (result.Succeeded)
        {
            await signIn.SignInAsync(result.Administrator!, isPersistent: false);
            return LocalRedirect("/admin");
        }
        form.Recipes = await setup.SetupRecipesAsync();
        var errors = new FormErrors();
        errors.AddRange(result.Errors);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return FormView(form, errors);
    }

    private ViewResult FormView(SetupForm form, FormErrors errors)
    {
        ViewData["Errors"] = errors;
        return View("Index", form);
    }
}
