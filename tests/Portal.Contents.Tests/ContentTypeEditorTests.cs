using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content.Definitions;
using Portal.Testing;

namespace Portal.Contents.Tests;

public class ContentTypeEditorTests(PortalServer server) : IClassFixture<PortalServer>
{
    private async Task<ContentTypeDefinition?> TypeAsync(string name)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ContentDefinitionStore>().GetTypeAsync(name);
    }

    private async Task<IReadOnlyList<ContentPartFieldDefinition>> FieldsAsync(string type)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var part = await scope.ServiceProvider.GetRequiredService<ContentDefinitionStore>().GetPartAsync(type);
        return part?.OrderedFields().ToList() ?? [];
    }

    private static async Task<HttpResponseMessage> CreateTypeAsync(HttpClient client, string displayName, string name)
    {
        var page = await Browser.GetPageAsync(client, "/admin/content-types/create");
        return await page.Form("/admin/content-types/create").Set("DisplayName", displayName).Set("Name", name).SubmitAsync(client);
    }

    private static async Task AddFieldAsync(HttpClient client, string type, string displayName, string name, string kind)
    {
        var page = await Browser.GetPageAsync(client, $"/admin/content-types/{type}/edit");
        var response = await page.Form($"/admin/content-types/{type}/fields")
            .Set("FieldDisplayName", displayName).Set("FieldName", name).Set("FieldKind", kind).SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task A_type_with_two_fields_is_built_through_the_forms_then_its_fields_are_reordered_configured_and_removed()
    {
        var client = await AdminUsers.ContentAdminAsync(server);

        var created = await CreateTypeAsync(client, "Street lamp request", "");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/admin/content-types/StreetLampRequest/edit", created.Headers.Location!.OriginalString);
        var type = await TypeAsync("StreetLampRequest");
        Assert.Equal("Street lamp request", type!.DisplayName);
        Assert.Contains(type.Parts, p => p.PartName == "TitlePart");

        await AddFieldAsync(client, "StreetLampRequest", "地点", "Location", "TextField");
        await AddFieldAsync(client, "StreetLampRequest", "Lamps", "", "NumericField");
        Assert.Equal(["Location", "Lamps"], (await FieldsAsync("StreetLampRequest")).Select(f => f.Name));

        var edit = await Browser.GetPageAsync(client, "/admin/content-types/StreetLampRequest/edit");
        Assert.Equal("地点", edit.GetElementById("field-Location")!.QuerySelector("th")!.TextContent);
        await edit.Form("/admin/content-types/StreetLampRequest/fields/Lamps/move").SubmitAsync(client, "direction", "up");
        Assert.Equal(["Lamps", "Location"], (await FieldsAsync("StreetLampRequest")).Select(f => f.Name));

        var settings = await Browser.GetPageAsync(client, "/admin/content-types/StreetLampRequest/fields/Lamps/edit");
        var saved = await settings.Form("/admin/content-types/StreetLampRequest/fields/Lamps/edit")
            .Set("DisplayName", "路灯数量").Check("Settings.Required").Set("Settings.Minimum", "1").Set("Settings.Maximum", "20")
            .Set("Settings.Hint", "需要几盏灯").SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var lamps = (await FieldsAsync("StreetLampRequest")).First(f => f.Name == "Lamps");
        Assert.Equal("路灯数量", lamps.DisplayName);
        Assert.True(lamps.KindSettings.Required);
        Assert.Equal(1, lamps.KindSettings.Minimum);
        Assert.Equal(20, lamps.KindSettings.Maximum);
        Assert.Equal("需要几盏灯", lamps.KindSettings.Hint);

        var confirm = await Browser.GetPageAsync(client, "/admin/content-types/StreetLampRequest/fields/Location/remove");
        Assert.Contains("地点", confirm.QuerySelector("main")!.TextContent);
        Assert.Equal(2, (await FieldsAsync("StreetLampRequest")).Count);
        await confirm.Form("/admin/content-types/StreetLampRequest/fields/Location/remove").SubmitAsync(client);
        Assert.Equal(["Lamps"], (await FieldsAsync("StreetLampRequest")).Select(f => f.Name));
    }

    [Fact]
    public async Task Type_settings_and_parts_are_saved_from_the_edit_form()
    {
        var client = await AdminUsers.ContentAdminAsync(server);
        await CreateTypeAsync(client, "Circular", "Circular");

        var page = await Browser.GetPageAsync(client, "/admin/content-types/Circular/edit");
        var response = await page.Form("/admin/content-types/Circular/edit")
            .Set("DisplayName", "活动").Uncheck("Draftable").Check("Securable")
            .Check("Parts", "AutoroutePart").Check("Parts", "HtmlBodyPart").Uncheck("Parts", "TitlePart")
            .SubmitAsync(client);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var type = await TypeAsync("Circular");
        Assert.Equal("活动", type!.DisplayName);
        Assert.False(type.TypeSettings.Draftable);
        Assert.True(type.TypeSettings.Securable);
        Assert.True(type.TypeSettings.Creatable);
        Assert.Equal(["AutoroutePart", "HtmlBodyPart"], type.OrderedParts().Select(p => p.Name));

        // Regression: the permalink hint's {slug} once broke the page of every type with a permalink.
        page = await Browser.GetPageAsync(client, "/admin/content-types/Circular/edit");
        await page.Form("/admin/content-types/Circular/edit").Set("PartSettings.AutoroutePart.Pattern", "circulars/{slug}").SubmitAsync(client);
        type = await TypeAsync("Circular");
        Assert.Equal("circulars/{slug}", type!.Parts.First(p => p.Name == "AutoroutePart").Settings["AutoroutePartSettings"]!["Pattern"]!.ToString());
        page = await Browser.GetPageAsync(client, "/admin/content-types/Circular/edit");
        Assert.Contains("{slug}", page.GetElementById("PartSettings_AutoroutePart_Pattern-hint")!.TextContent);
    }

    [Fact]
    public async Task Bad_names_are_explained_next_to_their_inputs_and_nothing_is_saved()
    {
        var client = await AdminUsers.ContentAdminAsync(server);

        var chineseOnly = await CreateTypeAsync(client, "心愿", "");
        var page = await Browser.ReadPageAsync(chineseOnly);
        Assert.Equal(HttpStatusCode.OK, chineseOnly.StatusCode);
        Assert.Contains("技术名称", page.ErrorNextTo("Name"));
        Assert.Equal("心愿", page.GetElementById("DisplayName")!.GetAttribute("value"));

        var invalid = await Browser.ReadPageAsync(await CreateTypeAsync(client, "Wish", "9wish"));
        Assert.NotNull(invalid.ErrorNextTo("Name"));
        Assert.NotEmpty(invalid.Summary());
        Assert.Null(await TypeAsync("9wish"));

        await CreateTypeAsync(client, "Bulletin", "Bulletin");
        var duplicate = await Browser.ReadPageAsync(await CreateTypeAsync(client, "Another bulletin", "bulletin"));
        Assert.Contains("Bulletin", duplicate.ErrorNextTo("Name"));
        Assert.Null(await TypeAsync("bulletin"));

        await AddFieldAsync(client, "Bulletin", "Subtitle", "Subtitle", "TextField");
        var edit = await Browser.GetPageAsync(client, "/admin/content-types/Bulletin/edit");
        var twice = await Browser.ReadPageAsync(await edit.Form("/admin/content-types/Bulletin/fields")
            .Set("FieldDisplayName", "副标题").Set("FieldName", "subtitle").Set("FieldKind", "TextField").SubmitAsync(client));
        Assert.NotNull(twice.ErrorNextTo("FieldName"));
        Assert.Equal("副标题", twice.GetElementById("FieldDisplayName")!.GetAttribute("value"));
        Assert.Single(await FieldsAsync("Bulletin"));
    }

    [Fact]
    public async Task Bad_field_settings_are_refused_with_a_message_and_the_stored_settings_stay()
    {
        var client = await AdminUsers.ContentAdminAsync(server);
        await CreateTypeAsync(client, "Petition", "Petition");
        await AddFieldAsync(client, "Petition", "Category", "Category", "EnumerationField");
        await AddFieldAsync(client, "Petition", "Code", "Code", "TextField");

        var page = await Browser.GetPageAsync(client, "/admin/content-types/Petition/fields/Category/edit");
        var ok = await page.Form("/admin/content-types/Petition/fields/Category/edit")
            .Set("Settings.Options", "study|学习用品\nessential|必需物资\nother").SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var options = (await FieldsAsync("Petition")).First(f => f.Name == "Category").KindSettings.Options;
        Assert.Equal([("study", "学习用品"), ("essential", "必需物资"), ("other", "other")], options);

        page = await Browser.GetPageAsync(client, "/admin/content-types/Petition/fields/Category/edit");
        Assert.Equal("study|学习用品\nessential|必需物资\nother", page.GetElementById("Settings_Options")!.TextContent.Trim());
        var refused = await Browser.ReadPageAsync(await page.Form("/admin/content-types/Petition/fields/Category/edit")
            .Set("Settings.Options", "study|学习用品\nstudy|again").SubmitAsync(client));
        Assert.Contains("study", refused.ErrorNextTo("Settings_Options"));
        Assert.Equal(3, (await FieldsAsync("Petition")).First(f => f.Name == "Category").KindSettings.Options.Count);

        page = await Browser.GetPageAsync(client, "/admin/content-types/Petition/fields/Code/edit");
        var badPattern = await Browser.ReadPageAsync(await page.Form("/admin/content-types/Petition/fields/Code/edit")
            .Set("Settings.Pattern", "[a-z").Set("Settings.MaxLength", "ten").SubmitAsync(client));
        Assert.NotNull(badPattern.ErrorNextTo("Settings_Pattern"));
        Assert.NotNull(badPattern.ErrorNextTo("Settings_MaxLength"));
        Assert.Equal("[a-z", badPattern.GetElementById("Settings_Pattern")!.GetAttribute("value"));
        Assert.Null((await FieldsAsync("Petition")).First(f => f.Name == "Code").KindSettings.Pattern);
    }

    [Fact]
    public async Task A_field_marked_as_personal_data_stays_marked_and_an_unmarked_save_clears_it()
    {
        var client = await AdminUsers.ContentAdminAsync(server);
        await CreateTypeAsync(client, "Resident", "Resident");
        await AddFieldAsync(client, "Resident", "Phone", "Phone", "TextField");

        var page = await Browser.GetPageAsync(client, "/admin/content-types/Resident/fields/Phone/edit");
        Assert.False(page.GetElementById("Sensitive")!.HasAttribute("checked"));
        var marked = await page.Form("/admin/content-types/Resident/fields/Phone/edit").Check("Sensitive").SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        Assert.True((await FieldsAsync("Resident")).Single(f => f.Name == "Phone").Sensitive);

        page = await Browser.GetPageAsync(client, "/admin/content-types/Resident/fields/Phone/edit");
        Assert.True(page.GetElementById("Sensitive")!.HasAttribute("checked"));
        await page.Form("/admin/content-types/Resident/fields/Phone/edit").Uncheck("Sensitive").SubmitAsync(client);
        Assert.False((await FieldsAsync("Resident")).Single(f => f.Name == "Phone").Sensitive);
    }

    [Fact]
    public async Task A_type_with_items_cannot_be_deleted_and_an_empty_one_can()
    {
        var client = await AdminUsers.ContentAdminAsync(server);
        await CreateTypeAsync(client, "Notice", "Notice");
        await CreateTypeAsync(client, "Leaflet", "Leaflet");
        var newItem = await Browser.GetPageAsync(client, "/admin/content/new/Notice");
        await newItem.Form("/admin/content/new/Notice").Set("TitlePart.Title", "停水通知").SubmitAsync(client, "submit", "save");

        var page = await Browser.GetPageAsync(client, "/admin/content-types/Notice/delete");
        Assert.DoesNotContain(page.Forms, f => f.GetAttribute("action") == "/admin/content-types/Notice/delete");
        Assert.Contains("1", page.QuerySelector("main")!.TextContent);
        var forced = await client.PostAsync("/admin/content-types/Notice/delete", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", page.QuerySelector("form[action='/logout'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!)]));
        Assert.NotNull(await TypeAsync("Notice"));
        Assert.Contains("删除", (await Browser.ReadPageAsync(forced)).Summary().Single());

        var empty = await Browser.GetPageAsync(client, "/admin/content-types/Leaflet/delete");
        var deleted = await empty.Form("/admin/content-types/Leaflet/delete").SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Null(await TypeAsync("Leaflet"));
    }

    [Fact]
    public async Task Users_without_the_permission_get_403_and_anonymous_users_are_sent_to_login()
    {
        var writer = await AdminUsers.WriterAsync(server);
        Assert.Equal(HttpStatusCode.Forbidden, (await Browser.FollowAsync(writer, await writer.GetAsync("/admin/content-types"))).StatusCode);
        var post = await writer.PostAsync("/admin/content-types/create", new FormUrlEncodedContent([new("DisplayName", "X"), new("Name", "X")]));
        Assert.Equal(HttpStatusCode.Forbidden, (await Browser.FollowAsync(writer, post)).StatusCode);
        Assert.Null(await TypeAsync("X"));

        var response = await server.NewClient().GetAsync("/admin/content-types");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", Browser.PathOf(response.Headers.Location!));
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused_with_400_and_changes_nothing()
    {
        var client = await AdminUsers.ContentAdminAsync(server);

        var response = await client.PostAsync("/admin/content-types/create",
            new FormUrlEncodedContent([new("DisplayName", "Forged"), new("Name", "Forged")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await TypeAsync("Forged"));
        var page = await Browser.ReadPageAsync(response);
        Assert.Equal("400", page.QuerySelector(".code")!.TextContent);
    }
}
