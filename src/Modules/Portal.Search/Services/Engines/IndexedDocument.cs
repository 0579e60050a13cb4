using System.Security.Cryptography;
using System.Text;
using Portal.Search.Analysis;

namespace Portal.Search.Services.Engines;

/// <summary>A document with its tokens: the title's and the body's from the analyzer, and one tag per filter value.</summary>
public sealed record IndexedDocument(SearchDocument Document, IReadOnlyList<string> Title, IReadOnlyList<string> Body, IReadOnlyList<string> Tags)
{
    public static IndexedDocument Of(SearchDocument document)
    {
        var body = document.Body.Length > SearchStore.MaxIndexedChars ? document.Body[..SearchStore.MaxIndexedChars] : document.Body;
        var tags = document.Facets.Select(f => Tag(f.Name, f.Value)).Append(Tag(Facets.Type, document.ContentType)).Distinct().ToList();
        return new IndexedDocument(document, TextAnalyzer.IndexTokens(document.Title), TextAnalyzer.IndexTokens(body), tags);
    }

    /// <summary>
    /// The token of a filter value: letters and digits only (so FTS5's tokenizer keeps it whole), and never a word of
    /// text, since tags live in a column (FTS5) or carry a prefix (tsvector) of their own.
    /// </summary>
    public static string Tag(string name, string value) =>
        "f" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name + "\u001f" + value)).AsSpan(0, 12));
}

/// <summary>
/// How one database's full-text engine stores and matches tokens. The documents table, the facets and the state are
/// shared (<see cref="SearchStore"/>); an engine adds its tokens to a document's row or beside it, and finds and ranks
/// matches. When more than <see cref="SearchStore.RankedCandidates"/> documents match, both rank only the newest that
/// many and estimate the total from how densely the matches fall among the newest documents.
/// </summary>
internal interface IFullTextEngine
{
    /// <summary>The tokens column of the documents table and its value for <paramref name="document"/>, if the engine keeps them there.</summary>
    (string Column, Func<string, string> Placeholder, Func<IndexedDocument, object> Value)? TokensColumn { get; }

    /// <summary>Writes the tokens of documents just inserted (with their ids), where the engine keeps them beside the row.</summary>
    Task AfterInsertAsync(IReadOnlyList<(long Id, int Generation, IndexedDocument Document)> rows);

    /// <summary>SQL deleting the tokens of the documents that <paramref name="documents"/> (a SELECT of "Id", "Generation") finds, or null.</summary>
    string? DeleteTokensSql(string documents);

    Task<FullTextPage> QueryAsync(ParsedQuery query, SearchFilters filters, int generation, int skip, int take);
}

/// <summary>A page of ranked matches, and how many match: exact, or an estimate when more than the ranked candidates matched.</summary>
public sealed record FullTextPage(IReadOnlyList<StoredHit> Hits, int Total, bool TotalIsEstimate);
