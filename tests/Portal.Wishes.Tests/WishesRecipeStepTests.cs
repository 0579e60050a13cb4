using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Recipes;
using Portal.Testing;
using Portal.Wishes.Models;
using Portal.Wishes.Services;

namespace Portal.Wishes.Tests;

/// <summary>The micro-wish recipe run once on a fresh portal: its demo wishes' lives.</summary>
public sealed class MicroWishDemo : IAsyncLifetime
{
    public PortalTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await PortalTestHost.StartAsync(DatabaseProvider.Sqlite);
        var result = await Host.InScopeAsync(async sp =>
        {
            var recipe = (await sp.GetRequiredService<IRecipeCatalog>().FindAsync("micro-wish"))!;
            return await sp.GetRequiredService<IRecipeExecutor>().ExecuteAsync(recipe);
        });
        Assert.True(result.Succeeded, result.Failure?.ToString());
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class WishesRecipeStepTests(MicroWishDemo demo) : IClassFixture<MicroWishDemo>
{
    [Fact]
    public async Task The_demo_has_sixty_wishes_in_every_state()
    {
        var byStatus = await demo.Host.InScopeAsync(async sp => await sp.GetRequiredService<PortalDbContext>().Set<WishIndexRecord>()
            .GroupBy(w => w.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));

        Assert.Equal(60, byStatus.Values.Sum());
        Assert.All(Enum.GetValues<WishStatus>(), s => Assert.True(byStatus.GetValueOrDefault(s) > 0, $"no demo wish is {s}"));
    }

    [Fact]
    public async Task Every_demo_state_was_reached_by_legal_moves_written_to_the_audit_trail()
    {
        var (wishes, audit) = await demo.Host.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            return (await db.Set<WishIndexRecord>().ToListAsync(), (await db.Set<WishAuditRecord>().OrderBy(a => a.Id).ToListAsync()).ToLookup(a => a.WishId));
        });

        Assert.All(wishes, wish =>
        {
            var moves = audit[wish.WishId].Where(a => a.From != a.To).ToList();
            var at = WishStatus.Draft;
            foreach (var move in moves)
            {
                Assert.Equal(at, move.From);
                Assert.True(WishLifecycleRules.CanMove(at, move.To!.Value), $"{at} -> {move.To}");
                at = move.To!.Value;
            }
            Assert.Equal(wish.Status, at);
        });
    }

    [Fact]
    public async Task Verified_demo_wishes_granted_points_and_open_claims_keep_within_the_cap()
    {
        var (points, openClaims) = await demo.Host.InScopeAsync<(int, List<int>)>(async sp =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            ClaimStatus[] open = [ClaimStatus.Active, ClaimStatus.Confirmed, ClaimStatus.Scheduled];
            return (await db.Set<PointsEntryRecord>().CountAsync(),
                await db.Set<WishClaimRecord>().Where(c => open.Contains(c.Status)).GroupBy(c => c.ClaimantId).Select(g => g.Count()).ToListAsync());
        });

        Assert.True(points >= 10, $"{points} grants");
        Assert.All(openClaims, n => Assert.InRange(n, 1, 3));
    }

    [Fact]
    public async Task A_step_that_asks_for_an_illegal_state_fails_and_changes_nothing()
    {
        var before = await AuditCountAsync();
        var wishId = await demo.Host.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<WishIndexRecord>()
            .Where(w => w.Status == WishStatus.Rejected).Select(w => w.WishId).FirstAsync());
        var folder = Directory.CreateDirectory(Path.Combine(demo.Host.Database.DataPath, "step-test")).FullName;
        var path = Path.Combine(folder, "bad.recipe.json");
        await File.WriteAllTextAsync(path, $$"""
            { "name": "bad", "steps": [ { "name": "Wishes", "Wishes": [ { "WishId": "{{wishId}}", "Status": "Published" } ] } ] }
            """);

        var result = await demo.Host.InScopeAsync(async sp =>
            await sp.GetRequiredService<IRecipeExecutor>().ExecuteAsync(await sp.GetRequiredService<IRecipeCatalog>().LoadAsync(path)));

        Assert.False(result.Succeeded);
        Assert.Contains("Wishes[0]: a wish that is Rejected cannot become Published", result.Failure!.Message);
        Assert.Equal(before, await AuditCountAsync());
    }

    [Theory]
    [InlineData(WishStatus.Draft, WishStatus.Verified, false, "Submitted UnderReview Published Claimed Scheduled Fulfilled Verified")]
    [InlineData(WishStatus.Draft, WishStatus.Claimed, true, "Submitted UnderReview Published OpenToOrganisations Claimed")]
    [InlineData(WishStatus.Submitted, WishStatus.Rejected, false, "UnderReview Rejected")]
    [InlineData(WishStatus.Draft, WishStatus.Cancelled, false, "Cancelled")]
    public void The_step_walks_the_shortest_legal_path(WishStatus from, WishStatus to, bool byOrganisation, string expected) =>
        Assert.Equal(expected, string.Join(' ', Recipes.WishesStep.PathTo(from, to, byOrganisation)!));

    private Task<int> AuditCountAsync() =>
        demo.Host.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<WishAuditRecord>().CountAsync());
}
