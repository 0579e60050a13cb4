using System.Reflection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Security;

namespace Portal.Core.Modules;

/// <summary>
/// A module: one class that says what it adds to the portal. The host lists modules in one place and
/// composes them in dependency order.
/// </summary>
public abstract class PortalModule
{
    /// <summary>The module's name, e.g. "Portal.Contents".</summary>
    public abstract string Name { get; }

    /// <summary>Names of the modules this one needs; they are composed before it.</summary>
    public virtual IReadOnlyList<string> Dependencies => [];

    public virtual string Description => "";

    public Assembly Assembly => GetType().Assembly;

    public virtual IEnumerable<Permission> Permissions => [];

    public virtual IEnumerable<AdminMenuItem> AdminMenu => [];

    public virtual void ConfigureServices(IServiceCollection services, IConfiguration configuration) { }

    public virtual void MapEndpoints(IEndpointRouteBuilder endpoints) { }
}

/// <summary>An entry of the admin menu; <see cref="Permission"/> hides it from users who lack it.</summary>
public sealed record AdminMenuItem(string Text, string Url, int Position = 100, string? Permission = null, string Group = "");
