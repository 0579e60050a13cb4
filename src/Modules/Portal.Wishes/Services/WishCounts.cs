using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Wishes.Models;

namespace Portal.Wishes.Services;

/// <summary>The number of wishes in one state within one dimension's key (a category, community or campaign).</summary>
public sealed record WishCount(string Dimension, string? Key, WishStatus Status, int Count);

/// <summary>The counts as read at one moment.</summary>
public sealed class WishCountSnapshot(IReadOnlyList<WishCount> counts)
{
    public IReadOnlyList<WishCount> In(string dimension) => counts.Where(c => c.Dimension == dimension).ToList();

    /// <summary>Wishes in any of <paramref name="statuses"/> (all states when none are given), in all or one key of a dimension.</summary>
    public int Sum(IReadOnlyCollection<WishStatus>? statuses = null, string dimension = WishDimensions.All, string? key = null) =>
        counts.Where(c => c.Dimension == dimension && (dimension == WishDimensions.All || c.Key == key) && (statuses is null || statuses.Contains(c.Status)))
            .Sum(c => c.Count);

    /// <summary>Wishes per key of a dimension, most first.</summary>
    public IReadOnlyList<CountRow> PerKey(string dimension) =>
        In(dimension).GroupBy(c => c.Key).Select(g => new CountRow(g.Key, g.Sum(c => c.Count))).Where(r => r.Count != 0)
            .OrderByDescending(r => r.Count).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
}

/// <summary>
/// Wish counts by state (and by deadline day, for what is overdue), kept in step by the changes themselves: <see cref="WishLifecycle"/> on every move and
/// <see cref="Handlers.WishIndexHandler"/> when a wish is created, re-filed (category, community, campaign, deadline) or removed,
/// each in its own transaction (a rolled-back move leaves no count behind). Counts are rows of +1/−1 that
/// <see cref="FoldAsync"/> adds up in the background (<see cref="WishCountFolding"/>).
/// </summary>
public sealed class WishCounts(PortalDbContext db)
{
    /// <summary>Counts a wish (described by its index row) in the states given, +1 or −1 each.</summary>
    internal Task ChangeAsync(WishIndexRecord wish, params (WishStatus Status, int Delta)[] changes) =>
        ChangeAsync(changes.Select(c => (wish, c.Status, c.Delta)));

    /// <summary>Counts each (wish, state) change; changes that cancel out write nothing.</summary>
    internal async Task ChangeAsync(IEnumerable<(WishIndexRecord Wish, WishStatus Status, int Delta)> changes)
    {
        var rows = changes
            .SelectMany(c => KeysOf(c.Wish).Select(k => (k.Dimension, k.Key, c.Status, c.Delta)))
            .GroupBy(c => (c.Dimension, c.Key, c.Status))
            .Select(g => new WishCountRecord { Dimension = g.Key.Dimension, Key = g.Key.Key, Status = g.Key.Status, Count = g.Sum(c => c.Delta) })
            .Where(r => r.Count != 0)
            .ToList();
        await RowInserter<WishCountRecord>.For(db).InsertAsync(db, rows);
    }

    /// <summary>The counts of one dimension (of one key), or of every dimension but <see cref="WishDimensions.Deadline"/> (a row per day).</summary>
    public async Task<WishCountSnapshot> ReadAsync(string? dimension = null, string? key = null)
    {
        var rows = await db.Set<WishCountRecord>().AsNoTracking()
            .Where(c => (dimension == null ? c.Dimension != WishDimensions.Deadline : c.Dimension == dimension) && (key == null || c.Key == key))
            .GroupBy(c => new { c.Dimension, c.Key, c.Status })
            .Select(g => new { g.Key.Dimension, g.Key.Key, g.Key.Status, Count = g.Sum(c => c.Count) })
            .ToListAsync();
        return new WishCountSnapshot(rows.Where(r => r.Count != 0).Select(r => new WishCount(r.Dimension, r.Key, r.Status, r.Count)).ToList());
    }

