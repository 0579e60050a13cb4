using System.Text;
using System.Text.Encodings.Web;
using Portal.Search.Analysis;

namespace Portal.Search.Services;

/// <summary>
/// Marks the query's terms in stored text: HTML-encoded throughout, with only the &lt;mark&gt; tags added.
/// Works on the folded text, which has the same length as the original, so matches map back exactly.
/// </summary>
public static class Highlighter
{
    public const int SnippetLength = 160;
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    /// <summary>The whole text with its matches marked (for titles).</summary>
    public static string Mark(string text, ParsedQuery query) => Render(text, Matches(text, query), 0, text.Length);

    /// <summary>About <see cref="SnippetLength"/> characters around the first match (or from the start), matches marked.</summary>
    public static string Snippet(string text, ParsedQuery query, int length = SnippetLength)
    {
        var matches = Matches(text, query);
        var start = matches.Count == 0 ? 0 : Math.Max(0, matches[0].Start - length / 4);
        var end = Math.Min(text.Length, start + length);
        if (end == text.Length) start = Math.Max(0, end - length);
        if (start > 0 && char.IsLowSurrogate(text[start])) start++;
        if (end < text.Length && char.IsLowSurrogate(text[end])) end++;
        var html = Render(text, matches, start, end);
        return (start > 0 ? "…" : "") + html + (end < text.Length ? "…" : "");
    }

    private static string Render(string text, IReadOnlyList<(int Start, int End)> matches, int from, int to)
    {
        var html = new StringBuilder();
        var position = from;
        foreach (var (start, end) in matches.Where(m => m.End > from && m.Start < to))
        {
            int s = Math.Max(start, from), e = Math.Min(end, to);
            if (s < position) continue;
            html.Append(Encoder.Encode(text[position..s])).Append("<mark>").Append(Encoder.Encode(text[s..e])).Append("</mark>");
            position = e;
        }
        return html.Append(Encoder.Encode(text[position..to])).ToString();
    }

    /// <summary>Non-overlapping matches in text order: CJK terms anywhere, words only as whole words.</summary>
    internal static List<(int Start, int End)> Matches(string text, ParsedQuery query)
    {
        var folded = TextAnalyzer.Fold(text);
        var matches = new List<(int Start, int End)>();
        foreach (var term in query.HighlightTerms)
        {
            for (var at = folded.IndexOf(term.Text, StringComparison.Ordinal); at >= 0; at = folded.IndexOf(term.Text, at + 1, StringComparison.Ordinal))
            {
                var end = at + term.Text.Length;
                if (!term.IsCjk && (IsWordChar(folded, at - 1) || IsWordChar(folded, end))) continue;
                if (matches.Any(m => m.Start < end && at < m.End)) continue;
                matches.Add((at, end));
            }
        }
        matches.Sort();
        return matches;
    }

    private static bool IsWordChar(string text, int index) =>
        index >= 0 && index < text.Length && char.IsLetterOrDigit(text[index]) && !TextAnalyzer.IsCjk(new Rune(char.IsSurrogate(text[index]) ? 'x' : text[index]));
}
