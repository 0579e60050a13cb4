using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Portal.Users.Services;

namespace Portal.Testing;

/// <summary>Users and sign-in for tests: <c>await server.CreateUserAsync("editor", PortalServer.Password, "Editor")</c>.</summary>
public partial class PortalServer
{
    /// <summary>A password that meets the password policy.</summary>
    public const string Password = "Wish-2026-ok";

    /// <summary>
    /// Creates a user with the email <c>{userName}@example.test</c> in the given roles; roles that do not exist
    /// yet are created without permissions (grant some with <see cref="CreateRoleAsync"/>). Returns the user id.
    /// </summary>
    public async Task<string> CreateUserAsync(string userName, string password, params string[] roles)
    {
        await using var scope = Services.CreateAsyncScope();
        var roleService = scope.ServiceProvider.GetRequiredService<RoleService>();
        foreach (var role in roles.Where(r => !string.IsNullOrWhiteSpace(r)))
        {
            if (!await roleService.ExistsAsync(role))
                Check(await roleService.SaveAsync(new RoleDefinition(role, "", [])));
        }
        var (user, errors) = await scope.ServiceProvider.GetRequiredService<UserService>()
            .CreateAsync(new NewUser(userName, $"{userName}@example.test", password, roles));
        Check(errors.Select(e => e.Message).ToList());
        return user!.Id;
    }

    /// <summary>Creates the role, or replaces its permissions with exactly these.</summary>
    public async Task CreateRoleAsync(string name, params string[] permissions)
    {
        await using var scope = Services.CreateAsyncScope();
        Check(await scope.ServiceProvider.GetRequiredService<RoleService>().SaveAsync(new RoleDefinition(name, "", permissions)));
    }

    /// <summary>Disables the user: they can no longer sign in.</summary>
    public async Task DisableUserAsync(string userName)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Portal.Users.Models.PortalUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"No user '{userName}'.");
        Check((await scope.ServiceProvider.GetRequiredService<UserService>().SetEnabledAsync(user, false)).Select(e => e.Message).ToList());
    }

    /// <summary>Signs <paramref name="client"/> in through the login form (antiforgery token included); throws when refused.</summary>
    public Task SignInAsync(HttpClient client, string userName, string password) => SignInClientAsync(client, userName, password);

    /// <summary>Signs <paramref name="client"/> in on whatever portal it talks to (a test server or a <see cref="PortalNode"/>).</summary>
    public static async Task SignInClientAsync(HttpClient client, string userName, string password)
    {
        var response = await PostFormAsync(client, "/login", new() { ["UserName"] = userName, ["Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Signing in as '{userName}' was refused ({(int)response.StatusCode}).");
    }

    /// <summary>A new client already signed in as a new user in <paramref name="roles"/>.</summary>
    public async Task<HttpClient> NewSignedInClientAsync(string userName, params string[] roles)
    {
        await CreateUserAsync(userName, Password, roles);
        var client = NewClient();
        await SignInAsync(client, userName, Password);
        return client;
    }

    /// <summary>
    /// Posts a form the way a browser does: reads the antiforgery token from the page at <paramref name="formPage"/>
    /// (default: the post path itself) and sends it with the fields.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields, string? formPage = null)
    {
        var token = await AntiforgeryTokenAsync(client, formPage ?? path);
        var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
        return await client.PostAsync(path, content);
    }

    /// <summary>The antiforgery token of the first form on the page (the client keeps the matching cookie).</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string page)
    {
        // Pages such as /access-denied answer 403 and still carry a form.
        var html = await (await client.GetAsync(page)).Content.ReadAsStringAsync();
        var match = Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"");
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"{page} has no antiforgery token.");
    }

    private static void Check(IReadOnlyList<string> errors)
    {
        if (errors.Count > 0) throw new InvalidOperationException(string.Join(" ", errors));
    }
}

/// <summary>
/// A portal that is already set up, with an administrator <see cref="AdminUserName"/> (password
/// <see cref="PortalServer.Password"/>), so no request is sent to /setup. By default the administrator is created
/// directly and no recipe runs; with a <c>recipe</c> (for example <c>micro-wish</c>) the portal sets itself up at
/// start-up the unattended way, recipe included. <c>await server.AdminClientAsync()</c> is signed in as the administrator.
/// </summary>
public class SetUpPortalServer : PortalServer
{
    public const string AdminUserName = "admin";
    public const string SiteName = "测试门户";

    private readonly string? recipe;

    public SetUpPortalServer() { }

    protected SetUpPortalServer(Portal.Core.Data.DatabaseProvider provider, string? recipe = null, IDictionary<string, string?>? settings = null)
        : base(provider, WithSetup(recipe, settings)) => this.recipe = recipe;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        if (recipe is null)
            await CreateUserAsync(AdminUserName, Password, Portal.Users.Models.PortalRole.Administrator);
    }

    public async Task<HttpClient> AdminClientAsync(System.Net.CookieContainer? cookies = null)
    {
        var client = NewClient(cookies: cookies);
        await SignInAsync(client, AdminUserName, Password);
        return client;
    }

    private static IDictionary<string, string?> WithSetup(string? recipe, IDictionary<string, string?>? settings)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        if (recipe is null) return all;
        all["Portal:Setup:SiteName"] = SiteName;
        all["Portal:Setup:AdminUserName"] = AdminUserName;
        all["Portal:Setup:AdminEmail"] = AdminUserName + "@example.test";
        all["Portal:Setup:AdminPassword"] = Password;
        all["Portal:Setup:Recipe"] = recipe;
        return all;
    }
}

/// <summary>A set-up portal on PostgreSQL.</summary>
public sealed class PostgresSetUpPortalServer() : SetUpPortalServer(Portal.Core.Data.DatabaseProvider.Postgres);

/// <summary>A portal set up with the micro-wish recipe (its roles, content types and demo content), on SQLite.</summary>
public sealed class MicroWishPortalServer() : SetUpPortalServer(Portal.Core.Data.DatabaseProvider.Sqlite, "micro-wish");