    /// <summary>
    /// Wishes in any of <paramref name="statuses"/> whose deadline is before <paramref name="now"/>: the deadline-day
    /// counts of the days before today (UTC), and today's from the index (one day's rows, by the deadline index).
    /// </summary>
    public async Task<int> PastDeadlineAsync(IReadOnlyCollection<WishStatus> statuses, DateTime now)
    {
        var today = DayOf(now);
        var pastDays = await db.Set<WishCountRecord>().AsNoTracking()
            .Where(c => c.Dimension == WishDimensions.Deadline && string.Compare(c.Key, today) < 0 && statuses.Contains(c.Status))
            .SumAsync(c => c.Count);
        var startOfToday = now.Date;
        return pastDays + await db.Set<WishIndexRecord>().AsNoTracking()
            .CountAsync(w => w.DeadlineUtc >= startOfToday && w.DeadlineUtc < now && statuses.Contains(w.Status));
    }

    /// <summary>
    /// Adds the rows of each count up into one. Safe beside moves and on two nodes at once: on PostgreSQL the rows a
    /// statement deletes are exactly those it sums; SQLite runs one writer at a time.
    /// </summary>
    public async Task<int> FoldAsync(CancellationToken cancellationToken = default)
    {
        if (db.Provider == DatabaseProvider.Postgres)
            return await db.Database.ExecuteSqlRawAsync(
                "WITH folded AS (DELETE FROM \"WishCounts\" RETURNING " + Columns + ", \"Count\") " + InsertSums + "folded GROUP BY " + Columns + Nonzero,
                cancellationToken);
        return await db.InTransactionAsync(async () =>
        {
            var last = await db.Set<WishCountRecord>().MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0;
            var folded = await db.Database.ExecuteSqlRawAsync(
                InsertSums + "\"WishCounts\" WHERE \"Id\" <= {0} GROUP BY " + Columns + Nonzero, [last], cancellationToken);
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"WishCounts\" WHERE \"Id\" <= {0}", [last], cancellationToken);
            return folded;
        }, cancellationToken: cancellationToken);
    }

    private const string Columns = "\"Dimension\", \"Key\", \"Status\"";
    private const string InsertSums = "INSERT INTO \"WishCounts\" (" + Columns + ", \"Count\") SELECT " + Columns + ", SUM(\"Count\") FROM ";
    private const string Nonzero = " HAVING SUM(\"Count\") <> 0";

    /// <summary>Counts every wish of the index afresh: for wish index rows written in bulk, not through the lifecycle.</summary>
    public Task RecountAsync() =>
        db.InTransactionAsync(async () =>
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"WishCounts\"");
            foreach (var sql in RecountSql.Append(RecountDeadlines(db.Provider == DatabaseProvider.Postgres))) await db.Database.ExecuteSqlRawAsync(sql);
            return 0;
        });

    /// <summary>The counts of the whole index, one statement per dimension (also the migration's first fill).</summary>
    internal static readonly string[] RecountSql =
    [
        Recount(WishDimensions.All, "NULL"),
        Recount(WishDimensions.Category, "\"Category\""),
        Recount(WishDimensions.Community, "\"CommunityId\""),
        Recount(WishDimensions.Campaign, "\"CampaignId\""),
    ];

    /// <summary>The deadline-day counts of the whole index (also their migration's first fill); the day as <see cref="DayOf"/> writes it.</summary>
    internal static string RecountDeadlines(bool postgres) =>
        Recount(WishDimensions.Deadline, postgres ? "to_char(\"DeadlineUtc\" AT TIME ZONE 'UTC', 'YYYY-MM-DD')" : "substr(\"DeadlineUtc\", 1, 10)",
            "WHERE \"DeadlineUtc\" IS NOT NULL ");

    private static string Recount(string dimension, string key, string where = "") =>
        $"INSERT INTO \"WishCounts\" (\"Dimension\", \"Key\", \"Status\", \"Count\") " +
        $"SELECT '{dimension}', {key}, \"Status\", COUNT(*) FROM \"WishIndex\" {where}GROUP BY {(key == "NULL" ? "" : key + ", ")}\"Status\"";

    /// <summary>The key of a deadline's day: the UTC date, so the days before today's are wholly past whatever the site's time zone.</summary>
    internal static string DayOf(DateTime utc) => utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static IEnumerable<(string Dimension, string? Key)> KeysOf(WishIndexRecord wish)
    {
        yield return (WishDimensions.All, null);
        yield return (WishDimensions.Category, wish.Category);
        yield return (WishDimensions.Community, wish.CommunityId);
        yield return (WishDimensions.Campaign, wish.CampaignId);
        if (wish.DeadlineUtc is { } deadline) yield return (WishDimensions.Deadline, DayOf(deadline));
    }
}
