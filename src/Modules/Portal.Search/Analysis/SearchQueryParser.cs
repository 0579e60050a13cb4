using System.Text;

namespace Portal.Search.Analysis;

/// <summary>One thing every result must contain: tokens that must stand next to each other, in this order.</summary>
public sealed record QueryClause(IReadOnlyList<string> Tokens, IReadOnlyList<Term> Terms);

/// <summary>A search as the engines read it: all clauses must match (AND).</summary>
public sealed record ParsedQuery(IReadOnlyList<QueryClause> Clauses)
{
    public bool IsEmpty => Clauses.Count == 0;

    /// <summary>Every term, for highlighting: longest first, so "路灯" is marked before "路".</summary>
    public IReadOnlyList<Term> HighlightTerms =>
        Clauses.SelectMany(c => c.Terms).DistinctBy(t => t.Text).OrderByDescending(t => t.Text.Length).ToList();
}

/// <summary>
/// Reads what a visitor typed: words and CJK runs each become a clause (a CJK run matches as adjacent
/// bigrams, so "书包" does not find 书 … 包 far apart); text in quotes ("…", “…”, 「…」) is one phrase.
/// </summary>
public static class SearchQueryParser
{
    public const int MaxLength = 200;
    public const int MaxClauses = 16;

    public static ParsedQuery Parse(string? query)
    {
        var clauses = new List<QueryClause>();
        if (string.IsNullOrWhiteSpace(query)) return new ParsedQuery(clauses);
        var text = query.Length > MaxLength ? query[..MaxLength] : query;
        var plain = new StringBuilder();
        var i = 0;
        while (i < text.Length && clauses.Count < MaxClauses)
        {
            var close = ClosingQuote(TextAnalyzer.Fold(text[i]));
            if (close is null) { plain.Append(text[i++]); continue; }
            AddWords(plain.ToString(), clauses);
            plain.Clear();
            var end = text.IndexOfAny(close, i + 1);
            if (end < 0) end = text.Length;
            AddPhrase(text[(i + 1)..end], clauses);
            i = end + 1;
        }
        AddWords(plain.ToString(), clauses);
        return new ParsedQuery(clauses.Take(MaxClauses).ToList());
    }

    private static char[]? ClosingQuote(char c) => c switch
    {
        '"' => ['"', '\uFF02'],
        '\u201C' => ['\u201D', '"'],
        '\u300C' => ['\u300D'],
        _ => null,
    };

    private static void AddWords(string text, List<QueryClause> clauses)
    {
        foreach (var term in TextAnalyzer.Terms(text))
        {
            if (clauses.Any(c => c.Terms.Count == 1 && c.Terms[0] == term)) continue;
            clauses.Add(new QueryClause(term.PhraseTokens().ToList(), [term]));
        }
    }

    private static void AddPhrase(string text, List<QueryClause> clauses)
    {
        var terms = TextAnalyzer.Terms(text);
        if (terms.Count > 0) clauses.Add(new QueryClause(terms.SelectMany(t => t.PhraseTokens()).ToList(), terms));
    }
}
