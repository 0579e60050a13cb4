using Portal.Core.Content;

namespace Portal.Core.Tests.Content;

public abstract partial class ContentEngineSuite
{
    [Fact]
    public async Task Chinese_titles_give_readable_permalinks_made_unique_with_a_number()
    {
        var type = await StoryTypeAsync();
        var title = "路灯亮了 " + Guid.NewGuid().ToString("N")[..6];

        var first = Ok(await CreateAsync(type, title));
        var second = Ok(await CreateAsync(type, title));

        var slug = first.Content["AutoroutePart"]!["Path"]!.GetValue<string>();
        Assert.StartsWith("路灯亮了-", slug);
        Assert.Equal(slug + "-2", second.Content["AutoroutePart"]!["Path"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_title_without_letters_falls_back_to_the_item_id()
    {
        var type = await StoryTypeAsync();

        var item = Ok(await CreateAsync(type, "!!! ???"));

        Assert.Equal(item.ContentItemId, item.Content["AutoroutePart"]!["Path"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_typed_permalink_that_another_item_holds_is_refused()
    {
        var type = await StoryTypeAsync();
        var path = "stories/" + Guid.NewGuid().ToString("N")[..8];
        Ok(await CreateAsync(type, "Holder", fill: i => i.Part("AutoroutePart")["Path"] = path));

        var result = await CreateAsync(type, "Taker", fill: i => i.Part("AutoroutePart")["Path"] = path);

        var error = Assert.Single(result.Errors);
        Assert.Equal("AutoroutePart.Path", error.Path);
        Assert.Contains(path, error.Message);
    }

    [Theory]
    [InlineData("Street Lamp, Taizhou!", "street-lamp-taizhou")]
    [InlineData("  微心愿：一台电风扇  ", "微心愿-一台电风扇")]
    [InlineData("ＡＢＣ１２３", "abc123")]
    public void Slugs_keep_letters_of_every_script(string title, string slug) =>
        Assert.Equal(slug, Portal.Core.Content.Parts.AutoroutePartHandler.Slugify(title));
}
