using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;
using Portal.Core.Data;
using Portal.Testing;
using Portal.Wishes.Models;
using Portal.Wishes.Services;

namespace Portal.Wishes.Tests;

public abstract class WishHost(DatabaseProvider provider) : IAsyncLifetime
{
    public PortalTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await PortalTestHost.StartAsync(provider, settings: new Dictionary<string, string?>
        {
            ["Portal:Wishes:MaxOpenClaimsPerVolunteer"] = "3",
            ["Portal:Wishes:PointsByCategory:study-supplies"] = "20",
        });
        await Host.InScopeAsync(sp => new DefinitionBuilder("Wish").Parts("TitlePart")
            .Field("Category", "EnumerationField", new JsonObject { ["Options"] = new JsonArray("essential-supplies", "study-supplies") })
            .Field("Slots", "NumericField", new JsonObject { ["Minimum"] = 1 })
            .Field("Points", "NumericField", new JsonObject { ["Minimum"] = 0 })
            .Field("Community", "ContentPickerField")
            .Field("Campaign", "ContentPickerField")
            .Field("Deadline", "DateField")
            .WishPrivacyFields()
            .SaveAsync(sp.GetRequiredService<ContentDefinitionStore>()));
        await Host.InScopeAsync(sp => WishPrivacy.StoryType().SaveAsync(sp.GetRequiredService<ContentDefinitionStore>()));
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class SqliteWishHost() : WishHost(DatabaseProvider.Sqlite);
public sealed class PostgresWishHost() : WishHost(DatabaseProvider.Postgres);

/// <summary>The wish domain's behaviour, run against each database.</summary>
public abstract partial class WishSuite(PortalTestHost host)
{
    protected PortalTestHost Host => host;

    protected async Task<string> NewWishAsync(int slots = 1, string title = "一台电风扇", Action<ContentItem>? fill = null)
    {
        return await host.InScopeAsync(async sp =>
        {
            var cm = sp.GetRequiredService<ContentManager>();
            var item = (await cm.NewAsync("Wish"))!;
            item.Part("TitlePart")["Title"] = title;
            item.Field("Wish", "Slots")["Value"] = slots;
            item.Field("Wish", "PublishConsent")["Value"] = true;
            fill?.Invoke(item);
            var result = await cm.CreateAsync(item);
            Assert.True(result.Succeeded, result.ToString());
            return result.Item!.ContentItemId;
        });
    }

    /// <summary>A wish that has been submitted, reviewed and published: open to volunteers.</summary>
    protected async Task<string> PublishedWishAsync(int slots = 1)
    {
        var id = await NewWishAsync(slots);
        foreach (var step in new[] { WishStatus.Submitted, WishStatus.UnderReview, WishStatus.Published })
            Assert.True((await MoveAsync(id, step)).Succeeded);
        return id;
    }

    protected Task<WishResult> MoveAsync(string id, WishStatus to, string? reason = null) =>
        host.InScopeAsync(sp => sp.GetRequiredService<WishLifecycle>().MoveAsync(id, to, reason));

    protected Task<WishResult> ClaimAsync(string id, string claimant, ClaimantKind kind = ClaimantKind.Volunteer) =>
        host.InScopeAsync(sp => sp.GetRequiredService<WishClaims>().ClaimAsync(id, claimant, kind));

    protected Task<WishIndexRecord> IndexAsync(string id) =>
        host.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<WishIndexRecord>().AsNoTracking().FirstAsync(w => w.WishId == id));

    protected Task<List<WishClaimRecord>> ClaimsAsync(string id) =>
        host.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<WishClaimRecord>().AsNoTracking().Where(c => c.WishId == id).ToListAsync());

    /// <summary>Puts a wish straight into a state, as if it had got there by the rules (and counts the index afresh, as after a bulk write).</summary>
    protected async Task ForceStatusAsync(string id, WishStatus status)
    {
        await host.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<WishIndexRecord>()
            .Where(w => w.WishId == id).ExecuteUpdateAsync(s => s.SetProperty(w => w.Status, status)));
        await host.InScopeAsync(sp => sp.GetRequiredService<WishCounts>().RecountAsync());
    }

    protected Task<string> LabelAsync(WishStatus status) =>
        host.InScopeAsync(sp => Task.FromResult(sp.GetRequiredService<WishLifecycle>().Label(status)));

    protected static string Volunteer() => "v-" + Guid.NewGuid().ToString("N")[..8];
}

public sealed class SqliteWishTests(SqliteWishHost fixture) : WishSuite(fixture.Host), IClassFixture<SqliteWishHost>;

public sealed class PostgresWishTests(PostgresWishHost fixture) : WishSuite(fixture.Host), IClassFixture<PostgresWishHost>;
