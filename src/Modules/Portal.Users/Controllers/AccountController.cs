using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Users.Models;

namespace Portal.Users.Controllers;

public sealed class LoginForm
{
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public bool RememberMe { get; set; }
    public string? ReturnUrl { get; set; }
}

[AllowAnonymous]
public sealed class AccountController(
    SignInManager<PortalUser> signIn,
    UserManager<PortalUser> users,
    TimeProvider clock,
    IStringLocalizer<AccountController> T) : Controller
{
    [HttpGet("/login")]
    public IActionResult Login(string? returnUrl) => LoginView(new LoginForm { ReturnUrl = returnUrl }, []);

    [HttpPost("/login")]
    [Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Portal.Core.Hosting.PortalRateLimits.Login)]
    public async Task<IActionResult> Login([FromForm] LoginForm form)
    {
        var errors = new FormErrors();
        if (string.IsNullOrWhiteSpace(form.UserName)) errors.Add(("UserName", T["Enter your user name."]));
        if (string.IsNullOrEmpty(form.Password)) errors.Add(("Password", T["Enter your password."]));
        if (errors.Count > 0) return LoginView(form, errors);

        var result = await signIn.PasswordSignInAsync(form.UserName!, form.Password!, form.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
            return LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl! : "/");
        errors.Add(("", await FailureMessageAsync(form, result)));
        return LoginView(form, errors);
    }

    [HttpPost("/logout")]
    public async Task<IActionResult> Logout()
    {
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }

    [HttpGet("/access-denied")]
    public IActionResult AccessDenied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View();
    }

    private async Task<string> FailureMessageAsync(LoginForm form, Microsoft.AspNetCore.Identity.SignInResult result)
    {
        var user = await users.FindByNameAsync(form.UserName!);
        if (result.IsLockedOut && user?.LockoutEnd is { } end)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling((end - clock.GetUtcNow()).TotalMinutes));
            return T["Too many failed attempts: this account is locked. Try again in {0} minutes.", minutes];
        }
        // Only someone who knows the password learns that the account is disabled.
        if (result.IsNotAllowed && user is { IsEnabled: false } && await users.CheckPasswordAsync(user, form.Password!))
            return T["This account is disabled. Ask an administrator to enable it."];
        return T["Invalid user name or password."];
    }

    private ViewResult LoginView(LoginForm form, FormErrors errors)
    {
        if (errors.Count > 0) Response.StatusCode = StatusCodes.Status400BadRequest;
        ViewData["Errors"] = errors;
        return View("Login", form);
    }
}
