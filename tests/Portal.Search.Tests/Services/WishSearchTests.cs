using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Search.Services;
using Portal.Testing;
using Portal.Wishes.Models;
using Portal.Wishes.Services;

namespace Portal.Search.Tests.Services;

/// <summary>
/// Wishes in search on the micro-wish site: found while the wish wall shows them (published or opened to organisations),
/// gone once claimed and back when released, never by their personal data or free-text description.
/// </summary>
public sealed class WishSearchTests(MicroWishPortalServer server) : IClassFixture<MicroWishPortalServer>
{
    private static string Marker() => "w" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A copy of the demo street-lamp wish (its community, campaign and consents) with words of its own.</summary>
    private async Task<(string Id, string Community, string Campaign)> WishAsync(string m, bool publish = true)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var demo = (await content.QueryAsync(new ContentQuery { Types = ["Wish"], DisplayTextContains = "楼道口装一盏灯", Take = 1 })).Items.Single();
        var wish = (await content.NewAsync("Wish"))!;
        wish.Part("TitlePart")["Title"] = $"楼道口装一盏灯 {m}";
        wish.Content["Wish"] = demo.Content["Wish"]!.DeepClone();
        wish.Field("Wish", "ItemText")["Text"] = $"一盏感应灯 {m}item";
        wish.Field("Wish", "Description")["Text"] = $"独自居住 {m}desc";
        wish.Field("Wish", "WisherName")["Text"] = $"马桂兰{m}name";
        wish.Field("Wish", "Phone")["Text"] = "13900001111";
        var created = await content.CreateAsync(wish);
        Assert.True(created.Succeeded, created.ToString());
        if (publish) await WishMoves.PublishAsync(scope.ServiceProvider, wish.ContentItemId);
        var part = (JsonObject)demo.Content["Wish"]!;
        return (wish.ContentItemId, part["Community"]!["ContentItemIds"]![0]!.ToString(), part["Campaign"]!["ContentItemIds"]![0]!.ToString());
    }

    private async Task<List<string>> FindAsync(SearchRequest request)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var results = await scope.ServiceProvider.GetRequiredService<ISearchService>().SearchAsync(request);
        Assert.True(results.Succeeded, string.Join("; ", results.Problems));
        return results.Hits.Select(h => h.ContentItemId).ToList();
    }

    [Fact]
    public async Task An_open_wish_is_found_by_its_public_text_and_filters_but_never_by_personal_data_or_description()
    {
        var m = Marker();
        var (id, community, campaign) = await WishAsync(m);

        Assert.Equal([id], await FindAsync(new SearchRequest(m)));
        Assert.Equal([id], await FindAsync(new SearchRequest($"{m}item 感应灯")));
        Assert.Equal([id], await FindAsync(new SearchRequest($"{m} 马奶奶")));
        Assert.Equal([id], await FindAsync(new SearchRequest(m, Types: ["Wish"], Category: "other", Community: community, Campaign: campaign)));
        Assert.Empty(await FindAsync(new SearchRequest(m, Category: "study-supplies")));
        Assert.Empty(await FindAsync(new SearchRequest(m, Community: campaign)));
        Assert.Empty(await FindAsync(new SearchRequest(m, Types: ["Story"])));
        Assert.Empty(await FindAsync(new SearchRequest($"{m}name")));
        Assert.Empty(await FindAsync(new SearchRequest("马桂兰")));
        Assert.Empty(await FindAsync(new SearchRequest("13900001111")));
        Assert.Empty(await FindAsync(new SearchRequest($"{m}desc")));
    }

    [Fact]
    public async Task A_wish_leaves_search_when_claimed_and_comes_back_when_released()
    {
        var m = Marker();
        var (id, _, _) = await WishAsync(m);
        Assert.Equal([id], await FindAsync(new SearchRequest(m)));

        await using (var scope = server.Services.CreateAsyncScope())
        {
            var claims = scope.ServiceProvider.GetRequiredService<WishClaims>();
            var claimed = await claims.ClaimAsync(id, "volunteer-" + m, ClaimantKind.Volunteer, "志愿者");
            Assert.Equal(WishStatus.Claimed, claimed.Status);
            Assert.Empty(await FindAsync(new SearchRequest(m)));

            var released = await claims.ReleaseAsync(claimed.ClaimId!.Value, "时间冲突");
            Assert.True(released.Succeeded, released.Error);
        }
        Assert.Equal([id], await FindAsync(new SearchRequest(m)));
    }

    [Fact]
    public async Task A_wish_not_yet_reviewed_is_not_found_even_when_its_item_is_published()
    {
        var m = Marker();
        var (id, _, _) = await WishAsync(m, publish: false);
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var published = await scope.ServiceProvider.GetRequiredService<ContentManager>().PublishAsync(id);
            Assert.True(published.Succeeded, published.ToString());
        }
        Assert.Empty(await FindAsync(new SearchRequest(m)));
    }

    [Fact]
    public async Task The_search_page_filters_wishes_by_category_and_community()
    {
        var m = Marker();
        var (_, community, _) = await WishAsync(m);
        using var client = server.NewClient();

        var found = await client.GetStringAsync($"/search?q={m}&category=other&community={community}");
        Assert.Contains($"楼道口装一盏灯 <mark>{m}</mark>", found);
        Assert.DoesNotContain("马桂兰", found);
        Assert.Contains("<label for=\"community\">", found);
        Assert.Contains($"<option value=\"{community}\" selected=\"selected\">", found);
        Assert.Contains("<option value=\"other\" selected=\"selected\">", found);
        var page = await client.GetAsync($"/search?q={m}&category=study-supplies");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain($"<mark>{m}</mark>", await page.Content.ReadAsStringAsync());
    }
}
