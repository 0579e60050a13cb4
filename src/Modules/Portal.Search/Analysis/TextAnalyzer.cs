using System.Globalization;
using System.Text;

namespace Portal.Search.Analysis;

/// <summary>A word of Latin (or other alphabetic) script, or a run of CJK characters, as folded text.</summary>
public readonly record struct Term(string Text, bool IsCjk)
{
    /// <summary>
    /// The tokens that must stand next to each other for the term to match: a word is itself; a CJK run is
    /// its overlapping bigrams ("微心愿" → 微心 心愿), or the character itself when the run is one character long.
    /// </summary>
    public IEnumerable<string> PhraseTokens()
    {
        if (!IsCjk) { yield return Text; yield break; }
        var characters = TextAnalyzer.Characters(Text);
        if (characters.Count == 1) { yield return characters[0]; yield break; }
        for (var i = 0; i + 1 < characters.Count; i++) yield return characters[i] + characters[i + 1];
    }
}

/// <summary>
/// The one analyzer for indexing and querying. Full-width forms fold to half-width, letters to lower case and
/// Traditional Chinese to Simplified (<see cref="ChineseVariants"/>), so either script finds the other;
/// punctuation separates terms and is dropped; Chinese (Simplified and Traditional), Japanese kana and Hangul
/// become overlapping bigrams, plus unigrams so one-character queries find them. The engines (FTS5, tsvector)
/// index the resulting tokens as they are.
/// </summary>
public static class TextAnalyzer
{
    /// <summary>Longer words are cut: they are not words anyone searches for, and they bloat the index.</summary>
    public const int MaxWordLength = 64;

    /// <summary>
    /// Bumped whenever the tokens of a text change (folding, splitting): an index built by another version is rebuilt
    /// at start-up (<see cref="Services.SearchIndexUpgrade"/>).
    /// </summary>
    public const int Version = 2;

    /// <summary>
    /// Folds one character: full-width ASCII and the ideographic space to half-width, then lower case, Traditional
    /// Chinese to Simplified. Never changes the length.
    /// </summary>
    public static char Fold(char c)
    {
        if (c < 0x80) return char.ToLowerInvariant(c);
        if (c is >= '\uFF01' and <= '\uFF5E') c = (char)(c - 0xFEE0);
        else if (c == '\u3000') c = ' ';
        return ChineseVariants.Simplify(char.ToLowerInvariant(c));
    }

    public static string Fold(string text) => string.Create(text.Length, text, (span, source) =>
    {
        for (var i = 0; i < source.Length; i++) span[i] = Fold(source[i]);
    });

    public static bool IsCjk(Rune rune) => rune.Value switch
    {
        >= 0x3040 and <= 0x30FF => true,   // hiragana, katakana
        >= 0x3400 and <= 0x4DBF => true,   // CJK extension A
        >= 0x4E00 and <= 0x9FFF => true,   // CJK unified ideographs (Simplified and Traditional)
        >= 0xAC00 and <= 0xD7AF => true,   // Hangul syllables
        >= 0xF900 and <= 0xFAFF => true,   // CJK compatibility ideographs
        >= 0x20000 and <= 0x3134F => true, // CJK extensions B–G
        _ => false,
    };

    private static bool IsWordPart(Rune rune) =>
        Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    /// <summary>The terms of <paramref name="text"/> in order: words and CJK runs, folded; everything else separates them.</summary>
    public static List<Term> Terms(string? text)
    {
        var terms = new List<Term>();
        if (string.IsNullOrEmpty(text)) return terms;
        var folded = Fold(text);
        var current = new StringBuilder();
        bool? currentIsCjk = null;
        void Flush()
        {
            if (current.Length > 0 && currentIsCjk is { } cjk)
                terms.Add(new Term(!cjk && current.Length > MaxWordLength ? current.ToString(0, MaxWordLength) : current.ToString(), cjk));
            current.Clear();
            currentIsCjk = null;
        }
        foreach (var rune in folded.EnumerateRunes())
        {
            var cjk = IsCjk(rune);
            if (!cjk && !IsWordPart(rune)) { Flush(); continue; }
            if (currentIsCjk is { } previous && previous != cjk) Flush();
            currentIsCjk = cjk;
            current.Append(rune.ToString());
        }
        Flush();
        return terms;
    }

    /// <summary>
    /// The tokens to index for <paramref name="text"/>: first every term's phrase tokens in order (so quoted
    /// phrases and CJK runs match as adjacent tokens), then the CJK characters one by one (so a one-character
    /// query finds them inside longer runs).
    /// </summary>
    public static List<string> IndexTokens(string? text)
    {
        var terms = Terms(text);
        var tokens = new List<string>();
        foreach (var term in terms) tokens.AddRange(term.PhraseTokens());
        foreach (var term in terms.Where(t => t.IsCjk))
        {
            var characters = Characters(term.Text);
            if (characters.Count > 1) tokens.AddRange(characters);
        }
        return tokens;
    }

    /// <summary>The characters of a CJK run, keeping surrogate pairs (extension B and later) whole.</summary>
    internal static List<string> Characters(string run) => run.EnumerateRunes().Select(r => r.ToString()).ToList();
}
