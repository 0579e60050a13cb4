using System.Text;
using Portal.Search.Analysis;

namespace Portal.Search.Services.Engines;

/// <summary>
/// PostgreSQL: a tsvector column (written as a literal with positions, title weighted A and body B, tags as '#…'
/// lexemes without positions) and a GIN index. A GIN match comes in no order, so the newest candidates are looked for
/// among the newest documents first (a window of ids, widened when it holds too few); every tsquery used there is free
/// of phrases, which the GIN answers exactly without reading the tsvectors. Phrases are checked, and ts_rank ranks,
/// on the candidates only.
/// </summary>
internal sealed class PostgresFullText(SearchStore store, SearchStatistics statistics) : IFullTextEngine
{
    /// <summary>The windows tried, in candidates' worth of the newest documents, before all of them.</summary>
    private static readonly int[] Windows = [4, 32];

    /// <summary>ts_rank's weights for D, C, B, A: title tokens (A) count ten times body tokens (B).</summary>
    private const string Weights = "'{0.1, 0.1, 0.1, 1.0}'";

    public (string Column, Func<string, string> Placeholder, Func<IndexedDocument, object> Value)? TokensColumn =>
        ("Tokens", p => $"CAST({p} AS tsvector)", TsVector);

    public Task AfterInsertAsync(IReadOnlyList<(long Id, int Generation, IndexedDocument Document)> rows) => Task.CompletedTask;

    public string? DeleteTokensSql(string documents) => null;

    public async Task<FullTextPage> QueryAsync(ParsedQuery query, SearchFilters filters, int generation, int skip, int take)
    {
        var documents = await statistics.DocumentsAsync(store, generation);
        var newest = await store.ScalarAsync<long>("""SELECT COALESCE(MAX("Id"), 0) FROM "SearchDocuments" WHERE "Generation" = @p0""", [generation]);
        var values = new List<object?> { generation, Candidates(query, filters) };
        var where = new StringBuilder("""d."Generation" = @p0 AND d."Tokens" @@ CAST(@p1 AS tsquery)""");
        if (filters.FromUtc is { } from) where.Append($""" AND d."PublishedUtc" >= {SearchStore.Parameter(values, SearchStore.Utc(from))}""");
        if (filters.ToUtc is { } to) where.Append($""" AND d."PublishedUtc" < {SearchStore.Parameter(values, SearchStore.Utc(to))}""");
        var window = SearchStore.Parameter(values, 0L);

        List<(long Id, long Matches)> candidates = [];
        long? windowStart = null;
        foreach (var size in Windows.Select(w => (long)w * SearchStore.RankedCandidates).Where(w => w < documents).Append(long.MaxValue))
        {
            windowStart = size == long.MaxValue ? null : newest - size;
            values[^1] = windowStart ?? 0L;
            // The planner cannot see that reading tsvectors costs more than the GIN: without index scans it intersects the GIN
            // with the id range (a bitmap AND) instead of walking ids and testing each row's tsvector.
            candidates = [.. await store.QueryAsync($"""
                SET LOCAL enable_indexscan = off;
                SELECT d."Id", COUNT(*) OVER () FROM "SearchDocuments" d WHERE {where} AND d."Id" > {window}
                ORDER BY d."Id" DESC LIMIT {SearchStore.RankedCandidates + 1};
                SET LOCAL enable_indexscan = DEFAULT
                """, [.. values], r => (r.GetInt64(0), r.GetInt64(1)))];
            if (candidates.Count > SearchStore.RankedCandidates) break;
        }
        if (candidates.Count == 0 || take == 0) return new FullTextPage([], candidates.Count, false);

        var phrases = query.Clauses.Any(c => c.Tokens.Count > 1);
        var rows = await store.QueryAsync($"""
            SELECT {SearchStore.HitColumns}, ts_rank({Weights}, d."Tokens", CAST(@p1 AS tsquery)) AS s, COUNT(*) OVER ()
            FROM "SearchDocuments" d WHERE d."Id" = ANY(@p0) {(phrases ? """AND d."Tokens" @@ CAST(@p1 AS tsquery)""" : "")}
            ORDER BY s DESC, d."PublishedUtc" DESC LIMIT @p2 OFFSET @p3
            """, [candidates.Select(c => c.Id).ToArray(), TsQuery(query), take, skip], r => (Hit: SearchStore.ReadHit(r, r.GetFloat(6)), Verified: r.GetInt64(7)));
        var verified = rows.Count > 0 ? rows[0].Verified
            : phrases ? await store.ScalarAsync<long>("""SELECT COUNT(*) FROM "SearchDocuments" d WHERE d."Id" = ANY(@p0) AND d."Tokens" @@ CAST(@p1 AS tsquery)""",
                [candidates.Select(c => c.Id).ToArray(), TsQuery(query)])
            : candidates.Count;
        var hits = rows.Select(r => r.Hit).ToList();
        if (candidates.Count <= SearchStore.RankedCandidates) return new FullTextPage(hits, (int)verified, false);

        var matches = candidates[0].Matches * verified / candidates.Count;
        var inWindow = windowStart is null ? documents
            : await store.ScalarAsync<long>("""SELECT COUNT(*) FROM "SearchDocuments" WHERE "Generation" = @p0 AND "Id" > @p1""", [generation, windowStart.Value]);
        return new FullTextPage(hits, SqliteFullText.Estimate(matches, inWindow, documents), true);
    }

    /// <summary>The candidates' tsquery: every token of every clause, and each filter's tags, without phrases.</summary>
    internal static string Candidates(ParsedQuery query, SearchFilters filters) =>
        string.Join(" & ", query.Clauses.SelectMany(c => c.Tokens).Distinct().Select(Lexeme)
            .Concat(SearchStore.TagGroups(filters).Select(g => "(" + string.Join(" | ", g.Select(t => Lexeme("#" + t))) + ")")));

    /// <summary>The ranking tsquery: each clause its tokens joined by "followed by" (&lt;-&gt;); clauses joined by AND.</summary>
    internal static string TsQuery(ParsedQuery query) =>
        string.Join(" & ", query.Clauses.Select(c => "(" + string.Join(" <-> ", c.Tokens.Select(Lexeme)) + ")"));

    /// <summary>
    /// The tsvector literal of a document: its tokens with their positions, title tokens weighted A and body tokens B,
    /// then its tags. Written directly rather than through to_tsvector, so PostgreSQL's parser and locale cannot split them differently.
    /// </summary>
    internal static string TsVector(IndexedDocument document)
    {
        var literal = new StringBuilder();
        var position = 0;
        void Add(IReadOnlyList<string> tokens, char weight)
        {
            foreach (var token in tokens)
            {
                position++;
                if (literal.Length > 0) literal.Append(' ');
                literal.Append(Lexeme(token)).Append(':').Append(Math.Min(position, 16383)).Append(weight);
            }
        }
        Add(document.Title, 'A');
        Add(document.Body, 'B');
        foreach (var tag in document.Tags) literal.Append(literal.Length > 0 ? " " : "").Append(Lexeme("#" + tag));
        return literal.ToString();
    }

    private static string Lexeme(string token) => "'" + token.Replace("\\", "\\\\").Replace("'", "''") + "'";
}
