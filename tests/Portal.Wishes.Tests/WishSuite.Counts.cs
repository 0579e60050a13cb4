using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Core.Recipes;
using Portal.Wishes.Models;
using Portal.Wishes.Services;

namespace Portal.Wishes.Tests;

public abstract partial class WishSuite
{
    [Fact]
    public async Task The_counts_match_a_fresh_count_of_the_index_after_a_random_life_of_many_wishes()
    {
        var random = new Random(20261203);
        string? Pick(params string?[] values) => values[random.Next(values.Length)];
        var ids = new List<string>();
        for (var step = 0; step < 160; step++)
        {
            var roll = random.Next(100);
            if (roll < 15 || ids.Count < 3)
            {
                string? category = Pick("essential-supplies", "study-supplies", null), community = Pick("c-1", "c-2", null), campaign = Pick("k-1", null);
                var deadline = Deadline(random);
                ids.Add(await NewWishAsync(slots: random.Next(1, 3), fill: item => FileUnder(item, category, community, campaign, deadline)));
                continue;
            }
            var id = ids[random.Next(ids.Count)];
            var wish = await IndexAsync(id);
            if (roll < 55)
            {
                var moves = WishLifecycleRules.NextOf(wish.Status).Where(to => WishLifecycleRules.IsDirectMove(wish.Status, to)).ToList();
                if (moves.Count > 0) await MoveAsync(id, moves[random.Next(moves.Count)], "随机原因");
            }
            else if (roll < 70)
                await ClaimAsync(id, Volunteer(), random.Next(4) == 0 ? ClaimantKind.Organisation : ClaimantKind.Volunteer);
            else if (roll < 78 && (await ClaimsAsync(id)).FirstOrDefault(c => c.Status == ClaimStatus.Active) is { } open)
                await host.InScopeAsync(sp => random.Next(2) == 0
                    ? sp.GetRequiredService<WishClaims>().ReleaseAsync(open.Id, "临时有事")
                    : sp.GetRequiredService<WishClaims>().FulfilAsync(open.Id, "已送到", null));
            else if (roll < 88)
            {
                var deadline = Deadline(random);
                await EditAsync(id, item => FileUnder(item, Pick("essential-supplies", "study-supplies"), Pick("c-1", "c-3"), Pick("k-1", "k-2", null), deadline));
            }
            else if (roll < 93)
            {
                Assert.True((await host.InScopeAsync(sp => sp.GetRequiredService<ContentManager>().RemoveAsync(id))).Succeeded);
                ids.Remove(id);
            }
            else if (roll < 96)
                await host.InScopeAsync(sp => sp.GetRequiredService<WishCounts>().FoldAsync());
            else
                await RunWishesStepAsync(id, WishStatus.Published);
        }
        var imported = await ImportAsync($"Title,Category,Slots,PublishConsent\n台灯 {Guid.NewGuid():N},study-supplies,1,是\n书包 {Guid.NewGuid():N},,2,是\n");
        Assert.Equal(2, imported.Imported);

        await AssertCountsMatchTheIndexAsync();
        await host.InScopeAsync(sp => sp.GetRequiredService<WishCounts>().FoldAsync());
        await AssertCountsMatchTheIndexAsync();
        await host.InScopeAsync(sp => sp.GetRequiredService<WishCounts>().RecountAsync());
        await AssertCountsMatchTheIndexAsync();
    }

