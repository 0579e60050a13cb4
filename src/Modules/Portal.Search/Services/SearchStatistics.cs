using System.Collections.Concurrent;

namespace Portal.Search.Services;

/// <summary>
/// How many documents each generation holds, counted at most once a minute per process: the estimate of a very common
/// term's total needs it, and an exact count of a large index on every search would cost more than the search.
/// </summary>
public sealed class SearchStatistics(TimeProvider clock)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<int, (long Count, DateTimeOffset At)> counts = new();

    public async Task<long> DocumentsAsync(SearchStore store, int generation)
    {
        var now = clock.GetUtcNow();
        if (counts.TryGetValue(generation, out var known) && now - known.At < MaxAge) return known.Count;
        var count = await store.ScalarAsync<long>("""SELECT COUNT(*) FROM "SearchDocuments" WHERE "Generation" = @p0""", [generation]);
        counts[generation] = (count, now);
        return count;
    }
}
