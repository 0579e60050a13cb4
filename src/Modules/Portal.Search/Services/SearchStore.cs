using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Core.Data;
using Portal.Search.Analysis;
using Portal.Search.Models;

namespace Portal.Search.Services;

/// <summary>
/// Reads and writes the index with SQL, on the context's connection and inside its transaction (so an item
/// is indexed in the same transaction as its publish). The two engines differ only in how tokens are stored
/// and matched; the tokens come from <see cref="TextAnalyzer"/> on both.
/// </summary>
public sealed class SearchStore(PortalDbContext db)
{
    /// <summary>Text beyond this is left out of the tokens (the snippet still has it): a bound on index size per item.</summary>
    public const int MaxIndexedChars = 100_000;

    private bool Postgres => db.Provider == DatabaseProvider.Postgres;

    public async Task<SearchStateRecord> StateAsync() =>
        await db.Set<SearchStateRecord>().AsNoTracking().FirstAsync(s => s.Id == 1);

    /// <summary>The generations a write must reach: the live one and, during a rebuild, the one being built.</summary>
    public async Task<IReadOnlyList<int>> WritableGenerationsAsync()
    {
        var state = await StateAsync();
        return state.BuildingGeneration is { } building ? [state.ActiveGeneration, building] : [state.ActiveGeneration];
    }

    /// <summary>
    /// Replaces the item's document in each of <paramref name="generations"/>: one command per generation (delete the
    /// old document, insert the new one, its tokens and facets), since every publish pays these round trips.
    /// </summary>
    public async Task WriteAsync(SearchDocument document, IReadOnlyList<int> generations)
    {
        var title = TextAnalyzer.IndexTokens(document.Title);
        var body = TextAnalyzer.IndexTokens(document.Body.Length > MaxIndexedChars ? document.Body[..MaxIndexedChars] : document.Body);
        foreach (var generation in generations)
        {
            // @p0 the generation and @p1 the item identify the document: the statements after the insert find its id by them.
            var values = new List<object?> { generation, document.ContentItemId, document.ContentType, document.Title, document.Body, document.Path,
                DateTime.SpecifyKind(document.PublishedUtc, DateTimeKind.Utc) };
            string Parameter(object? value)
            {
                values.Add(value);
                return "@p" + (values.Count - 1);
            }
            const string item = """ "ContentItemId" = @p1 AND "Generation" = @p0""";
            var sql = new StringBuilder(DeleteSql(item));
            sql.Append("""INSERT INTO "SearchDocuments" ("Generation", "ContentItemId", "ContentType", "Title", "Body", "Path", "PublishedUtc" """);
            if (Postgres)
                sql.Append($""", "Tokens") VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, CAST({Parameter(TsVector(title, body))} AS tsvector));""");
            else
            {
                sql.Append(""") VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6);""");
                sql.Append($"""INSERT INTO "SearchFts" (rowid, title, body) SELECT "Id", {Parameter(string.Join(' ', title))}, {Parameter(string.Join(' ', body))} FROM "SearchDocuments" WHERE {item};""");
            }
            if (document.Facets.Count > 0)
            {
                var rows = string.Join(", ", document.Facets.Select(f => $"({Parameter(f.Name)}, {Parameter(f.Value)})"));
                sql.Append($"""INSERT INTO "SearchFacets" ("DocumentId", "Name", "Value") SELECT d."Id", v.column1, v.column2 FROM (VALUES {rows}) AS v, "SearchDocuments" d WHERE{item};""");
            }
            await ExecuteAsync(sql.ToString(), [.. values]);
        }
    }

    /// <summary>Removes the item from one generation, or from all when <paramref name="generation"/> is null.</summary>
    public Task DeleteAsync(string contentItemId, int? generation = null)
    {
        var where = generation is null ? """ "ContentItemId" = @p0""" : """ "ContentItemId" = @p0 AND "Generation" = @p1""";
        return DeleteWhereAsync(where, generation is null ? [contentItemId] : [contentItemId, generation]);
    }

    /// <summary>Removes a whole generation, as a finished rebuild does with the one it replaced.</summary>
    public Task DeleteGenerationAsync(int generation) => DeleteWhereAsync(""" "Generation" = @p0""", [generation]);

    private Task DeleteWhereAsync(string where, object?[] values) => ExecuteAsync(DeleteSql(where), values);

    private string DeleteSql(string where)
    {
        var documents = $"""SELECT "Id" FROM "SearchDocuments" WHERE {where}""";
        var sql = new StringBuilder();
        if (!Postgres) sql.Append($"""DELETE FROM "SearchFts" WHERE rowid IN ({documents});""");
        sql.Append($"""DELETE FROM "SearchFacets" WHERE "DocumentId" IN ({documents});""");
        sql.Append($"""DELETE FROM "SearchDocuments" WHERE {where};""");
        return sql.ToString();
    }

