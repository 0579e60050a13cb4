using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Core.Cluster;
using Portal.Search.Analysis;

namespace Portal.Search.Services;

/// <summary>
/// Rebuilds the index when the live one was made by another analyzer (<see cref="TextAnalyzer.Version"/>) or storage
/// format (a migration sets its version to 0): after an upgrade, one node rebuilds it in the background while search
/// answers from what the index holds.
/// </summary>
public sealed class SearchIndexUpgrade(IServiceScopeFactory scopes, BackgroundLeases leases, TimeProvider clock, ILogger<SearchIndexUpgrade> logger)
    : OwnedBackgroundService(leases, clock, logger)
{
    protected override string LeaseName => "search:upgrade";

    protected override TimeSpan Interval => TimeSpan.FromMinutes(10);

    protected override async Task RunOwnedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var state = await scope.ServiceProvider.GetRequiredService<SearchStore>().StateAsync();
        if (state.IndexVersion == TextAnalyzer.Version) return;
        Logger.LogInformation("The search index is of version {Old}; rebuilding it as version {New}.", state.IndexVersion, TextAnalyzer.Version);
        if (!await scope.ServiceProvider.GetRequiredService<SearchRebuilder>().RunAsync(cancellationToken: cancellationToken))
            Logger.LogInformation("Another rebuild is running; the upgrade waits for it.");
    }
}
