using Portal.Search.Analysis;

namespace Portal.Search.Tests.Analysis;

public class TextAnalyzerTests
{
    [Fact]
    public void Simplified_chinese_becomes_bigrams_then_unigrams()
    {
        Assert.Equal(["路灯", "灯坏", "坏了", "路", "灯", "坏", "了"], TextAnalyzer.IndexTokens("路灯坏了"));
    }

    [Fact]
    public void Traditional_chinese_folds_to_simplified_and_is_split_the_same_way()
    {
        Assert.Equal(["书包", "书", "包"], TextAnalyzer.IndexTokens("書包"));
        Assert.Equal(["台湾", "湾的", "的路", "路灯", "台", "湾", "的", "路", "灯"], TextAnalyzer.IndexTokens("臺灣的路燈"));
        Assert.Equal(TextAnalyzer.IndexTokens("路灯 书包 电风扇"), TextAnalyzer.IndexTokens("路燈 書包 電風扇"));
    }

    [Fact]
    public void Taiwan_and_hong_kong_forms_fold_with_the_rest()
    {
        Assert.Equal(TextAnalyzer.IndexTokens("里面的线"), TextAnalyzer.IndexTokens("裡面的綫"));
        Assert.Equal(TextAnalyzer.IndexTokens("里面的线"), TextAnalyzer.IndexTokens("裏面的線"));
    }

    [Fact]
    public void Folding_keeps_the_length_and_leaves_simplified_latin_and_kana_alone()
    {
        const string text = "路燈 Ｌａｍｐ 书包 かな 한국";
        var folded = TextAnalyzer.Fold(text);
        Assert.Equal(text.Length, folded.Length);
        Assert.Equal("路灯 lamp 书包 かな 한국", folded);
    }

    [Fact]
    public void English_words_and_numbers_are_lower_cased_and_punctuation_dropped()
    {
        Assert.Equal(["street", "lamps", "fixed", "in", "2026", "3", "5"], TextAnalyzer.IndexTokens("Street-lamps FIXED, in 2026 (3.5)!"));
    }

    [Fact]
    public void Full_width_letters_and_digits_fold_to_half_width()
    {
        Assert.Equal(["taizhou", "2026"], TextAnalyzer.IndexTokens("ＴＡＩＺＨＯＵ　２０２６"));
        Assert.Equal('a', TextAnalyzer.Fold('Ａ'));
    }

    [Fact]
    public void Chinese_punctuation_separates_runs_and_is_dropped()
    {
        Assert.Equal(["书包", "文具", "书", "包", "文", "具"], TextAnalyzer.IndexTokens("书包，“文具”。"));
    }

    [Fact]
    public void Mixed_text_keeps_words_and_runs_in_order()
    {
        Assert.Equal(["taizhou", "路灯", "修好", "路", "灯", "修", "好"],
            TextAnalyzer.IndexTokens("Taizhou路灯 修好").ToList());
        var terms = TextAnalyzer.Terms("用iPhone拍照");
        Assert.Equal([new Term("用", true), new Term("iphone", false), new Term("拍照", true)], terms);
    }

    [Fact]
    public void Characters_beyond_the_basic_plane_stay_whole()
    {
        Assert.Equal(["𠮷野", "𠮷", "野"], TextAnalyzer.IndexTokens("𠮷野"));
    }

    [Fact]
    public void Very_long_words_are_cut()
    {
        var token = Assert.Single(TextAnalyzer.IndexTokens(new string('x', 500)));
        Assert.Equal(TextAnalyzer.MaxWordLength, token.Length);
    }

    [Fact]
    public void Empty_and_punctuation_only_text_gives_no_tokens()
    {
        Assert.Empty(TextAnalyzer.IndexTokens(null));
        Assert.Empty(TextAnalyzer.IndexTokens("  ，。！？ -- "));
    }
}

public class SearchQueryParserTests
{
    private static IEnumerable<string[]> Clauses(string query) =>
        SearchQueryParser.Parse(query).Clauses.Select(c => c.Tokens.ToArray());

    [Fact]
    public void One_character_query_is_the_unigram()
    {
        Assert.Equal([["灯"]], Clauses("灯"));
    }

    [Fact]
    public void Two_character_queries_are_one_bigram()
    {
        Assert.Equal([["路灯"]], Clauses("路灯"));
        Assert.Equal([["书包"]], Clauses("书包"));
    }

    [Fact]
    public void Longer_runs_are_phrases_of_adjacent_bigrams()
    {
        Assert.Equal([["微心", "心愿"]], Clauses("微心愿"));
    }

    [Fact]
    public void Mixed_query_gives_one_clause_per_word_or_run()
    {
        Assert.Equal([["taizhou"], ["路灯"]], Clauses("Taizhou 路灯"));
    }

    [Fact]
    public void Quoted_text_is_one_phrase_in_ascii_or_chinese_quotes()
    {
        Assert.Equal([["street", "lamp"], ["fixed"]], Clauses("\"Street lamp\" fixed"));
        Assert.Equal([["taizhou", "路灯"]], Clauses("“Taizhou 路灯”"));
        Assert.Equal([["书包"], ["文具"]], Clauses("「书包」 文具"));
    }

    [Fact]
    public void An_unclosed_quote_runs_to_the_end()
    {
        Assert.Equal([["old"], ["street", "lamp"]], Clauses("old \"street lamp"));
    }

    [Fact]
    public void Repeated_words_and_punctuation_add_nothing()
    {
        Assert.Equal([["lamp"]], Clauses("lamp LAMP ！"));
        Assert.True(SearchQueryParser.Parse("  ！？  ").IsEmpty);
        Assert.True(SearchQueryParser.Parse(null).IsEmpty);
    }

    [Fact]
    public void Highlight_terms_put_longer_terms_first()
    {
        Assert.Equal(["路灯", "路"], SearchQueryParser.Parse("路 路灯").HighlightTerms.Select(t => t.Text));
    }

    [Fact]
    public void Too_many_clauses_are_capped()
    {
        var query = string.Join(' ', Enumerable.Range(0, 40).Select(i => "w" + i));
        Assert.Equal(SearchQueryParser.MaxClauses, SearchQueryParser.Parse(query).Clauses.Count);
    }
}
