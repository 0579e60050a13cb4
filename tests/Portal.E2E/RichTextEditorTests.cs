using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Core.Content;
using Portal.Testing;
using Portal.Theme.News.Services;

namespace Portal.E2E;

/// <summary>The story editor in Chromium under the site's CSP: toolbar, paste from Word/WeChat, autosave, two tabs, consent.</summary>
public class RichTextEditorTests(Browser browser, NewsroomServer server) : IClassFixture<Browser>, IClassFixture<NewsroomServer>
{
    private async Task<IPage> SignedInAsync(bool bypassCsp = false)
    {
        var page = await browser.NewPageAsync(server.BaseAddress, bypassCsp: bypassCsp);
        await page.GotoAsync("/login");
        await page.FillAsync("[name='UserName']", SetUpPortalServer.AdminUserName);
        await page.FillAsync("[name='Password']", PortalServer.Password);
        await page.ClickAsync("button[type='submit']");
        await page.WaitForURLAsync(u => !u.Contains("/login"));
        return page;
    }

    private async Task<string> DraftStoryAsync(string title, Action<ContentItem>? fill = null)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var story = (await content.NewAsync("Story"))!;
        story.Part("TitlePart")["Title"] = title;
        story.Part("HtmlBodyPart")["Html"] = "<p>开头。</p>";
        fill?.Invoke(story);
        var result = await content.CreateAsync(story);
        Assert.True(result.Succeeded, result.ToString());
        return story.ContentItemId;
    }

    private static Task PasteAsync(IPage page, string html) =>
        page.EvaluateAsync(@"html => {
            const target = document.querySelector('.rich-text-area .ProseMirror');
            target.focus();
            const data = new DataTransfer();
            data.setData('text/html', html);
            data.setData('text/plain', 'plain');
            target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
        }", html);

    private static Task<string> EditorHtmlAsync(IPage page) =>
        page.InputValueAsync("textarea[name='HtmlBodyPart.Html']");

    [Fact]
    public async Task Formatting_from_the_keyboard_and_a_paste_from_Word_are_saved_as_clean_HTML_by_autosave()
    {
        var id = await DraftStoryAsync("键盘写作的报道");
        var page = await SignedInAsync();
        var cspErrors = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy")) cspErrors.Add(message.Text); };
        await page.GotoAsync($"/admin/content/{id}/edit");

        await Assertions.Expect(page.Locator("[role=toolbar]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("textarea[name='HtmlBodyPart.Html']")).ToBeHiddenAsync();
        var editor = page.Locator(".rich-text-area .ProseMirror");
        await Assertions.Expect(editor).ToHaveAttributeAsync("role", "textbox");
        await editor.ClickAsync();
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("小标题");
        // Alt+F10 goes to the toolbar; arrows move to "小标题" (the third button); Enter applies it.
        await page.Keyboard.PressAsync("Alt+F10");
        await Assertions.Expect(page.Locator("[role=toolbar] button").First).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(page.Locator("[role=toolbar] button[data-command=heading3]")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[role=toolbar] button[data-command=heading3]")).ToHaveAttributeAsync("aria-pressed", "true");
        // Applying a format hands the focus back to the text (asynchronously): keep typing only once it is there.
        await Assertions.Expect(editor).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.PressAsync("Enter"); // a new paragraph after the heading, where the paste goes

        await PasteAsync(page, """
            <html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{margin:0}</style></head><body>
            <!--[if gte mso 9]><xml><o:OfficeDocumentSettings/></xml><![endif]-->
            <p class="MsoNormal" style="mso-line-height-rule:exactly;font-family:宋体"><span lang="ZH-CN" style="font-size:14pt">社区志愿者<b style="mso-bidi-font-weight:normal">上门</b>安装了灯。</span><o:p></o:p></p>
            <p class="MsoNormal"><o:p>&nbsp;</o:p></p>
            <section style="margin:10px"><section><span style="color:rgb(62,62,62)">微信里的一段话。</span></section></section>
            <ul><li style="color:red"><span>第一项</span></li></ul>
            </body></html>
            """);
        var html = await EditorHtmlAsync(page);
        Assert.Contains("<h3>小标题</h3>", html);
        Assert.Contains("<p>社区志愿者<strong>上门</strong>安装了灯。</p>", html);
        Assert.Contains("<p>微信里的一段话。</p>", html);
        Assert.Contains("第一项", html);
        Assert.DoesNotContain("style=", html);
        Assert.DoesNotContain("class=", html);
        Assert.DoesNotContain("<span", html);
        Assert.DoesNotContain("<p></p>", html);

        await Assertions.Expect(page.Locator("#autosave-status")).ToContainTextAsync("草稿已于", new() { Timeout = 20_000 });
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var saved = (await scope.ServiceProvider.GetRequiredService<ContentManager>().GetAsync(id, VersionOptions.Latest))!;
            Assert.False(saved.Published);
            var body = saved.BodyHtml();
            Assert.Contains("<h3>小标题</h3>", body);
            Assert.Contains("<strong>上门</strong>", body);
            Assert.DoesNotContain("style=", body);
        }
        Assert.True(cspErrors.Count == 0, string.Join("\n", cspErrors));
    }

    [Fact]
    public async Task Hostile_HTML_pasted_into_the_editor_never_runs_in_the_editor_nor_on_the_published_page()
    {
        var id = await DraftStoryAsync("粘贴安全测试");
        var page = await SignedInAsync();
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        await page.GotoAsync($"/admin/content/{id}/edit");
        await PasteAsync(page, PageChecks.XssCorpus + """<img src="/media/none.png" alt="图">""");
        await Assertions.Expect(page.Locator("#autosave-status")).ToContainTextAsync("草稿已于", new() { Timeout = 20_000 });
        await page.ClickAsync("button[name='submit'][value='publish']");
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("已发布");
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__xss ?? null"));

        string path;
        await using (var scope = server.Services.CreateAsyncScope())
            path = (await scope.ServiceProvider.GetRequiredService<ContentManager>().GetAsync(id))!.PublicPath()!;
        var reader = await browser.NewPageAsync(server.BaseAddress);
        reader.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        await reader.GotoAsync(path);
        await reader.WaitForTimeoutAsync(500);
        await PageChecks.AssertNoXssRanAsync(reader, dialogs);
    }

    [Fact]
    public async Task Two_tabs_editing_one_story_the_second_autosave_shows_the_conflict_and_overwrites_nothing()
    {
        var id = await DraftStoryAsync("两个标签页的报道");
        var first = await SignedInAsync();
        var second = await first.Context.NewPageAsync();
        await first.GotoAsync($"/admin/content/{id}/edit");
        await second.GotoAsync($"/admin/content/{id}/edit");

        await first.Locator(".rich-text-area .ProseMirror").ClickAsync();
        await first.Keyboard.TypeAsync("第一个标签页写的。");
        await Assertions.Expect(first.Locator("#autosave-status")).ToContainTextAsync("草稿已于", new() { Timeout = 20_000 });

        await second.Locator(".rich-text-area .ProseMirror").ClickAsync();
        await second.Keyboard.TypeAsync("第二个标签页写的。");
        var status = second.Locator("#autosave-status");
        await Assertions.Expect(status).ToContainTextAsync("修改了它", new() { Timeout = 20_000 });
        await Assertions.Expect(status).ToHaveAttributeAsync("role", "alert");

        await using var scope = server.Services.CreateAsyncScope();
        var body = (await scope.ServiceProvider.GetRequiredService<ContentManager>().GetAsync(id, VersionOptions.Latest))!.BodyHtml();
        Assert.Contains("第一个标签页写的。", body);
        Assert.DoesNotContain("第二个标签页写的。", body);
    }

    [Theory]
    [InlineData(false, true, "未同意发布圆梦报道")]
    [InlineData(true, false, "未同意发布照片")]
    public async Task A_story_about_a_wish_without_the_residents_consent_cannot_be_published_and_the_button_says_why(bool storyConsent, bool photoConsent, string reason)
    {
        string wishId;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
            var demo = (await content.QueryAsync(new ContentQuery { Types = ["Wish"], DisplayTextContains = "楼道口", Take = 1 })).Items.Single();
            var wish = (await content.NewAsync("Wish"))!;
            wish.Part("TitlePart")["Title"] = "同意测试心愿" + Guid.NewGuid().ToString("N")[..6];
            wish.Content["Wish"] = demo.Content["Wish"]!.DeepClone();
            wish.Field("Wish", "StoryConsent")["Value"] = storyConsent;
            wish.Field("Wish", "PhotoConsent")["Value"] = photoConsent;
            Assert.True((await content.CreateAsync(wish)).Succeeded);
            wishId = wish.ContentItemId;
        }
        var id = await DraftStoryAsync("同意测试报道" + Guid.NewGuid().ToString("N")[..6], story =>
        {
            story.Field("Story", "RelatedWishes")["ContentItemIds"] = new JsonArray(wishId);
            story.Field("Story", "Hero")["Paths"] = new JsonArray("photo.jpg");
            story.Field("Story", "Hero")["MediaTexts"] = new JsonArray("照片");
        });
        var page = await SignedInAsync();
        await page.GotoAsync($"/admin/content/{id}/edit");

        var publish = page.Locator("button[name='submit'][value='publish']");
        await Assertions.Expect(publish).ToBeDisabledAsync();
        var explanation = page.Locator("#" + await publish.GetAttributeAsync("aria-describedby"));
        await Assertions.Expect(explanation).ToContainTextAsync(reason);
        await Browser.ScreenshotAsync(page, "story-publish-refused-" + (storyConsent ? "photos" : "story"));

        // The server refuses too, whatever the page shows.
        var response = await page.APIRequest.PostAsync($"/admin/content/{id}/edit", new()
        {
            Form = await FormOfAsync(page, "publish"),
        });
        Assert.Equal(422, response.Status);
        await using var check = server.Services.CreateAsyncScope();
        Assert.Null(await check.ServiceProvider.GetRequiredService<ContentManager>().GetAsync(id));
    }

    private static async Task<IFormData> FormOfAsync(IPage page, string submit)
    {
        var fields = await page.EvaluateAsync<JsonElement>("() => [...new FormData(document.getElementById('item-form'))].filter(([, v]) => typeof v === 'string')");
        var form = page.APIRequest.CreateFormData();
        foreach (var pair in fields.EnumerateArray()) form.Append(pair[0].GetString()!, pair[1].GetString()!);
        form.Append("submit", submit);
        return form;
    }

    [Fact]
    public async Task Axe_finds_no_serious_or_critical_violation_in_the_story_editor_with_its_dialogs()
    {
        var id = await DraftStoryAsync("无障碍检查的报道");
        var page = await SignedInAsync(bypassCsp: true);
        await page.GotoAsync($"/admin/content/{id}/edit");
        await Assertions.Expect(page.Locator("[role=toolbar]")).ToBeVisibleAsync();
        Assert.Empty(await PageChecks.AxeAsync(page));
        await page.ClickAsync("[role=toolbar] button[data-command=image]");
        await Assertions.Expect(page.Locator("dialog.media-picker[open]")).ToBeVisibleAsync();
        Assert.Empty(await PageChecks.AxeAsync(page));
        await page.Keyboard.PressAsync("Escape");
        await page.GotoAsync("/admin/desk");
        Assert.Empty(await PageChecks.AxeAsync(page));
    }

    [Fact]
    public async Task Axe_finds_no_serious_or_critical_violation_in_the_version_history_its_comparison_and_the_restore_page()
    {
        var id = await DraftStoryAsync("版本历史的无障碍检查");
        string published;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
            Assert.True((await content.PublishAsync(id)).Succeeded);
            published = (await content.GetAsync(id))!.ContentItemVersionId;
            var draft = (await content.GetAsync(id, VersionOptions.Latest))!;
            draft.Part("TitlePart")["Title"] = "版本历史的无障碍检查（修订）";
            draft.Part("HtmlBodyPart")["Html"] = "<p>开头。</p><p>新增的第二段。</p>";
            Assert.True((await content.UpdateAsync(draft)).Succeeded);
        }
        var page = await SignedInAsync(bypassCsp: true);

        await page.GotoAsync($"/admin/content/{id}/versions");
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(2);
        Assert.Empty(await PageChecks.AxeAsync(page));

        // Compared from the list's own form, as an editor does it: the two newest are chosen by default.
        await page.ClickAsync("form[action$='/versions/compare'] button[type=submit]");
        await page.WaitForURLAsync(u => u.Contains("/versions/compare"));
        await Assertions.Expect(page.Locator(".version-change").First).ToBeVisibleAsync();
        Assert.Empty(await PageChecks.AxeAsync(page));

        await page.GotoAsync($"/admin/content/{id}/versions/{published}/restore");
        Assert.Empty(await PageChecks.AxeAsync(page));
    }
}
