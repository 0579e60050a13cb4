using System.Text.Json.Nodes;
using Portal.Core.Content;

namespace Portal.Core.Tests.Content;

public abstract partial class ContentEngineSuite
{
    [Fact]
    public async Task Invalid_fields_are_reported_by_path_and_nothing_is_saved()
    {
        var type = await StoryTypeAsync();

        var result = await CreateAsync(type, "", fill: item =>
        {
            item.Field(type, "Subtitle")["Text"] = new string('长', 41);
            item.Field(type, "Rank")["Value"] = "many";
            item.Field(type, "Category")["Value"] = "weapons";
            item.Field(type, "Happened")["Value"] = "not a date";
            item.Field(type, "Featured")["Value"] = "yes";
        });

        Assert.False(result.Succeeded);
        var paths = result.Errors.Select(e => e.Path).ToHashSet();
        Assert.Contains("TitlePart.Title", paths);
        Assert.Contains($"{type}.Subtitle", paths);
        Assert.Contains($"{type}.Rank", paths);
        Assert.Contains($"{type}.Category", paths);
        Assert.Contains($"{type}.Happened", paths);
        Assert.Contains($"{type}.Featured", paths);
        Assert.Contains(result.Errors, e => e.Message.Contains("'weapons'") && e.Message.Contains("study, supplies"));
        Assert.Equal(0, await CountRowsAsync(type));
    }

    [Fact]
    public async Task Numbers_outside_the_configured_range_are_refused()
    {
        var type = await StoryTypeAsync();

        var result = await CreateAsync(type, "Range", fill: item => item.Field(type, "Rank")["Value"] = 101);

        Assert.Equal($"{type}.Rank", Assert.Single(result.Errors).Path);
        Assert.Contains("100", result.Errors[0].Message);
    }

    [Fact]
    public async Task A_field_value_of_the_wrong_shape_is_refused()
    {
        var type = await StoryTypeAsync();

        var result = await CreateAsync(type, "Shape", fill: item => item.Part(type)["Subtitle"] = "plain string");

        Assert.Equal($"{type}.Subtitle", Assert.Single(result.Errors).Path);
    }

    [Fact]
    public async Task Required_fields_must_be_filled()
    {
        var type = UniqueType("Wish");
        await DefineAsync(new Portal.Testing.DefinitionBuilder(type).Parts("TitlePart")
            .Field("Item", "TextField", new JsonObject { ["Required"] = true }, displayName: "心愿物品"));

        var result = await CreateAsync(type, "No item");

        var error = Assert.Single(result.Errors);
        Assert.Equal($"{type}.Item", error.Path);
        Assert.Contains("心愿物品", error.Message);
    }

    [Fact]
    public async Task An_unknown_content_type_is_refused_with_its_name()
    {
        var result = await Scope((cm, _) => cm.CreateAsync(new ContentItem { ContentType = "NoSuchType" }));

        Assert.Contains("'NoSuchType'", Assert.Single(result.Errors).Message);
        Assert.Null(await Scope((cm, _) => cm.NewAsync("NoSuchType")));
    }

    [Fact]
    public async Task A_definition_with_an_unknown_field_kind_is_refused_and_the_old_definitions_stay()
    {
        var type = await StoryTypeAsync();
        var before = await Scope((_, defs) => defs.GetAsync());

        var errors = await Scope((_, defs) => defs.AlterAsync(d =>
            d.ContentParts.First(p => p.Name == type).Fields.Add(new() { Name = "Bad", FieldName = "NoSuchField" })));

        Assert.Contains("'NoSuchField'", Assert.Single(errors).Message);
        var after = await Scope((_, defs) => defs.GetAsync());
        Assert.Equal(before.ContentParts.First(p => p.Name == type).Fields.Count, after.ContentParts.First(p => p.Name == type).Fields.Count);
    }

    [Fact]
    public async Task Html_bodies_are_sanitized_on_save()
    {
        var type = await StoryTypeAsync();

        var item = Ok(await CreateAsync(type, "XSS", fill: i => i.Part("HtmlBodyPart")["Html"] =
            "<p onclick=\"steal()\">Hi<script>alert(1)</script></p><a href=\"javascript:alert(1)\">x</a><img src=x onerror=alert(1)>"));

        var html = item.Content["HtmlBodyPart"]!["Html"]!.GetValue<string>();
        Assert.DoesNotContain("script", html);
        Assert.DoesNotContain("onclick", html);
        Assert.DoesNotContain("onerror", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.Contains("<p>Hi</p>", html);
    }
}
