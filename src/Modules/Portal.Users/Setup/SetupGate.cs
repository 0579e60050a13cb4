using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Users.Services;

namespace Portal.Users.Setup;

/// <summary>On a site that is not set up, sends every request to /setup except static files (its own stylesheet too), /health and the culture switch.</summary>
internal sealed class SetupGate(RequestDelegate next, SetupState state, IWebHostEnvironment environment)
{
    private static readonly string[] OpenPaths = ["/setup", "/health", "/culture", "/error", "/_content", "/_framework", UsersAssets.UrlBase];

    public async Task InvokeAsync(HttpContext context)
    {
        // Once set up (every request but the first few), no database context and no file lookup.
        if (state.IsKnownSetUp)
        {
            await next(context);
            return;
        }
        var path = context.Request.Path;
        if (OpenPaths.Any(p => path.StartsWithSegments(p))
            || environment.WebRootFileProvider.GetFileInfo(path.Value ?? "").Exists
            || await state.IsSetUpAsync(context.RequestServices.GetRequiredService<PortalDbContext>()))
        {
            await next(context);
            return;
        }
        context.Response.Redirect("/setup");
    }
}

/// <summary>Puts <see cref="SetupGate"/> in front of the host's pipeline.</summary>
internal sealed class SetupGateStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<SetupGate>();
        next(app);
    };
}
