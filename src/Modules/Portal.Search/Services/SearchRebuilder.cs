using Microsoft.EntityFrameworkCore;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Search.Analysis;
using Portal.Search.Models;

namespace Portal.Search.Services;

/// <summary>How far a rebuild has got, and about how long it still needs.</summary>
public sealed record RebuildProgress(int Done, int Total, DateTime StartedUtc, DateTime NowUtc)
{
    public int Percent => Total == 0 ? 100 : (int)(100L * Done / Total);

    /// <summary>The time left at the pace so far; null until the first batch is done.</summary>
    public TimeSpan? Remaining => Done == 0 ? null : TimeSpan.FromTicks((NowUtc - StartedUtc).Ticks / Done * (Total - Done));

    public static RebuildProgress? Of(SearchStateRecord state, DateTime now) =>
        state is { BuildingGeneration: not null, RebuildStartedUtc: { } started } ? new(state.RebuildDone, state.RebuildTotal, started, now) : null;
}

/// <summary>
/// Rebuilds the index without taking search offline: a new generation is filled beside the live one (publishes
/// during the rebuild write to both), then becomes the live one in one update, and the old one is deleted.
/// State lives in the database, so every node sees the progress and only one rebuild runs at a time.
/// </summary>
public sealed class SearchRebuilder(PortalDbContext db, SearchStore store, SearchIndexer indexer, ContentManager content, TimeProvider clock)
{
    public const int BatchSize = 200;

    /// <summary>A rebuild whose progress has not moved for this long is taken as abandoned (its node stopped) and may be replaced.</summary>
    public static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(5);

    private DbSet<SearchStateRecord> State => db.Set<SearchStateRecord>();

    /// <summary>Claims the next generation for a rebuild; null when another rebuild is running.</summary>
    public async Task<int?> BeginAsync()
    {
        var state = await store.StateAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        var stale = now - Abandoned;
        var generation = Math.Max(state.ActiveGeneration, state.BuildingGeneration ?? 0) + 1;
        var total = await content.Records.CountAsync(r => r.Published);
        var claimed = await State
            .Where(s => s.Id == 1 && s.BuildingGeneration == state.BuildingGeneration && (s.BuildingGeneration == null || s.RebuildUpdatedUtc < stale))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.BuildingGeneration, generation).SetProperty(x => x.RebuildTotal, total)
                .SetProperty(x => x.RebuildDone, 0).SetProperty(x => x.RebuildStartedUtc, now).SetProperty(x => x.RebuildUpdatedUtc, now));
        if (claimed == 0) return null;
        if (state.BuildingGeneration is { } abandoned) await store.DeleteGenerationAsync(abandoned);
        return generation;
    }

    /// <summary>
    /// Indexes the next batch of published items after <paramref name="afterId"/>, in one transaction that holds the state
    /// row while it reads and writes (publishes wait for it, so none can slip between); returns the last record id, or
    /// null when none were left.
    /// </summary>
    public Task<long?> IndexBatchAsync(int generation, long afterId) =>
        db.InTransactionAsync<long?>(async () =>
        {
            await store.LockStateAsync();
            var records = await content.Records.Where(r => r.Published && r.Id > afterId).OrderBy(r => r.Id).Take(BatchSize).ToListAsync();
            if (records.Count == 0) return null;
            await indexer.IndexAsync(records.Select(ContentManager.Read).ToList(), [generation]);
            var now = clock.GetUtcNow().UtcDateTime;
            await State.Where(s => s.Id == 1).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.RebuildDone, x => x.RebuildDone + records.Count).SetProperty(x => x.RebuildUpdatedUtc, now));
            return records[^1].Id;
        });

    /// <summary>Makes <paramref name="generation"/> the live index and deletes the one it replaces.</summary>
    public async Task FinishAsync(int generation)
    {
        var previous = (await store.StateAsync()).ActiveGeneration;
        var now = clock.GetUtcNow().UtcDateTime;
        var swapped = await State.Where(s => s.Id == 1 && s.BuildingGeneration == generation)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ActiveGeneration, generation).SetProperty(x => x.BuildingGeneration, (int?)null)
                .SetProperty(x => x.LastRebuildUtc, now).SetProperty(x => x.IndexVersion, TextAnalyzer.Version));
        if (swapped == 1) await store.DeleteGenerationAsync(previous);
    }

    /// <summary>A whole rebuild in this process: false when another one is running.</summary>
    public async Task<bool> RunAsync(Action<RebuildProgress>? report = null, CancellationToken cancellationToken = default)
    {
        if (await BeginAsync() is not { } generation) return false;
        await ContinueAsync(generation, report, cancellationToken);
        return true;
    }

    /// <summary>Fills a claimed generation batch by batch, then swaps it in.</summary>
    public async Task ContinueAsync(int generation, Action<RebuildProgress>? report = null, CancellationToken cancellationToken = default)
    {
        long last = 0;
        while (await IndexBatchAsync(generation, last) is { } next)
        {
            last = next;
            cancellationToken.ThrowIfCancellationRequested();
            if (report is not null && RebuildProgress.Of(await store.StateAsync(), clock.GetUtcNow().UtcDateTime) is { } progress) report(progress);
        }
        await FinishAsync(generation);
    }
}
