using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Portal.Testing;

namespace Portal.E2E;

/// <summary>The GraphQL explorer in Chromium under the site's CSP: suggestions while typing, Ctrl+Enter, variables checked first.</summary>
public class GraphQLExplorerTests(Browser browser, MicroWishPortalServer server) : IClassFixture<Browser>, IClassFixture<MicroWishPortalServer>
{
    private async Task<IPage> ExplorerAsync(bool bypassCsp = false)
    {
        var page = await browser.NewPageAsync(server.BaseAddress, bypassCsp: bypassCsp);
        await page.GotoAsync("/login?returnUrl=%2Fadmin%2Fgraphql");
        await page.Locator("#UserName").FillAsync(SetUpPortalServer.AdminUserName);
        await page.Locator("#Password").FillAsync(PortalServer.Password);
        await page.Locator("form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/admin/graphql");
        // The schema is read once the page has loaded; suggestions need it.
        await Assertions.Expect(page.Locator("#graphql-explorer")).ToHaveAttributeAsync("data-schema", "ready");
        return page;
    }

    private static async Task ClearQueryAsync(IPage page)
    {
        var query = page.GetByLabel("查询", new() { Exact = true });
        await query.FillAsync("");
        await query.FocusAsync();
    }

    [Fact]
    public async Task An_administrator_writes_a_query_with_suggestions_runs_it_with_Ctrl_Enter_and_reads_the_seeded_stories()
    {
        var page = await ExplorerAsync();
        var cspErrors = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy")) cspErrors.Add(message.Text); };
        var query = page.GetByLabel("查询", new() { Exact = true });
        var options = page.Locator("#graphql-suggestions [role=option]");
        await ClearQueryAsync(page);

        await page.Keyboard.TypeAsync("{ sto");
        await Assertions.Expect(options.Filter(new() { HasText = "storyConnection" })).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator("#graphql-suggestions")).ToBeHiddenAsync();
        await page.Keyboard.TypeAsync("ry(fi");
        // Arguments of the field before the parenthesis, the first one highlighted for the screen reader too.
        await Assertions.Expect(options.First).ToContainTextAsync("first");
        await Assertions.Expect(query).ToHaveAttributeAsync("aria-activedescendant", "graphql-suggestion-0");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync(": 2) { disp");
        // Fields of the selection's type (Story), with their types beside them.
        await Assertions.Expect(options).ToHaveCountAsync(1);
        await Assertions.Expect(options.First).ToContainTextAsync("displayText");
        await Assertions.Expect(options.First).ToContainTextAsync("String");
        await Assertions.Expect(page.Locator("#graphql-announcer")).ToContainTextAsync("1 条建议");
        await Browser.ScreenshotAsync(page, "graphql-explorer-suggestions");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync(" } }");
        Assert.Equal("{ story(first: 2) { displayText } }", await query.InputValueAsync());

        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(page.Locator("#graphql-status")).ToHaveTextAsync("HTTP 状态 200 OK");
        var result = JsonNode.Parse(await page.Locator("#graphql-result").InnerTextAsync())!;
        var stories = result["data"]!["story"]!.AsArray();
        Assert.Equal(2, stories.Count);
        var recipe = await File.ReadAllTextAsync(Path.Combine(Browser.RepositoryRoot(), "recipes", "micro-wish.recipe.json"));
        foreach (var story in stories)
        {
            var title = story!["displayText"]!.GetValue<string>();
            Assert.NotEmpty(title);
            Assert.Contains($"\"Title\": \"{title}\"", recipe);
        }
        await Browser.ScreenshotAsync(page, "graphql-explorer-result");

        // Broken variables are named and nothing is sent.
        var sent = 0;
        page.Request += (_, request) => { if (request.Url.Contains("/api/graphql")) sent++; };
        var before = await page.Locator("#graphql-result").InnerTextAsync();
        await page.GetByLabel("变量（JSON）").FillAsync("{ \"first\": ");
        await page.GetByRole(AriaRole.Button, new() { Name = "执行", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#graphql-variables-error")).ToContainTextAsync("变量不是有效的 JSON");
        await Assertions.Expect(page.GetByLabel("变量（JSON）")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByLabel("变量（JSON）")).ToBeFocusedAsync();
        await page.GetByLabel("变量（JSON）").FillAsync("[1, 2]");
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(page.Locator("#graphql-variables-error")).ToContainTextAsync("变量必须是 JSON 对象");
        Assert.Equal(0, sent);
        Assert.Equal(before, await page.Locator("#graphql-result").InnerTextAsync());

        // Corrected variables go out with the query, and a validation error answers 400 with the message.
        await page.GetByLabel("变量（JSON）").FillAsync("{ \"n\": 1 }");
        await Assertions.Expect(page.Locator("#graphql-variables-error")).ToBeHiddenAsync();
        await query.FillAsync("query Latest($n: Int) { story(first: $n) { displayText nope } }");
        await page.GetByRole(AriaRole.Button, new() { Name = "执行", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#graphql-status")).ToHaveTextAsync("HTTP 状态 400 Bad Request");
        await Assertions.Expect(page.Locator("#graphql-result")).ToContainTextAsync("nope");
        Assert.Equal(1, sent);
        Assert.Empty(cspErrors);
    }

    [Fact]
    public async Task The_explorer_with_suggestions_open_and_an_answer_shown_has_no_serious_accessibility_violations()
    {
        var page = await ExplorerAsync(bypassCsp: true);
        await page.GetByRole(AriaRole.Button, new() { Name = "执行", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#graphql-status")).ToHaveTextAsync("HTTP 状态 200 OK");
        await ClearQueryAsync(page);
        await page.Keyboard.TypeAsync("{ story { campaign { contentItems { ... on Camp");
        await Assertions.Expect(page.Locator("#graphql-suggestions [role=option]").First).ToContainTextAsync("Campaign");
        Assert.Empty(await PageChecks.AxeAsync(page));
    }

    [Theory]
    [InlineData("{ story(status: PUB", "PUBLISHED")]
    [InlineData("{ story(where: { OR: [{ displayText_con", "displayText_contains")]
    [InlineData("{ story(first: 1, orderBy: { publishedUtc: DE", "DESC")]
    [InlineData("query Q($after: Str", "String")]
    [InlineData("{ storyConnection(first: 1) { pageInfo { hasN", "hasNextPage")]
    public async Task Suggestions_follow_arguments_into_input_objects_enum_values_and_variable_types(string typed, string suggested)
    {
        var page = await ExplorerAsync();
        await ClearQueryAsync(page);
        await page.Keyboard.TypeAsync(typed);
        await Assertions.Expect(page.Locator("#graphql-suggestions [role=option]").First).ToContainTextAsync(suggested);
        await page.Keyboard.PressAsync("Tab");
        Assert.EndsWith(suggested, await page.GetByLabel("查询", new() { Exact = true }).InputValueAsync());
    }
}
