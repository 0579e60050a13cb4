using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Testing;
using Portal.Wishes.Models;

namespace Portal.Wishes.Tests;

/// <summary>A fresh site set up with the micro-wish recipe, as its staff first see it.</summary>
public sealed class SetupRecipeTests(MicroWishPortalServer server) : IClassFixture<MicroWishPortalServer>
{
    [Fact]
    public async Task Demo_wishes_waiting_for_review_are_under_review_by_the_process_and_the_queue_offers_its_decision()
    {
        var waiting = await DemoWishesAsync(WishStatus.UnderReview);
        Assert.True(waiting.Count >= 4, $"{waiting.Count} demo wishes are under review");

        using var admin = await server.AdminClientAsync();
        await admin.GetAsync("/culture/en?returnUrl=/admin");
        var queue = await admin.GetStringAsync("/admin/wishes/queue?tab=Review");
        foreach (var wish in waiting)
        {
            Assert.Contains($"aria-label=\"Approve: {wish.Title}\">Approve</button>", queue);
            Assert.Contains($"aria-label=\"Return: {wish.Title}\">Return</button>", queue);
        }
    }

    private sealed record DemoWish(string Id, string Title, WishStatus Status);

    private async Task<List<DemoWish>> DemoWishesAsync(params WishStatus[] states)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var wishes = await db.Set<WishIndexRecord>().AsNoTracking().Where(w => states.Contains(w.Status)).ToListAsync();
        var ids = wishes.Select(w => w.WishId).ToList();
        var titles = await db.Set<ContentItemRecord>().AsNoTracking().Where(r => r.Latest && ids.Contains(r.ContentItemId))
            .ToDictionaryAsync(r => r.ContentItemId, r => r.DisplayText);
        return [.. wishes.Select(w => new DemoWish(w.WishId, titles[w.WishId] ?? "", w.Status))];
    }
}
