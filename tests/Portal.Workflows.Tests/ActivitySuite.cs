using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;
using Portal.Core.Data;
using Portal.Testing;
using Portal.Wishes.Models;
using Portal.Wishes.Services;
using Portal.Workflows.Models;
using Portal.Workflows.Services;

namespace Portal.Workflows.Tests;

/// <summary>A portal with Wish, Story and two plain types, whose timer loop never runs by itself (tests fire timers).</summary>
public abstract class ActivityHost(DatabaseProvider provider) : IAsyncLifetime
{
    public static readonly Dictionary<string, string?> Settings = new()
    {
        ["Portal:Workflows:TimerInterval"] = "01:00:00",
        ["Portal:Workflows:Secrets:hooks"] = "s3cret",
    };

    public PortalTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await PortalTestHost.StartAsync(provider, settings: Settings);
        await Host.InScopeAsync(async sp =>
        {
            var store = sp.GetRequiredService<ContentDefinitionStore>();
            await new DefinitionBuilder("Wish").Parts("TitlePart").Field("Slots", "NumericField", new JsonObject { ["Minimum"] = 1 })
                .Field("PublishConsent", "BooleanField").SaveAsync(store);
            await new DefinitionBuilder("Story").Parts("TitlePart").Field("RelatedWishes", "ContentPickerField").SaveAsync(store);
            await new DefinitionBuilder("Note").Parts("TitlePart").SaveAsync(store);
            await new DefinitionBuilder("Memo").Parts("TitlePart").SaveAsync(store);
        });
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class SqliteActivityHost() : ActivityHost(DatabaseProvider.Sqlite);
public sealed class PostgresActivityHost() : ActivityHost(DatabaseProvider.Postgres);

/// <summary>The activities against the real content manager, wish domain and timers, on each database.</summary>
public abstract partial class ActivitySuite(PortalTestHost host) : WorkflowTestBase(host)
{
    protected Task<string> CreateItemAsync(string type, string title, bool publish = false, string? owner = null) =>
        Host.InScopeAsync(async sp =>
        {
            var cm = sp.GetRequiredService<ContentManager>();
            var item = (await cm.NewAsync(type))!;
            item.Part("TitlePart")["Title"] = title;
            item.Owner = owner ?? item.Owner;
            // The residents of test wishes consented: publishing a wish needs it.
            if (type == "Wish") item.Field("Wish", "PublishConsent")["Value"] = true;
            var result = await cm.CreateAsync(item, publish);
            Assert.True(result.Succeeded, result.ToString());
            return item.ContentItemId;
        });

    protected Task<ContentItem?> ItemAsync(string id, VersionOptions options = VersionOptions.Latest) =>
        Host.InScopeAsync(sp => sp.GetRequiredService<ContentManager>().GetAsync(id, options));

    protected Task<WishResult> MoveAsync(string wishId, WishStatus to, string? reason = null) =>
        Host.InScopeAsync(sp => sp.GetRequiredService<WishLifecycle>().MoveAsync(wishId, to, reason));

    protected Task<WishStatus> WishStatusAsync(string wishId) =>
        Host.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<WishIndexRecord>().AsNoTracking()
            .Where(w => w.WishId == wishId).Select(w => w.Status).FirstAsync());

    protected Task<List<WorkflowInstanceRecord>> InstancesOfAsync(string typeId) =>
        Host.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<WorkflowInstanceRecord>().AsNoTracking()
            .Where(i => i.WorkflowTypeId == typeId).ToListAsync());

    protected Task<List<WorkflowTimerRecord>> TimersAsync(string typeId) =>
        Host.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<WorkflowTimerRecord>().AsNoTracking()
            .Where(t => t.WorkflowTypeId == typeId).ToListAsync());

    /// <summary>Time passes: every timer of the type is due now.</summary>
    protected Task MakeDueAsync(string typeId) =>
        Host.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<WorkflowTimerRecord>()
            .Where(t => t.WorkflowTypeId == typeId).ExecuteUpdateAsync(s => s.SetProperty(t => t.DueUtc, DateTime.UtcNow.AddDays(-3))));

    protected Task<int> FireTimersAsync() => Host.Services.GetRequiredService<WorkflowTimerService>().RunOnceAsync();

    /// <summary>What the outbox's background delivery does on its next round (the test host runs no background services).</summary>
    protected Task<int> DeliverOutboxAsync() => Host.Services.GetRequiredService<Outbox.OutboxDelivery>().RunOnceAsync();

    protected static ClaimsPrincipal Person(string userId, params string[] roles) =>
        new(new ClaimsIdentity(
            roles.Select(r => new Claim(ClaimTypes.Role, r)).Append(new Claim(ClaimTypes.NameIdentifier, userId)).Append(new Claim(ClaimTypes.Name, userId)),
            "test"));

    protected Task<TaskDecisionResult> DecideAsync(ClaimsPrincipal user, string instanceId, string activityId, string action, string? comment = null) =>
        Host.InScopeAsync(sp => sp.GetRequiredService<UserTaskService>().DecideAsync(user, instanceId, activityId, action, comment));

    protected Task<IReadOnlyList<PendingTask>> PendingAsync(ClaimsPrincipal user, string? itemId = null) =>
        Host.InScopeAsync(sp => sp.GetRequiredService<UserTaskService>().PendingAsync(user, itemId));
}

public sealed class SqliteActivityTests(SqliteActivityHost fixture) : ActivitySuite(fixture.Host), IClassFixture<SqliteActivityHost>;

public sealed class PostgresActivityTests(PostgresActivityHost fixture) : ActivitySuite(fixture.Host), IClassFixture<PostgresActivityHost>;
