using System.Globalization;
using Portal.Core.Localization;

namespace Portal.Core.Tests.Localization;

public class PoCatalogTests
{
    [Fact]
    public void Entries_with_continued_lines_and_escapes_are_read()
    {
        var entries = PoCatalog.Parse("""
            msgid ""
            msgstr ""
            "Content-Type: text/plain\n"

            # a comment
            msgid "Save"
            msgstr "保存"

            msgid "Say \"hi\""
            msgstr "说"
            "“你好”"

            msgid "Untranslated"
            msgstr ""
            """).ToDictionary(e => e.Id, e => e.Text);

        Assert.Equal("保存", entries["Save"]);
        Assert.Equal("说“你好”", entries["Say \"hi\""]);
        Assert.False(entries.ContainsKey("Untranslated"));
        Assert.False(entries.ContainsKey(""));
    }

    [Fact]
    public void Core_messages_are_translated_for_zh_CN_and_fall_back_to_English_elsewhere()
    {
        var catalog = new PoCatalog([typeof(PoCatalog).Assembly]);
        var localizer = new PoStringLocalizer(catalog);
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
            Assert.Equal("标题为必填项。", localizer["A title is required."].Value);
            CultureInfo.CurrentUICulture = new CultureInfo("en");
            Assert.Equal("A title is required.", localizer["A title is required."].Value);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void Traditional_Chinese_without_its_own_translation_falls_back_to_zh_CN_not_English()
    {
        var catalog = new PoCatalog([typeof(PoCatalog).Assembly]);

        Assert.Equal("标题为必填项。", catalog.Translate(new CultureInfo("zh-TW"), "A title is required."));
        Assert.Equal("标题为必填项。", catalog.Translate(new CultureInfo("zh-HK"), "A title is required."));
        Assert.Null(catalog.Translate(new CultureInfo("en"), "A title is required."));
        Assert.Null(catalog.Translate(new CultureInfo("zh-TW"), "A text nobody translated"));
    }
}
