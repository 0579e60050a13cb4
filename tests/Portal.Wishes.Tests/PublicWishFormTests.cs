using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Content.Privacy;
using Portal.Core.Data;
using Portal.Testing;
using Portal.Wishes.Models;

namespace Portal.Wishes.Tests;

/// <summary>The public wish form /wishes/submit over real HTTP, as an anonymous resident.</summary>
public sealed class PublicWishFormTests(IntakeServer server) : IClassFixture<IntakeServer>
{
    private static string Marker() => Guid.NewGuid().ToString("N")[..8];

    private Dictionary<string, string> Form(string item, string name, string phone, bool consent = true) => FormFor(server, item, name, phone, consent);

    internal static Dictionary<string, string> FormFor(IntakeServer server, string item, string name, string phone, bool consent = true) => new()
    {
        ["ItemText"] = item, ["Kind"] = "material", ["Category"] = "study-supplies", ["Community"] = server.CommunityId,
        ["Description"] = "晚上写作业用", ["WisherName"] = name, ["Phone"] = phone, ["PublishConsent"] = consent ? "true" : "false",
    };

    private Task<List<string>> WishesOfAsync(string item) => server.InScopeAsync(sp => sp.GetRequiredService<ContentManager>().Records
        .Where(r => r.ContentType == "Wish" && r.DisplayText == item).Select(r => r.ContentItemId).Distinct().ToListAsync());

    [Fact]
    public async Task A_resident_submits_a_wish_that_lands_in_review_as_online_with_consent_and_the_confirmation_shows_only_a_reference()
    {
        using var client = server.NewClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var item = "台灯" + Marker();
        var name = "吴" + Marker();
        var phone = "1390000" + Random.Shared.Next(1000, 9999);

        var page = await client.GetStringAsync("/wishes/submit");
        Assert.Contains("我要许愿", page);
        Assert.Contains("我同意以公开称呼", page);
        PageAssert.EveryFormCarriesItsToken(page);
        var posted = await PortalServer.PostFormAsync(client, "/wishes/submit", Form(item, name, phone));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var id = Assert.Single(await WishesOfAsync(item));
        var status = await server.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<WishIndexRecord>().AsNoTracking().Where(w => w.WishId == id).Select(w => w.Status).FirstAsync());
        Assert.Equal(WishStatus.Submitted, status);
        var stored = (await server.InScopeAsync(sp => sp.GetRequiredService<ContentManager>().GetAsync(id, VersionOptions.Latest)))!;
        Assert.Equal("online", stored.Content["Wish"]!["IntakeChannel"]!["Value"]!.GetValue<string>());
        Assert.True(stored.Content["Wish"]!["PublishConsent"]!["Value"]!.GetValue<bool>());
        var personal = await server.InScopeAsync(sp => sp.GetRequiredService<PersonalData>().RevealAsync(id, "Test"));
        Assert.Equal(phone, personal["Wish"]!["Phone"]!["Text"]!.GetValue<string>());

        var thanks = await client.GetStringAsync(posted.Headers.Location!.ToString());
        Assert.Contains(id[..8].ToUpperInvariant(), thanks);
        Assert.Contains("心愿已提交", thanks);
        foreach (var secret in new[] { name, phone }) Assert.DoesNotContain(secret, thanks);
        Assert.Contains("/wishes/submit", await client.GetStringAsync("/wishes"));
    }

    [Fact]
    public async Task The_form_reads_in_traditional_chinese_for_a_zh_TW_browser()
    {
        using var client = server.NewClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-TW");

        var page = await client.GetStringAsync("/wishes/submit");

        Assert.Contains("lang=\"zh-TW\"", page);
        foreach (var text in new[] { "我要許願", "聯絡電話", "送出心願", "身分證字號" }) Assert.Contains(text, page);
        foreach (var simplified in new[] { "我要许愿", "联系电话", "提交心愿" }) Assert.DoesNotContain(simplified, page);
    }

    [Fact]
    public async Task Without_consent_the_form_comes_back_with_the_message_at_the_field_and_the_values_kept_and_nothing_is_saved()
    {
        using var client = server.NewClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var item = "书包" + Marker();

        var response = await PortalServer.PostFormAsync(client, "/wishes/submit", Form(item, "郑" + Marker(), "13900001234", consent: false));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Matches("id=\"PublishConsent-error\"[^>]*>[^<]*published", html);
        Assert.Contains($"value=\"{item}\"", html);
        Assert.Empty(await WishesOfAsync(item));

        var noPhone = await PortalServer.PostFormAsync(client, "/wishes/submit", Form(item, "郑" + Marker(), ""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noPhone.StatusCode);
        Assert.Contains("id=\"Phone-error\"", await noPhone.Content.ReadAsStringAsync());
        Assert.Empty(await WishesOfAsync(item));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_and_saves_nothing()
    {
        using var client = server.NewClient();
        var item = "雨伞" + Marker();

        var response = await client.PostAsync("/wishes/submit", new FormUrlEncodedContent(Form(item, "冯" + Marker(), "13900005678")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await WishesOfAsync(item));
    }
}

/// <summary>The same portal with a public-form limit of two posts a minute per address.</summary>
public sealed class LimitedFormServer() : IntakeServer(new Dictionary<string, string?> { ["Portal:RateLimits:PublicFormPerMinute"] = "2" })
{
    public const int PerMinute = 2;
}

public sealed class PublicWishFormLimitTests(LimitedFormServer server) : IClassFixture<LimitedFormServer>
{
    [Fact]
    public async Task Posting_the_form_too_often_gets_a_friendly_429_page_in_chinese_and_saves_nothing()
    {
        using var client = server.NewClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var item = "风扇" + Guid.NewGuid().ToString("N")[..8];
        Dictionary<string, string> Form(int n) => PublicWishFormTests.FormFor(server, $"{item}-{n}", "周" + n, "1390000" + (1000 + n));

        for (var n = 0; n < LimitedFormServer.PerMinute; n++)
            Assert.Equal(HttpStatusCode.Redirect, (await PortalServer.PostFormAsync(client, "/wishes/submit", Form(n))).StatusCode);
        var refused = await PortalServer.PostFormAsync(client, "/wishes/submit", Form(LimitedFormServer.PerMinute));
        var page = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter is not null, "a refused post says when to try again");
        Assert.Contains("操作过于频繁", page);
        Assert.Contains("请稍等一分钟再试", page);
        Assert.DoesNotContain("周" + LimitedFormServer.PerMinute, page);
        var saved = await server.InScopeAsync(sp => sp.GetRequiredService<ContentManager>().Records
            .Where(r => r.ContentType == "Wish" && r.DisplayText.StartsWith(item)).Select(r => r.ContentItemId).Distinct().CountAsync());
        Assert.Equal(LimitedFormServer.PerMinute, saved);
    }
}
