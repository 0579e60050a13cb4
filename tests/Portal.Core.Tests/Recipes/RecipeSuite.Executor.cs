using Portal.Core.Content;

namespace Portal.Core.Tests.Recipes;

public abstract partial class RecipeSuite
{
    [Fact]
    public async Task A_recipe_defines_types_creates_items_and_sets_settings()
    {
        var type = Unique("Story");
        var group = Unique("Group");
        var (published, draft) = (Unique("p"), Unique("d"));

        var result = await RunJsonAsync(Recipe(
            DefinitionStep(type),
            $$"""{ "name": "Content", "Data": [ {{Item(type, published, "路灯亮了")}}, {{Item(type, draft, "草稿", published: false)}} ] }""",
            $$"""{ "name": "settings", "{{group}}": { "SiteName": "微心愿" } }"""));

        Ok(result);
        Assert.Equal(3, result.StepsExecuted);
        Assert.Equal("路灯亮了", (await GetAsync(published))!.DisplayText);
        Assert.Null(await GetAsync(draft));
        Assert.Equal("草稿", (await GetAsync(draft, VersionOptions.Latest))!.DisplayText);
        Assert.Equal("微心愿", (await SettingsAsync(group))["SiteName"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_item_that_exists_is_updated()
    {
        var type = Unique("Story");
        var id = Unique("i");
        Ok(await RunJsonAsync(Recipe(DefinitionStep(type), $$"""{ "name": "content", "Data": [ {{Item(type, id, "旧标题")}} ] }""")));

        Ok(await RunJsonAsync(Recipe($$"""{ "name": "content", "Data": [ {{Item(type, id, "新标题")}} ] }""")));

        Assert.Equal("新标题", (await GetAsync(id))!.DisplayText);
    }

    [Fact]
    public async Task An_unknown_step_is_named_and_nothing_changes()
    {
        var type = Unique("Story");
        var group = Unique("Group");

        var failure = Failed(await RunJsonAsync(Recipe(
            DefinitionStep(type),
            $$"""{ "name": "settings", "{{group}}": { "SiteName": "x" } }""",
            """{ "name": "Wobble", "Anything": 1 }""")));

        Assert.Equal(2, failure.StepIndex);
        Assert.Equal("Wobble", failure.StepName);
        Assert.Contains("no recipe step named 'Wobble'", failure.Message);
        Assert.StartsWith("Step 3 (Wobble) failed:", failure.ToString());
        Assert.False(await TypeExistsAsync(type));
        Assert.Empty(await SettingsAsync(group));
    }

    [Fact]
    public async Task A_failing_third_step_reports_itself_and_the_first_two_leave_nothing()
    {
        var type = Unique("Story");
        var id = Unique("i");
        var target = Unique("file") + ".txt";

        var failure = Failed(await RunJsonAsync(Recipe(
            DefinitionStep(type),
            $$"""{ "name": "content", "Data": [ {{Item(type, id, "一个心愿")}} ] }""",
            $$"""{ "name": "media", "Files": [ { "TargetPath": "{{target}}", "Base64": "aGVsbG8=" } ] }""",
            """{ "name": "settings", "General": "not a group" }""")));

        Assert.Equal(3, failure.StepIndex);
        Assert.Equal("settings", failure.StepName);
        Assert.Contains("'General' must be an object", failure.Message);
        Assert.False(await TypeExistsAsync(type));
        Assert.Equal(0, await CountItemsAsync(type));
        Assert.False(File.Exists(MediaPath(target)));
    }

    [Fact]
    public async Task An_expression_error_fails_its_step_with_the_expression()
    {
        var type = Unique("Story");

        var failure = Failed(await RunJsonAsync(Recipe(
            DefinitionStep(type),
            """{ "name": "settings", "General": { "SiteName": "[js: nosuch()]" } }""")));

        Assert.Equal(1, failure.StepIndex);
        Assert.Contains("[js: nosuch()]", failure.Message);
        Assert.False(await TypeExistsAsync(type));
    }

    [Fact]
    public async Task An_invalid_content_item_is_reported_with_its_id_field_and_reason()
    {
        var type = Unique("Story");
        var (good, bad) = (Unique("good"), Unique("bad"));

        var failure = Failed(await RunJsonAsync(Recipe(
            DefinitionStep(type),
            $$"""{ "name": "content", "Data": [ {{Item(type, good, "好的")}}, {{Item(type, bad, "太长", subtitle: "这个副标题远远超过十个字的限制")}} ] }""")));

        Assert.Equal(1, failure.StepIndex);
        Assert.Contains(bad, failure.Message);
        Assert.Contains($"{type}.Subtitle", failure.Message);
        Assert.Contains("10", failure.Message);
        Assert.Equal(0, await CountItemsAsync(type));
        Assert.False(await TypeExistsAsync(type));
    }

    [Fact]
    public async Task A_content_item_id_longer_than_26_characters_is_refused_on_any_database()
    {
        var type = Unique("Story");
        var id = new string('x', 30);

        var failure = Failed(await RunJsonAsync(Recipe(DefinitionStep(type), $$"""{ "name": "content", "Data": [ {{Item(type, id, "太长的编号")}} ] }""")));

        Assert.Contains($"Item {id}: ContentItemId: must be at most 26 characters", failure.Message);
        Assert.Equal(0, await CountItemsAsync(type));
    }

    [Fact]
    public async Task Content_of_an_unknown_type_is_refused()
    {
        var failure = Failed(await RunJsonAsync(Recipe(
            """{ "name": "content", "Data": [ { "ContentItemId": "x1", "ContentType": "NoSuchType", "TitlePart": { "Title": "x" } } ] }""")));

        Assert.Contains("x1", failure.Message);
        Assert.Contains("'NoSuchType' does not exist", failure.Message);
    }

    [Fact]
    public async Task Invalid_definitions_fail_the_step()
    {
        var failure = Failed(await RunJsonAsync(Recipe("""
            { "name": "ContentDefinition", "ContentParts": [ { "Name": "Odd", "ContentPartFieldDefinitionRecords": [ { "FieldName": "WarpField", "Name": "Speed" } ] } ] }
            """)));

        Assert.Equal("ContentDefinition", failure.StepName);
        Assert.Contains("unknown kind 'WarpField'", failure.Message);
    }
}
