using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Testing;
using Portal.Users.Models;
using Portal.Users.Services;

namespace Portal.Users.Tests;

/// <summary>What the users and roles admin tests read back: the stored state, and the messages a page shows.</summary>
internal static class AdminForms
{
    public static string NewName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    public static async Task<UserRow?> UserAsync(PortalServer server, string userName)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByNameAsync(userName);
        return user is null ? null : await scope.ServiceProvider.GetRequiredService<UserService>().FindAsync(user.Id);
    }

    public static async Task<RoleSummary?> RoleAsync(PortalServer server, string name)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<RoleService>().SummariesAsync()).SingleOrDefault(r => r.Name == name);
    }

    /// <summary>Posts the form and expects it back refused (400); returns the page.</summary>
    public static async Task<string> RefusedAsync(HttpClient client, string path, Dictionary<string, string> fields, string? formPage = null)
    {
        var response = await PortalServer.PostFormAsync(client, path, fields, formPage);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path} answered {(int)response.StatusCode}, not 400: {html[..Math.Min(html.Length, 300)]}");
        return html;
    }

    /// <summary>Posts the form and expects the redirect that follows a saved change; returns where it leads.</summary>
    public static async Task<string> SavedAsync(HttpClient client, string path, Dictionary<string, string> fields, string? formPage = null)
    {
        var response = await PortalServer.PostFormAsync(client, path, fields, formPage);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"{path} answered {(int)response.StatusCode}: {Regex.Match(await response.Content.ReadAsStringAsync(), "<ul>.*?</ul>", RegexOptions.Singleline).Value}");
        return response.Headers.Location!.OriginalString;
    }

    /// <summary>The message shown next to the input <paramref name="field"/> (its <c>{field}-error</c> element).</summary>
    public static string FieldError(string html, string field)
    {
        var match = Regex.Match(html, $"id=\"{field}-error\">([^<]*)<");
        Assert.True(match.Success, $"No error is shown next to {field}.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>The error summary's text, decoded.</summary>
    public static string Summary(string html)
    {
        var match = Regex.Match(html, "<div class=\"error-summary\".*?</div>", RegexOptions.Singleline);
        Assert.True(match.Success, "The page shows no error summary.");
        return WebUtility.HtmlDecode(Regex.Replace(match.Value, "<[^>]+>", " "));
    }

    public static async Task<bool> CanSignInAsync(PortalServer server, string userName, string password)
    {
        using var client = server.NewClient();
        var response = await PortalServer.PostFormAsync(client, "/login", new() { ["UserName"] = userName, ["Password"] = password });
        return response.StatusCode == HttpStatusCode.Redirect;
    }
}
