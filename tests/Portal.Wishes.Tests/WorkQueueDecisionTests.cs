using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Testing;

namespace Portal.Wishes.Tests;

/// <summary>
/// The work queue's workflow decisions on a site set up with the micro-wish recipe: a screen reader lists a queue's
/// buttons and fields apart from their rows, so each must name the wish it acts on.
/// </summary>
public sealed class WorkQueueDecisionTests(MicroWishPortalServer server) : IClassFixture<MicroWishPortalServer>
{
    // Oldest waiting first: the last page (a page past the end shows the last) holds the wish just submitted.
    private const string LastReviewPage = "/admin/wishes/queue?tab=Review&page=9999";

    [Fact]
    public async Task Each_review_decision_button_and_its_comment_box_name_the_wish_in_chinese_and_english()
    {
        using var staff = await server.NewSignedInClientAsync("s" + Guid.NewGuid().ToString("N")[..8], "CommunityStaff");
        const string title = "想要一个保温饭盒";
        var wish = await DemoWishAsync(title);
        var submitted = await staff.PostAsJsonAsync($"/api/wishes/{wish}/moves", new { To = "Submitted" });
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);

        var chinese = await staff.GetStringAsync(LastReviewPage);
        Assert.Contains($"aria-label=\"通过：{title}\">通过</button>", chinese);
        Assert.Contains($"aria-label=\"不予通过：{title}\">不予通过</button>", chinese);
        Assert.Contains($"aria-label=\"退回修改：{title}\">退回修改</button>", chinese);
        Assert.Matches(new Regex($"<textarea [^>]*aria-label=\"意见（[^\"]*）：{title}\""), chinese);

        await staff.GetAsync("/culture/en?returnUrl=/admin");
        var english = await staff.GetStringAsync(LastReviewPage);
        Assert.Contains($"aria-label=\"Approve: {title}\">Approve</button>", english);
        Assert.Contains($"aria-label=\"Return: {title}\">Return</button>", english);
        Assert.Matches(new Regex($"<textarea [^>]*aria-label=\"Comment \\(needed for [^\"]*\\): {title}\""), english);
    }

    /// <summary>A draft wish like the recipe's demo ones, under its own title.</summary>
    private async Task<string> DemoWishAsync(string title)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var wish = ContentManager.Read(await content.Records.FirstAsync(r => r.ContentType == "Wish" && r.Latest)).Clone();
        wish.ContentItemId = IdGenerator.NewId();
        wish.ContentItemVersionId = "";
        wish.Part("TitlePart")["Title"] = title;
        var result = await content.CreateAsync(wish);
        Assert.True(result.Succeeded, result.ToString());
        return wish.ContentItemId;
    }
}
