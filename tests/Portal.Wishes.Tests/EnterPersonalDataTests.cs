using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Content.Privacy;
using Portal.Core.Data;
using Portal.Testing;

namespace Portal.Wishes.Tests;

/// <summary>
/// Staff who may enter personal data but not read it (EnterPersonalData without ViewPersonalData), over real HTTP: they
/// type a resident's details on the intake form, the values are kept, and no page, editor, version or API shows them back.
/// </summary>
public sealed class EnterPersonalDataTests(IntakeServer server) : IClassFixture<IntakeServer>, IAsyncLifetime
{
    private const string Clerk = "IntakeClerk";

    public Task InitializeAsync() => server.CreateRoleAsync(Clerk, "AccessAdmin", "ReviewWishes", "EditContent", "EnterPersonalData");

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Marker() => Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task A_clerk_types_a_residents_details_on_intake_they_are_kept_and_the_clerk_never_sees_them_again()
    {
        using var clerk = await server.NewSignedInClientAsync("c" + Marker(), Clerk);
        var (item, wisher, phone) = ("暖水袋" + Marker(), "冯" + Marker()[..4], "1370" + Random.Shared.Next(1_000_000, 9_999_999));

        var form = await clerk.GetStringAsync("/admin/wishes/new");
        AssertEmptyWriteOnlyInput(form, "Wish.WisherName.Text");
        AssertEmptyWriteOnlyInput(form, "Wish.Phone.Text");
        var posted = await PortalServer.PostFormAsync(clerk, "/admin/wishes/new", server.WishForm(item, wisher, phone, f => f["next"] = "open"), "/admin/wishes/new");

        var id = Assert.Single(await server.WishesOfAsync(item));
        Assert.Equal($"/admin/wishes/{id}", posted.Headers.Location!.ToString());
        Assert.Equal((wisher, phone), await StoredAsync(id));
        foreach (var page in new[] { $"/admin/wishes/{id}", $"/admin/content/{id}/edit", $"/admin/content/{id}/versions", "/admin/wishes/queue", "/admin/content?type=Wish" })
        {
            var response = await clerk.GetAsync(page);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            AssertShowsNeither(await response.Content.ReadAsStringAsync(), wisher, phone, page);
        }
        var editor = await clerk.GetStringAsync($"/admin/content/{id}/edit");
        AssertEmptyWriteOnlyInput(editor, "Wish.WisherName.Text");
        Assert.DoesNotContain(id, await clerk.GetStringAsync($"/admin/content?type=Wish&q={Uri.EscapeDataString(wisher)}"));
        PageAssert.Denied(await clerk.GetAsync($"/admin/wishes/{id}?personal=true"));
        var contact = await clerk.GetAsync($"/api/wishes/{id}/contact");
        Assert.Equal(HttpStatusCode.Forbidden, contact.StatusCode);
        AssertShowsNeither(await contact.Content.ReadAsStringAsync(), wisher, phone, "contact API");
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync($"/api/wishes/{id}/personal-data-log")).StatusCode);
        Assert.Empty(await ReadsOfAsync(id));
    }

    [Fact]
    public async Task A_refused_intake_form_comes_back_without_the_personal_data_that_was_typed()
    {
        using var clerk = await server.NewSignedInClientAsync("c" + Marker(), Clerk);
        var (item, wisher, phone) = ("棉被" + Marker(), "蒋" + Marker()[..4], "13711112222");

        var refused = await PortalServer.PostFormAsync(clerk, "/admin/wishes/new", server.WishForm(item, wisher, phone, f => f.Remove("Wish.Category.Value")), "/admin/wishes/new");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("href=\"#Wish_Category\"", page);
        Assert.Contains(item, page);
        AssertShowsNeither(page, wisher, phone, "the refused form");
        Assert.Empty(await server.WishesOfAsync(item));
    }

    [Fact]
    public async Task An_edit_by_a_clerk_keeps_the_stored_details_unless_the_clerk_types_a_replacement()
    {
        using var clerk = await server.NewSignedInClientAsync("c" + Marker(), Clerk);
        var (item, wisher, phone) = ("电热毯" + Marker(), "韩" + Marker()[..4], "13722223333");
        await PortalServer.PostFormAsync(clerk, "/admin/wishes/new", server.WishForm(item, wisher, phone), "/admin/wishes/new");
        var id = Assert.Single(await server.WishesOfAsync(item));

        var untouched = await EditAsync(clerk, id, server.WishForm(item, wisher, phone, f =>
        {
            (f["Wish.WisherName.Text"], f["Wish.Phone.Text"]) = ("", "");
            f["Wish.ItemText.Text"] = item + "（加厚）";
        }));
        Assert.Equal(HttpStatusCode.Redirect, untouched.StatusCode);
        Assert.Equal((wisher, phone), await StoredAsync(id));
        Assert.Contains("（加厚）", (await server.InScopeAsync(sp => sp.GetRequiredService<ContentManager>().GetAsync(id, VersionOptions.Latest)))!.Content.ToJsonString(new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

        var replaced = await EditAsync(clerk, id, server.WishForm(item, wisher, "13799998888", f => f["Wish.WisherName.Text"] = ""));
        Assert.Equal(HttpStatusCode.Redirect, replaced.StatusCode);
        Assert.Equal((wisher, "13799998888"), await StoredAsync(id));
        AssertShowsNeither(await clerk.GetStringAsync($"/admin/content/{id}/edit"), wisher, "13799998888", "the editor after the edit");
        Assert.Empty(await ReadsOfAsync(id));
    }

    [Fact]
    public async Task Staff_who_may_neither_enter_nor_see_personal_data_get_no_inputs_and_what_they_post_is_not_stored()
    {
        await server.CreateRoleAsync("Reviewer", "AccessAdmin", "ReviewWishes");
        using var reviewer = await server.NewSignedInClientAsync("r" + Marker(), "Reviewer");
        var item = "保温杯" + Marker();

        var form = await reviewer.GetStringAsync("/admin/wishes/new");
        Assert.DoesNotContain("name=\"Wish.WisherName.Text\"", form);
        await PortalServer.PostFormAsync(reviewer, "/admin/wishes/new", server.WishForm(item, "卫" + Marker()[..4], "13733334444"), "/admin/wishes/new");

        var id = Assert.Single(await server.WishesOfAsync(item));
        Assert.Equal(((string?)null, (string?)null), await StoredAsync(id));
    }

    /// <summary>The input is there to type into, empty, and says that what is typed will not be shown again.</summary>
    private static void AssertEmptyWriteOnlyInput(string html, string name)
    {
        var input = Regex.Match(html, $"<input[^>]*name=\"{Regex.Escape(name)}\"[^>]*>");
        Assert.True(input.Success, $"No input {name}.");
        Assert.DoesNotMatch("value=\"[^\"]+\"", input.Value);
        Assert.Contains("仅可填写：填写的内容会保存，之后不再显示", html);
    }

    private static void AssertShowsNeither(string html, string wisher, string phone, string where)
    {
        Assert.False(html.Contains(wisher), $"{where} shows the name.");
        Assert.False(html.Contains(phone), $"{where} shows the phone.");
    }

    private static async Task<HttpResponseMessage> EditAsync(HttpClient client, string id, Dictionary<string, string> fields)
    {
        var editor = await client.GetStringAsync($"/admin/content/{id}/edit");
        fields["ConcurrencyStamp"] = Regex.Match(editor, "name=\"ConcurrencyStamp\"[^>]*value=\"([^\"]*)\"").Groups[1].Value;
        fields["submit"] = "save";
        return await PortalServer.PostFormAsync(client, $"/admin/content/{id}/edit", fields);
    }

    private Task<(string? Name, string? Phone)> StoredAsync(string id) =>
        server.InScopeAsync(async sp =>
        {
            var values = await sp.GetRequiredService<PersonalData>().RevealAsync(id, "Test");
            return (values["Wish"]?["WisherName"]?["Text"]?.GetValue<string>(), values["Wish"]?["Phone"]?["Text"]?.GetValue<string>());
        });

    /// <summary>Reads of the item's personal data by anyone but the test itself.</summary>
    private Task<List<string>> ReadsOfAsync(string id) =>
        server.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<PersonalDataAccessRecord>().AsNoTracking()
            .Where(a => a.ContentItemId == id && a.Purpose != "Test").Select(a => a.Purpose).ToListAsync());
}