    [Fact]
    public async Task The_overdue_count_from_the_deadline_days_is_the_number_of_unfinished_wishes_past_their_deadline_now()
    {
        var before = await PastDeadlineAsync();
        var now = DateTime.UtcNow;
        string? At(DateTime deadline) => deadline.ToString("O");
        var lateLastMonth = await NewWishAsync(fill: item => FileUnder(item, null, null, null, At(now.AddDays(-30))));
        var lateYesterday = await NewWishAsync(fill: item => FileUnder(item, null, null, null, At(now.AddDays(-1))));
        var lateMinutesAgo = await NewWishAsync(fill: item => FileUnder(item, null, null, null, At(now.AddMinutes(-2))));
        await NewWishAsync(fill: item => FileUnder(item, null, null, null, At(now.AddMinutes(30))));
        await NewWishAsync(fill: item => FileUnder(item, null, null, null, At(now.AddDays(3))));
        await NewWishAsync();
        var cancelled = await NewWishAsync(fill: item => FileUnder(item, null, null, null, At(now.AddDays(-5))));
        Assert.True((await MoveAsync(cancelled, WishStatus.Cancelled, "重复登记")).Succeeded);

        Assert.Equal(before.Counted + 3, (await PastDeadlineAsync()).Counted);

        // Moved on, finished or given more time: no longer overdue.
        Assert.True((await MoveAsync(lateYesterday, WishStatus.Cancelled, "居民已搬离")).Succeeded);
        await EditAsync(lateLastMonth, item => FileUnder(item, null, null, null, At(now.AddDays(7))));
        var after = await PastDeadlineAsync();
        Assert.Equal(before.Counted + 1, after.Counted);
        Assert.Equal(after.Scanned, after.Counted);
        var listed = await host.InScopeAsync(async sp => (await sp.GetRequiredService<WishBoard>().QueueAsync(WorkQueue.Overdue, 1)).Items.Select(w => w.WishId).ToList());
        Assert.Contains(lateMinutesAgo, listed);
        // Longest overdue first, as the whole index sorted says.
        var sorted = await host.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<WishIndexRecord>()
            .Where(w => WishBoard.Active.Contains(w.Status) && w.DeadlineUtc < DateTime.UtcNow)
            .OrderBy(w => w.DeadlineUtc).ThenBy(w => w.WishId).Select(w => w.WishId).Take(WishBoard.PageSize).ToListAsync());
        Assert.Equal(sorted, listed);
    }

    /// <summary>The overdue count from the counts, and the same question asked of the whole index.</summary>
    private Task<(int Counted, int Scanned)> PastDeadlineAsync() =>
        host.InScopeAsync(async sp =>
        {
            var now = DateTime.UtcNow;
            var counted = await sp.GetRequiredService<WishCounts>().PastDeadlineAsync(WishBoard.Active, now);
            var scanned = await sp.GetRequiredService<PortalDbContext>().Set<WishIndexRecord>()
                .CountAsync(w => WishBoard.Active.Contains(w.Status) && w.DeadlineUtc < now);
            return (counted, scanned);
        });

    /// <summary>A deadline from weeks ago to weeks ahead, sometimes within today, sometimes none.</summary>
    private static string? Deadline(Random random) => random.Next(5) switch
    {
        0 => null,
        1 => DateTime.UtcNow.AddMinutes(random.Next(-600, 600)).ToString("O"),
        2 => DateOnly.FromDateTime(DateTime.UtcNow.AddDays(random.Next(-20, 20))).ToString("yyyy-MM-dd"),
        _ => DateTime.UtcNow.AddHours(random.Next(-500, 500)).ToString("O"),
    };

    [Fact]
    public async Task A_move_that_is_refused_or_rolled_back_leaves_the_counts_as_they_were()
    {
        var before = await CountsAsync();
        var id = await NewWishAsync(fill: item => item.Field("Wish", "PublishConsent")["Value"] = false);
        await MoveAsync(id, WishStatus.Submitted);
        await MoveAsync(id, WishStatus.UnderReview);
        var afterSetUp = await CountsAsync();

        var refused = await MoveAsync(id, WishStatus.Published);

        Assert.False(refused.Succeeded);
        Assert.Equal(afterSetUp, await CountsAsync());
        Assert.Equal(before.GetValueOrDefault((WishDimensions.All, null, WishStatus.UnderReview)) + 1,
            afterSetUp[(WishDimensions.All, null, WishStatus.UnderReview)]);
    }

    private async Task AssertCountsMatchTheIndexAsync()
    {
        var expected = await host.InScopeAsync(async sp =>
        {
            var wishes = sp.GetRequiredService<PortalDbContext>().Set<WishIndexRecord>().AsNoTracking();
            var all = await wishes.GroupBy(w => w.Status).Select(g => new { g.Key, N = g.Count() }).ToListAsync();
            var category = await wishes.GroupBy(w => new { w.Category, w.Status }).Select(g => new { g.Key, N = g.Count() }).ToListAsync();
            var community = await wishes.GroupBy(w => new { w.CommunityId, w.Status }).Select(g => new { g.Key, N = g.Count() }).ToListAsync();
            var campaign = await wishes.GroupBy(w => new { w.CampaignId, w.Status }).Select(g => new { g.Key, N = g.Count() }).ToListAsync();
            var deadlines = (await wishes.Where(w => w.DeadlineUtc != null).Select(w => new { w.DeadlineUtc, w.Status }).ToListAsync())
                .GroupBy(w => (Day: w.DeadlineUtc!.Value.ToString("yyyy-MM-dd"), w.Status)).Select(g => new { g.Key, N = g.Count() });
            return all.Select(r => (Key: (WishDimensions.All, (string?)null, r.Key), r.N))
                .Concat(category.Select(r => (Key: (WishDimensions.Category, r.Key.Category, r.Key.Status), r.N)))
                .Concat(community.Select(r => (Key: (WishDimensions.Community, r.Key.CommunityId, r.Key.Status), r.N)))
                .Concat(campaign.Select(r => (Key: (WishDimensions.Campaign, r.Key.CampaignId, r.Key.Status), r.N)))
                .Concat(deadlines.Select(r => (Key: (WishDimensions.Deadline, (string?)r.Key.Day, r.Key.Status), r.N)))
                .ToDictionary(r => r.Key, r => r.N);
        });
        var counted = await CountsAsync();
        Assert.Equal(expected.OrderBy(e => e.Key.ToString()), counted.OrderBy(e => e.Key.ToString()));
    }

    private Task<Dictionary<(string Dimension, string? Key, WishStatus Status), int>> CountsAsync() =>
        host.InScopeAsync(async sp =>
        {
            var counts = sp.GetRequiredService<WishCounts>();
            var snapshot = await counts.ReadAsync();
            return new[] { WishDimensions.All, WishDimensions.Category, WishDimensions.Community, WishDimensions.Campaign }.SelectMany(snapshot.In)
                .Concat((await counts.ReadAsync(WishDimensions.Deadline)).In(WishDimensions.Deadline))
                .ToDictionary(c => (c.Dimension, c.Key, c.Status), c => c.Count);
        });

    private static void FileUnder(ContentItem item, string? category, string? community, string? campaign, string? deadline = null)
    {
        var part = item.Part("Wish");
        part["Deadline"] = deadline is null ? null : new JsonObject { ["Value"] = deadline };
        part["Category"] = category is null ? null : new JsonObject { ["Value"] = category };
        part["Community"] = community is null ? null : new JsonObject { ["ContentItemIds"] = new JsonArray(community) };
        part["Campaign"] = campaign is null ? null : new JsonObject { ["ContentItemIds"] = new JsonArray(campaign) };
    }

    private Task EditAsync(string id, Action<ContentItem> change) =>
        host.InScopeAsync(async sp =>
        {
            var cm = sp.GetRequiredService<ContentManager>();
            var item = (await cm.GetAsync(id, VersionOptions.Latest))!;
            change(item);
            Assert.True((await cm.UpdateAsync(item)).Succeeded);
            return 0;
        });

    /// <summary>The Wishes recipe step brings a wish to a state; a wish that cannot get there fails the recipe, which changes nothing.</summary>
    private async Task RunWishesStepAsync(string id, WishStatus status)
    {
        var path = Path.Combine(host.Database.DataPath, $"wishes-{Guid.NewGuid():N}.recipe.json");
        await File.WriteAllTextAsync(path, $$"""
            { "name": "wishes-{{Guid.NewGuid():N}}", "steps": [ { "name": "Wishes", "Wishes": [ { "WishId": "{{id}}", "Status": "{{status}}" } ] } ] }
            """);
        await host.InScopeAsync(async sp =>
            await sp.GetRequiredService<IRecipeExecutor>().ExecuteAsync(await sp.GetRequiredService<IRecipeCatalog>().LoadAsync(path)));
    }
}