    /// <summary>
    /// A page of matching documents, best first, and the number that match. Title matches weigh ten times
    /// body matches (bm25 column weights; ts_rank's A and B weights). Without words, the newest documents the filters let through.
    /// </summary>
    public async Task<(IReadOnlyList<StoredHit> Hits, int Total)> QueryAsync(ParsedQuery query, SearchFilters filters, int generation, int skip, int take)
    {
        var values = new List<object?> { generation };
        string Parameter(object? value)
        {
            values.Add(value);
            return "@p" + (values.Count - 1);
        }
        var from = query.IsEmpty ? """FROM "SearchDocuments" d WHERE d."Generation" = @p0"""
            : Postgres
            ? $"""FROM "SearchDocuments" d WHERE d."Tokens" @@ CAST({Parameter(TsQuery(query))} AS tsquery) AND d."Generation" = @p0"""
            : $"""FROM "SearchFts" JOIN "SearchDocuments" d ON d."Id" = "SearchFts".rowid WHERE "SearchFts" MATCH {Parameter(Fts5Query(query))} AND d."Generation" = @p0""";
        var where = new StringBuilder(from);
        if (filters.Types is { Count: > 0 } types)
            where.Append($""" AND d."ContentType" IN ({string.Join(", ", types.Select(t => Parameter(t)))})""");
        if (filters.FromUtc is { } fromUtc) where.Append($""" AND d."PublishedUtc" >= {Parameter(DateTime.SpecifyKind(fromUtc, DateTimeKind.Utc))}""");
        if (filters.ToUtc is { } toUtc) where.Append($""" AND d."PublishedUtc" < {Parameter(DateTime.SpecifyKind(toUtc, DateTimeKind.Utc))}""");
        foreach (var (name, value) in filters.Facets)
            where.Append($""" AND EXISTS (SELECT 1 FROM "SearchFacets" f WHERE f."DocumentId" = d."Id" AND f."Name" = {Parameter(name)} AND f."Value" = {Parameter(value)})""");

        var total = await ScalarAsync<long>("SELECT COUNT(*) " + where, values.ToArray());
        if (total == 0 || take == 0) return ([], (int)total);
        var score = query.IsEmpty ? "0.0" : Postgres
            ? """ts_rank('{0.1, 0.1, 0.1, 1.0}', d."Tokens", CAST(@p1 AS tsquery))"""
            : """-bm25("SearchFts", 10.0, 1.0)""";
        var sql = $"""
            SELECT d."ContentItemId", d."ContentType", d."Title", d."Body", d."Path", d."PublishedUtc", {score} AS "Score" {where}
            ORDER BY "Score" DESC, d."PublishedUtc" DESC LIMIT {Parameter(take)} OFFSET {Parameter(skip)}
            """;
        var hits = await QueryAsync(sql, values.ToArray(), r => new StoredHit(
            r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4),
            DateTime.SpecifyKind(r.GetDateTime(5), DateTimeKind.Utc), Convert.ToDouble(r.GetValue(6))));
        return (hits, (int)total);
    }

    /// <summary>The newest documents, for the page shown when nothing matches.</summary>
    public Task<IReadOnlyList<StoredHit>> RecentAsync(int generation, string? type, int take) =>
        QueryAsync($"""
            SELECT "ContentItemId", "ContentType", "Title", '' AS "Body", "Path", "PublishedUtc", 0.0 AS "Score" FROM "SearchDocuments"
            WHERE "Generation" = @p0 {(type is null ? "" : """AND "ContentType" = @p2""")} ORDER BY "PublishedUtc" DESC LIMIT @p1
            """, [generation, take, type], r => new StoredHit(
            r.GetString(0), r.GetString(1), r.GetString(2), "", r.IsDBNull(4) ? null : r.GetString(4),
            DateTime.SpecifyKind(r.GetDateTime(5), DateTimeKind.Utc), 0));

    /// <summary>FTS5: each clause a quoted phrase of its tokens; clauses side by side must all match.</summary>
    internal static string Fts5Query(ParsedQuery query) =>
        string.Join(' ', query.Clauses.Select(c => "\"" + string.Join(' ', c.Tokens).Replace("\"", "\"\"") + "\""));

    /// <summary>PostgreSQL: each clause its tokens joined by "followed by" (&lt;-&gt;); clauses joined by AND.</summary>
    internal static string TsQuery(ParsedQuery query) =>
        string.Join(" & ", query.Clauses.Select(c => "(" + string.Join(" <-> ", c.Tokens.Select(Lexeme)) + ")"));

    /// <summary>
    /// The tsvector literal of the tokens with their positions, title tokens weighted A and body tokens B.
    /// Written directly rather than through to_tsvector, so PostgreSQL's parser and locale cannot split them differently.
    /// </summary>
    internal static string TsVector(IReadOnlyList<string> title, IReadOnlyList<string> body)
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
        Add(title, 'A');
        Add(body, 'B');
        return literal.ToString();
    }

    private static string Lexeme(string token) => "'" + token.Replace("\\", "\\\\").Replace("'", "''") + "'";

    public Task<int> ExecuteAsync(string sql, object?[] values) => WithCommandAsync(sql, values, c => c.ExecuteNonQueryAsync());

    public Task<T> ScalarAsync<T>(string sql, object?[] values) =>
        WithCommandAsync(sql, values, async c => (T)Convert.ChangeType((await c.ExecuteScalarAsync())!, typeof(T)));

    public Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object?[] values, Func<DbDataReader, T> read) =>
        WithCommandAsync<IReadOnlyList<T>>(sql, values, async c =>
        {
            var rows = new List<T>();
            await using var reader = await c.ExecuteReaderAsync();
            while (await reader.ReadAsync()) rows.Add(read(reader));
            return rows;
        });

    private async Task<T> WithCommandAsync<T>(string sql, object?[] values, Func<DbCommand, Task<T>> run)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = sql;
            for (var i = 0; i < values.Length; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@p" + i;
                parameter.Value = values[i] ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }
            return await run(command);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

/// <summary>A matching document as stored; the service turns it into a hit with a highlighted snippet.</summary>
public sealed record StoredHit(string ContentItemId, string ContentType, string Title, string Body, string? Path, DateTime PublishedUtc, double Score);

/// <summary>What narrows a search besides its words.</summary>
public sealed record SearchFilters(IReadOnlyList<string>? Types, IReadOnlyList<(string Name, string Value)> Facets, DateTime? FromUtc, DateTime? ToUtc);
