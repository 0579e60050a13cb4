using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Core.Data;
using Portal.Search.Analysis;
using Portal.Search.Models;
using Portal.Search.Services.Engines;

namespace Portal.Search.Services;

/// <summary>
/// Reads and writes the index with SQL, on the context's connection and inside its transaction (so an item is indexed
/// in the same transaction as its publish). The documents table (public text for snippets, filter values) is shared;
/// the database's full-text engine keeps the tokens (<see cref="SqliteFullText"/>, <see cref="PostgresFullText"/>),
/// which come from <see cref="TextAnalyzer"/> on both.
/// </summary>
public sealed class SearchStore
{
    /// <summary>Text beyond this is left out of the tokens (the snippet still has it): a bound on index size per item.</summary>
    public const int MaxIndexedChars = 100_000;

    /// <summary>
    /// The most matches ranked for one search. When more match, the newest this many are ranked (a very common term says
    /// little about relevance, and recency says much in news) and the total is an estimate, shown as "about N".
    /// </summary>
    public const int RankedCandidates = 1000;

    internal const string HitColumns = """d."ContentItemId", d."ContentType", d."Title", d."Body", d."Path", d."PublishedUtc" """;

    private const int RowsPerInsert = 100;

    private readonly PortalDbContext db;
    private readonly IFullTextEngine engine;

    public SearchStore(PortalDbContext db, SearchStatistics statistics)
    {
        this.db = db;
        engine = Postgres ? new PostgresFullText(this, statistics) : new SqliteFullText(this, statistics);
    }

    private bool Postgres => db.Provider == DatabaseProvider.Postgres;

    public async Task<SearchStateRecord> StateAsync() =>
        await db.Set<SearchStateRecord>().AsNoTracking().FirstAsync(s => s.Id == 1);

    /// <summary>
    /// The generations a write must reach: the live one and, during a rebuild, the one being built. Inside a transaction
    /// on PostgreSQL the state row is share-locked until commit, so a rebuild cannot start (nor take a batch) between
    /// this read and the commit: a publish in flight is either waited for or writes to the new generation too.
    /// SQLite needs no lock: its write transactions run one at a time.
    /// </summary>
    public async Task<IReadOnlyList<int>> WritableGenerationsAsync()
    {
        var sql = """SELECT "ActiveGeneration", "BuildingGeneration" FROM "SearchState" WHERE "Id" = 1""";
        var (active, building) = (await QueryAsync(Postgres && db.Database.CurrentTransaction is not null ? sql + " FOR SHARE" : sql, [],
            r => (r.GetInt32(0), r.IsDBNull(1) ? (int?)null : r.GetInt32(1))))[0];
        return building is { } b ? [active, b] : [active];
    }

    /// <summary>Locks the state row for a rebuild's batch (PostgreSQL), so no publish writes between the batch's read and its commit.</summary>
    internal Task LockStateAsync() =>
        Postgres ? ExecuteAsync("""SELECT 1 FROM "SearchState" WHERE "Id" = 1 FOR UPDATE""", []) : Task.CompletedTask;

    public Task WriteAsync(SearchDocument document, IReadOnlyList<int> generations) => WriteAsync([document], generations);

    /// <summary>
    /// Replaces the documents of these items in each of <paramref name="generations"/>, and takes the <paramref name="removed"/>
    /// items out, a hundred rows per command.
    /// </summary>
    public async Task WriteAsync(IReadOnlyList<SearchDocument> documents, IReadOnlyList<int> generations, IReadOnlyList<string>? removed = null)
    {
        var indexed = documents.DistinctBy(d => d.ContentItemId).Select(IndexedDocument.Of).ToList();
        foreach (var generation in generations)
        {
            foreach (var chunk in (removed ?? []).Chunk(RowsPerInsert)) await DeleteItemsAsync(chunk, generation);
            foreach (var chunk in indexed.Chunk(RowsPerInsert))
            {
                await DeleteItemsAsync(chunk.Select(d => d.Document.ContentItemId).ToList(), generation);
                var inserted = await InsertDocumentsAsync(chunk, generation);
                await engine.AfterInsertAsync(inserted);
                await InsertFacetsAsync(inserted);
            }
        }
    }

    private Task DeleteItemsAsync(IReadOnlyList<string> itemIds, int generation) =>
        DeleteWhereAsync($""" "Generation" = @p0 AND "ContentItemId" IN ({string.Join(", ", itemIds.Select((_, i) => "@p" + (i + 1)))})""",
            [generation, .. itemIds]);

    private async Task<IReadOnlyList<(long Id, int Generation, IndexedDocument Document)>> InsertDocumentsAsync(IReadOnlyList<IndexedDocument> chunk, int generation)
    {
        var tokens = engine.TokensColumn;
        var values = new List<object?>();
        var rows = new StringBuilder();
        foreach (var item in chunk)
        {
            var d = item.Document;
            if (rows.Length > 0) rows.Append(", ");
            rows.Append('(');
            foreach (var value in new object?[] { generation, d.ContentItemId, d.ContentType, d.Title, d.Body, d.Path, Utc(d.PublishedUtc) })
                rows.Append(Parameter(values, value)).Append(", ");
            rows.Length -= 2;
            if (tokens is { } t) rows.Append(", ").Append(t.Placeholder(Parameter(values, t.Value(item))));
            rows.Append(')');
        }
        var sql = $"""
            INSERT INTO "SearchDocuments" ("Generation", "ContentItemId", "ContentType", "Title", "Body", "Path", "PublishedUtc"{(tokens is { } c ? $", \"{c.Column}\"" : "")})
            VALUES {rows} RETURNING "Id", "ContentItemId"
            """;
        var ids = (await QueryAsync(sql, [.. values], r => (Id: r.GetInt64(0), ContentItemId: r.GetString(1)))).ToDictionary(r => r.ContentItemId, r => r.Id);
        return chunk.Select(d => (ids[d.Document.ContentItemId], generation, d)).ToList();
    }

