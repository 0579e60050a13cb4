using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Portal.Search.Services;

/// <summary>Runs a rebuild the admin asked for in the background, in a scope of its own; the page follows its progress in the database.</summary>
public sealed class SearchRebuildRunner(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<SearchRebuildRunner> logger)
{
    /// <summary>Claims and starts a rebuild; false when one is already running.</summary>
    public async Task<bool> StartAsync()
    {
        int generation;
        await using (var scope = scopes.CreateAsyncScope())
        {
            if (await scope.ServiceProvider.GetRequiredService<SearchRebuilder>().BeginAsync() is not { } claimed) return false;
            generation = claimed;
        }
        _ = Task.Run(async () =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<SearchRebuilder>().ContinueAsync(generation, cancellationToken: lifetime.ApplicationStopping);
                logger.LogInformation("Search index rebuilt as generation {Generation}.", generation);
            }
            catch (Exception e)
            {
                // The claim stays until it is taken as abandoned; live search is untouched.
                logger.LogError(e, "The search index rebuild (generation {Generation}) failed.", generation);
            }
        });
        return true;
    }
}
