using System.Text;
using Portal.Search.Analysis;

namespace Portal.Search.Services.Engines;

/// <summary>
/// SQLite: a contentless FTS5 table (title, body, tags) whose rowid is the document's id plus its generation in the
/// high bits, so one generation is one rowid range. FTS5 walks a match in rowid order, so the newest candidates come
/// first and cheaply; bm25 (title ten times the body, tags nothing) ranks them.
/// </summary>
internal sealed class SqliteFullText(SearchStore store, SearchStatistics statistics) : IFullTextEngine
{
    private const int GenerationShift = 40;

    public static long RowId(int generation, long id) => ((long)generation << GenerationShift) + id;

    public (string Column, Func<string, string> Placeholder, Func<IndexedDocument, object> Value)? TokensColumn => null;

    public async Task AfterInsertAsync(IReadOnlyList<(long Id, int Generation, IndexedDocument Document)> rows)
    {
        foreach (var chunk in rows.Chunk(300))
        {
            var values = new List<object?>();
            var sql = new StringBuilder("""INSERT INTO "SearchFts" (rowid, title, body, tags) VALUES """);
            foreach (var (id, generation, document) in chunk)
            {
                if (values.Count > 0) sql.Append(", ");
                sql.Append($"(@p{values.Count}, @p{values.Count + 1}, @p{values.Count + 2}, @p{values.Count + 3})");
                values.AddRange([RowId(generation, id), string.Join(' ', document.Title), string.Join(' ', document.Body), string.Join(' ', document.Tags)]);
            }
            await store.ExecuteAsync(sql.ToString(), [.. values]);
        }
    }

    public string DeleteTokensSql(string documents) =>
        $"""DELETE FROM "SearchFts" WHERE rowid IN (SELECT ("Generation" << {GenerationShift}) + "Id" FROM ({documents}));""";

    public async Task<FullTextPage> QueryAsync(ParsedQuery query, SearchFilters filters, int generation, int skip, int take)
    {
        var low = RowId(generation, 0);
        var high = RowId(generation + 1, 0) - 1;
        var values = new List<object?> { Match(query, filters), low, high };
        var (join, dates) = DateFilter(filters, values, low);
        var from = $"""FROM "SearchFts" f {join} WHERE "SearchFts" MATCH @p0 AND f.rowid BETWEEN @p1 AND @p2 {dates}""";

        var newest = await store.QueryAsync($"""
            SELECT COUNT(*), MIN(r) FROM (SELECT f.rowid AS r {from} ORDER BY f.rowid DESC LIMIT {SearchStore.RankedCandidates + 1})
            """, [.. values], r => (Count: r.GetInt32(0), Oldest: r.IsDBNull(1) ? 0 : r.GetInt64(1)));
        var (count, oldest) = newest[0];
        if (count == 0 || take == 0) return new FullTextPage([], count, false);
        var capped = count > SearchStore.RankedCandidates;
        if (capped) values[1] = oldest;

        values.AddRange([take, skip]);
        var hits = await store.QueryAsync($"""
            SELECT {SearchStore.HitColumns}, r.s FROM (
                SELECT f.rowid AS r, bm25("SearchFts", 10.0, 1.0, 0.0) AS s {from} ORDER BY s, f.rowid DESC LIMIT @p{values.Count - 2} OFFSET @p{values.Count - 1}
            ) r JOIN "SearchDocuments" d ON d."Id" = r.r - {low} ORDER BY r.s, d."PublishedUtc" DESC
            """, [.. values], r => SearchStore.ReadHit(r, -r.GetDouble(6)));
        if (!capped) return new FullTextPage(hits, count, false);

        var newer = await store.ScalarAsync<long>("""SELECT COUNT(*) FROM "SearchDocuments" WHERE "Generation" = @p0 AND "Id" >= @p1""",
            [generation, oldest - low]);
        return new FullTextPage(hits, Estimate(count, newer, await statistics.DocumentsAsync(store, generation)), true);
    }

    /// <summary>Matches among all documents at the density they have among the newest <paramref name="newer"/>, never fewer than found.</summary>
    internal static int Estimate(long found, long newer, long documents) =>
        (int)Math.Min(int.MaxValue, Math.Max(found, newer == 0 ? found : found * documents / newer));

    /// <summary>
    /// The FTS5 query: each clause a quoted phrase of its tokens, all in the title or body; each filter a set of tags
    /// (any of them) in the tags column.
    /// </summary>
    internal static string Match(ParsedQuery query, SearchFilters filters)
    {
        var text = "{title body} : (" + string.Join(' ', query.Clauses.Select(c => Quote(string.Join(' ', c.Tokens)))) + ")";
        return string.Join(" AND ", SearchStore.TagGroups(filters).Select(g => "{tags} : (" + string.Join(" OR ", g.Select(Quote)) + ")").Prepend(text));
    }

    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"") + "\"";

    private static (string Join, string Where) DateFilter(SearchFilters filters, List<object?> values, long low)
    {
        if (filters.FromUtc is null && filters.ToUtc is null) return ("", "");
        var where = new StringBuilder();
        if (filters.FromUtc is { } from) where.Append($""" AND d."PublishedUtc" >= {SearchStore.Parameter(values, SearchStore.Utc(from))}""");
        if (filters.ToUtc is { } to) where.Append($""" AND d."PublishedUtc" < {SearchStore.Parameter(values, SearchStore.Utc(to))}""");
        return ($"""JOIN "SearchDocuments" d ON d."Id" = f.rowid - {low}""", where.ToString());
    }
}