    private async Task InsertFacetsAsync(IReadOnlyList<(long Id, int Generation, IndexedDocument Document)> rows)
    {
        var facets = rows.SelectMany(r => r.Document.Document.Facets.Select(f => (r.Id, f.Name, f.Value))).ToList();
        foreach (var chunk in facets.Chunk(300))
        {
            var values = new List<object?>();
            var sql = string.Join(", ", chunk.Select(f => $"({Parameter(values, f.Id)}, {Parameter(values, f.Name)}, {Parameter(values, f.Value)})"));
            await ExecuteAsync($"""INSERT INTO "SearchFacets" ("DocumentId", "Name", "Value") VALUES {sql}""", [.. values]);
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

    private Task DeleteWhereAsync(string where, object?[] values)
    {
        var sql = new StringBuilder();
        if (engine.DeleteTokensSql($"""SELECT "Id", "Generation" FROM "SearchDocuments" WHERE {where}""") is { } tokens) sql.Append(tokens);
        sql.Append($"""DELETE FROM "SearchFacets" WHERE "DocumentId" IN (SELECT "Id" FROM "SearchDocuments" WHERE {where});""");
        sql.Append($"""DELETE FROM "SearchDocuments" WHERE {where};""");
        return ExecuteAsync(sql.ToString(), values);
    }

    /// <summary>
    /// A page of matching documents, best first, and the number that match (see <see cref="RankedCandidates"/>). Title
    /// matches weigh ten times body matches. Without words, the newest documents the filters let through.
    /// </summary>
    public Task<FullTextPage> QueryAsync(ParsedQuery query, SearchFilters filters, int generation, int skip, int take) =>
        query.IsEmpty ? BrowseAsync(filters, generation, skip, take) : engine.QueryAsync(query, filters, generation, skip, take);

    /// <summary>The newest documents of the filters, counted exactly (filters alone never match a large share of a big index cheaply otherwise).</summary>
    private async Task<FullTextPage> BrowseAsync(SearchFilters filters, int generation, int skip, int take)
    {
        var values = new List<object?> { generation };
        var where = new StringBuilder("""FROM "SearchDocuments" d WHERE d."Generation" = @p0""");
        if (filters.Types is { Count: > 0 } types)
            where.Append($""" AND d."ContentType" IN ({string.Join(", ", types.Select(t => Parameter(values, t)))})""");
        if (filters.FromUtc is { } fromUtc) where.Append($""" AND d."PublishedUtc" >= {Parameter(values, Utc(fromUtc))}""");
        if (filters.ToUtc is { } toUtc) where.Append($""" AND d."PublishedUtc" < {Parameter(values, Utc(toUtc))}""");
        foreach (var (name, value) in filters.Facets)
            where.Append($""" AND EXISTS (SELECT 1 FROM "SearchFacets" f WHERE f."DocumentId" = d."Id" AND f."Name" = {Parameter(values, name)} AND f."Value" = {Parameter(values, value)})""");
        var total = await ScalarAsync<long>("SELECT COUNT(*) " + where, [.. values]);
        if (total == 0 || take == 0) return new FullTextPage([], (int)total, false);
        var hits = await QueryAsync($"""
            SELECT {HitColumns}, 0.0 {where} ORDER BY d."PublishedUtc" DESC LIMIT {Parameter(values, take)} OFFSET {Parameter(values, skip)}
            """, [.. values], r => ReadHit(r, 0));
        return new FullTextPage(hits, (int)total, false);
    }

    /// <summary>The newest documents, for the page shown when nothing matches.</summary>
    public Task<IReadOnlyList<StoredHit>> RecentAsync(int generation, string? type, int take) =>
        QueryAsync($"""
            SELECT d."ContentItemId", d."ContentType", d."Title", '' AS "Body", d."Path", d."PublishedUtc" FROM "SearchDocuments" d
            WHERE d."Generation" = @p0 {(type is null ? "" : """AND d."ContentType" = @p2""")} ORDER BY d."PublishedUtc" DESC LIMIT @p1
            """, [generation, take, type], r => ReadHit(r, 0));

    /// <summary>The filters as groups of tags: a document must carry one tag of every group (types: any of them).</summary>
    internal static IEnumerable<IReadOnlyList<string>> TagGroups(SearchFilters filters)
    {
        if (filters.Types is { Count: > 0 } types) yield return types.Select(t => IndexedDocument.Tag(Facets.Type, t)).ToList();
        foreach (var (name, value) in filters.Facets) yield return [IndexedDocument.Tag(name, value)];
    }

    internal static StoredHit ReadHit(DbDataReader r, double score) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4),
        DateTime.SpecifyKind(r.GetDateTime(5), DateTimeKind.Utc), score);

    internal static string Parameter(List<object?> values, object? value)
    {
        values.Add(value);
        return "@p" + (values.Count - 1);
    }

    internal static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

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
