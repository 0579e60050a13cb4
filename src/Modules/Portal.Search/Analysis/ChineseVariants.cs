namespace Portal.Search.Analysis;

/// <summary>
/// Folds Traditional Chinese characters (and the Taiwan and Hong Kong forms) to Simplified ones, one character for one,
/// so '路燈' and '路灯' index and query alike. The table is <c>ChineseVariants.txt</c> beside this file, generated from
/// OpenCC's character dictionaries (Apache License 2.0) by <c>scripts/generate-chinese-variants.mjs</c>.
/// </summary>
public static class ChineseVariants
{
    private static readonly char[] Table = Load();

    /// <summary>The Simplified form of <paramref name="c"/>, or <paramref name="c"/> itself.</summary>
    public static char Simplify(char c) => Table[c];

    private static char[] Load()
    {
        var table = new char[char.MaxValue + 1];
        for (var i = 0; i < table.Length; i++) table[i] = (char)i;
        using var stream = typeof(ChineseVariants).Assembly.GetManifestResourceStream("Portal.Search.Analysis.ChineseVariants.txt")
            ?? throw new InvalidOperationException("The embedded ChineseVariants.txt is missing.");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 2 && line[0] != '#') table[line[0]] = line[1];
        }
        return table;
    }
}
