using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;
using Portal.Testing;

namespace Portal.Contents.Tests;

public class ItemEditorTests(PortalServer server) : IClassFixture<PortalServer>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await using var scope = server.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ContentDefinitionStore>();
        if (await store.GetTypeAsync("LampRequest") is not null) return;
        await new DefinitionBuilder("LampRequest").Parts("TitlePart", "AutoroutePart")
            .PartSetting("TitlePart", "TitlePartSettings", "Required", true)
            .Field("Lamps", "NumericField", new JsonObject { ["Minimum"] = 1, ["Maximum"] = 20, ["Required"] = true }, "路灯数量")
            .Field("Urgent", "BooleanField", displayName: "紧急")
            .Field("Category", "EnumerationField", new JsonObject
            {
                ["Options"] = new JsonArray(new JsonObject { ["Value"] = "study", ["Text"] = "学习用品" }, new JsonObject { ["Value"] = "essential", ["Text"] = "必需物资" }),
            }, "类别")
            .Field("Deadline", "DateField", displayName: "截止日期")
            .Field("VisitAt", "DateTimeField", displayName: "上门时间")
            .Field("Photos", "MediaField", new JsonObject { ["Multiple"] = true }, "照片")
            .Field("Notes", "MarkdownField", displayName: "备注")
            .SaveAsync(store);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<ContentItem?> LatestAsync(string id)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ContentManager>().GetAsync(id, VersionOptions.Latest);
    }

    private async Task<ContentItem?> PublishedAsync(string id)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ContentManager>().GetAsync(id);
    }

    private static string IdFrom(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Browser.PathOf(response.Headers.Location!).Split('/')[3];
    }

    private static WebForm Filled(WebForm form, string title) => form
        .Set("TitlePart.Title", title).Set("LampRequest.Lamps.Value", "3").Check("LampRequest.Urgent.Value")
        .Set("LampRequest.Category.Value", "essential").Set("LampRequest.Deadline.Value", "2026-12-31").Set("LampRequest.VisitAt.Value", "2026-12-01T09:30")
        .Set("LampRequest.Photos.Paths", "wishes/lamp.jpg", "", "").Set("LampRequest.Photos.MediaTexts", "路口的灯", "", "")
        .Set("LampRequest.Notes.Markdown", "**晚上**看不清路");

    [Fact]
    public async Task An_item_is_created_as_a_draft_published_unpublished_and_deleted_through_the_forms()
    {
        var client = await AdminUsers.ContentAdminAsync(server);
        var page = await Browser.GetPageAsync(client, "/admin/content/new/LampRequest");
        Assert.Equal("路灯数量", page.QuerySelector("label[for=LampRequest_Lamps_Value]")!.TextContent.Replace("*", "").Trim());

        var id = IdFrom(await Filled(page.Form("/admin/content/new/LampRequest"), "路口装一盏灯").SubmitAsync(client, "submit", "save"));

        var draft = await LatestAsync(id);
        Assert.False(draft!.Published);
        Assert.Equal("路口装一盏灯", draft.DisplayText);
        Assert.Equal(3, JsonValues.Number(draft.Content["LampRequest"]!["Lamps"]!["Value"]));
        Assert.Equal(true, JsonValues.Boolean(draft.Content["LampRequest"]!["Urgent"]!["Value"]));
        Assert.Equal("essential", draft.Content["LampRequest"]!["Category"]!["Value"]!.GetValue<string>());
        // A time typed without a zone is the site's (Asia/Shanghai unless set otherwise), stored as UTC.
        Assert.Equal("2026-12-01T01:30:00Z", draft.Content["LampRequest"]!["VisitAt"]!["Value"]!.GetValue<string>());
        Assert.Equal(["wishes/lamp.jpg"], draft.Content["LampRequest"]!["Photos"]!["Paths"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal(["路口的灯"], draft.Content["LampRequest"]!["Photos"]!["MediaTexts"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal("路口装一盏灯", draft.Content["AutoroutePart"]!["Path"]!.GetValue<string>());

        var edit = await Browser.GetPageAsync(client, $"/admin/content/{id}/edit");
        Assert.Equal("3", edit.GetElementById("LampRequest_Lamps_Value")!.GetAttribute("value"));
        Assert.Equal("2026-12-01T09:30", edit.GetElementById("LampRequest_VisitAt_Value")!.GetAttribute("value"));
        Assert.NotNull(edit.GetElementById("LampRequest_Urgent_Value")!.GetAttribute("checked"));
        Assert.Equal("路口装一盏灯", edit.GetElementById("AutoroutePart_Path")!.GetAttribute("placeholder"));
        await edit.Form($"/admin/content/{id}/edit").SubmitAsync(client, "submit", "publish");
        Assert.NotNull(await PublishedAsync(id));

        edit = await Browser.GetPageAsync(client, $"/admin/content/{id}/edit");
        Assert.Equal("已发布", edit.QuerySelector(".page-head .status")!.TextContent);
        var unpublished = await edit.Form($"/admin/content/{id}/unpublish").SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, unpublished.StatusCode);
        Assert.Null(await PublishedAsync(id));

        var confirm = await Browser.GetPageAsync(client, $"/admin/content/{id}/delete");
        Assert.Contains("路口装一盏灯", confirm.QuerySelector("h1")!.TextContent);
        await confirm.Form($"/admin/content/{id}/delete").SubmitAsync(client);
        Assert.Null(await LatestAsync(id));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/admin/content/{id}/edit")).StatusCode);
    }

    [Fact]
    public async Task Invalid_values_are_shown_next_to_their_fields_with_what_was_typed_and_nothing_is_saved()
    {
        var client = await AdminUsers.ContentAdminAsync(server);
        var page = await Browser.GetPageAsync(client, "/admin/content/new/LampRequest");

        var response = await Filled(page.Form("/admin/content/new/LampRequest"), "").Set("LampRequest.Lamps.Value", "40").SubmitAsync(client, "submit", "save");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var result = await Browser.ReadPageAsync(response);
        Assert.Equal("标题为必填项。", result.ErrorNextTo("TitlePart_Title"));
        Assert.Contains("路灯数量", result.ErrorNextTo("LampRequest_Lamps"));
        Assert.Equal(2, result.Summary().Count);
        Assert.Equal("40", result.GetElementById("LampRequest_Lamps_Value")!.GetAttribute("value"));
        Assert.Equal("true", result.GetElementById("LampRequest_Lamps_Value")!.GetAttribute("aria-invalid"));
        Assert.Equal("路口的灯", result.GetElementById("LampRequest_Photos_MediaTexts_0")!.GetAttribute("value"));
        Assert.Equal("essential", result.QuerySelector("#LampRequest_Category_Value option[selected]")!.GetAttribute("value"));
        await using var scope = server.Services.CreateAsyncScope();
        var count = (await scope.ServiceProvider.GetRequiredService<ContentManager>()
            .QueryAsync(new ContentQuery { Types = ["LampRequest"], Status = ContentStatus.All, DisplayTextContains = "" })).Items
            .Count(i => i.Content["LampRequest"]?["Lamps"]?["Value"] is JsonValue v && JsonValues.NumberOrNumericText(v) == 40);
        Assert.Equal(0, count);
    }

    [Fact]
    public async Task A_stale_form_is_refused_with_the_message_and_the_current_values_and_overwrites_nothing()
    {
        var client = await AdminUsers.ContentAdminAsync(server);
        var page = await Browser.GetPageAsync(client, "/admin/content/new/LampRequest");
        var id = IdFrom(await Filled(page.Form("/admin/content/new/LampRequest"), "给孩子一个书包").SubmitAsync(client, "submit", "save"));
        var first = await Browser.GetPageAsync(client, $"/admin/content/{id}/edit");
        var second = await Browser.GetPageAsync(client, $"/admin/content/{id}/edit");
        await first.Form($"/admin/content/{id}/edit").Set("TitlePart.Title", "给孩子一个新书包").SubmitAsync(client, "submit", "save");

        var response = await second.Form($"/admin/content/{id}/edit").Set("TitlePart.Title", "旧的修改").SubmitAsync(client, "submit", "save");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var result = await Browser.ReadPageAsync(response);
        Assert.Contains("未保存", string.Join(" ", result.Summary()) + result.QuerySelector("#error-summary h2")!.TextContent);
        Assert.Equal("给孩子一个新书包", result.GetElementById("TitlePart_Title")!.GetAttribute("value"));
        Assert.Equal("给孩子一个新书包", (await LatestAsync(id))!.DisplayText);
        var stamp = result.Form($"/admin/content/{id}/edit").Values("ConcurrencyStamp").Single();
        Assert.Equal((await LatestAsync(id))!.ConcurrencyStamp, stamp);
    }

    [Fact]
    public async Task A_writer_can_save_drafts_but_not_publish_and_sees_no_publish_buttons()
    {
        var client = await AdminUsers.WriterAsync(server);
        var page = await Browser.GetPageAsync(client, "/admin/content/new/LampRequest");
        Assert.Null(page.QuerySelector("button[value=publish]"));

        var id = IdFrom(await Filled(page.Form("/admin/content/new/LampRequest"), "收音机").SubmitAsync(client, "submit", "save"));
        var edit = await Browser.GetPageAsync(client, $"/admin/content/{id}/edit");
        var publish = await edit.Form($"/admin/content/{id}/edit").SubmitAsync(client, "submit", "publish");

        Assert.Equal(HttpStatusCode.Forbidden, (await Browser.FollowAsync(client, publish)).StatusCode);
        Assert.Null(await PublishedAsync(id));
        Assert.Equal(HttpStatusCode.Forbidden, (await Browser.FollowAsync(client, await client.GetAsync($"/admin/content/{id}/delete"))).StatusCode);
    }

    [Fact]
    public async Task The_list_filters_by_type_status_and_title_and_pages_with_a_total()
    {
        var client = await AdminUsers.ContentAdminAsync(server);
        var marker = Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < 23; i++)
        {
            var page = await Browser.GetPageAsync(client, "/admin/content/new/LampRequest");
            await Filled(page.Form("/admin/content/new/LampRequest"), $"轮椅 {marker} {i}").SubmitAsync(client, "submit", i < 3 ? "publish" : "save");
        }

        var first = await Browser.GetPageAsync(client, $"/admin/content?type=LampRequest&status=all&q={marker}");
        Assert.Contains("23", first.GetElementById("result-count")!.TextContent);
        Assert.Equal(20, first.QuerySelectorAll("tbody tr").Length);
        Assert.Contains("2", first.QuerySelector(".pager")!.TextContent);
        var second = await Browser.GetPageAsync(client, first.QuerySelector("a[rel=next]")!.GetAttribute("href")!);
        Assert.Equal(3, second.QuerySelectorAll("tbody tr").Length);

        var published = await Browser.GetPageAsync(client, $"/admin/content?type=LampRequest&status=published&q={marker}");
        Assert.Equal(3, published.QuerySelectorAll("tbody tr").Length);
        Assert.All(published.QuerySelectorAll("tbody a"), a => Assert.Matches("^/admin/content/[0-9a-z]{26}/edit$", a.GetAttribute("href")!));
        Assert.NotNull(published.QuerySelector("a[href='/admin/content/new/LampRequest']"));
    }

    [Fact]
    public async Task Unknown_types_and_items_show_the_404_page()
    {
        var client = await AdminUsers.ContentAdminAsync(server);

        var type = await Browser.GetPageAsync(client, "/admin/content/new/NoSuchType", HttpStatusCode.NotFound);
        var item = await Browser.GetPageAsync(client, "/admin/content/nosuchitem/edit", HttpStatusCode.NotFound);
        var contentType = await Browser.GetPageAsync(client, "/admin/content-types/NoSuchType/edit", HttpStatusCode.NotFound);

        Assert.All(new[] { type, item, contentType }, page => Assert.Equal("页面不存在", page.QuerySelector("h1")!.TextContent));
    }
}
