using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Testing;
using Portal.Users.Services;
using Portal.Users.Setup;
using Portal.Wishes.Models;
using Portal.Wishes.Services;

namespace Portal.Cluster.Tests;

/// <summary>
/// Two Portal.Web processes on one PostgreSQL database, set up with the micro-wish recipe. The test process is a
/// third participant (<see cref="Admin"/>): it prepares data and inspects the database directly.
/// </summary>
public sealed class TwoNodeCluster : IAsyncLifetime
{
    public const string AdminUserName = "admin";
    public const string Password = PortalServer.Password;
    public const double LeaseSeconds = 3;

    public TestDatabase Database { get; private set; } = null!;
    public PortalTestHost Admin { get; private set; } = null!;
    public PortalNode[] Nodes { get; } = new PortalNode[2];

    private Dictionary<string, string?> settings = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        settings = new()
        {
            ["Portal:MediaPath"] = Path.Combine(Database.DataPath, "shared-media"),
            ["Portal:Cluster:LeaseSeconds"] = LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // The race is about the last slot, not the volunteer's cap.
            ["Portal:Wishes:MaxOpenClaimsPerVolunteer"] = "1000000",
            ["Portal:RateLimits:LoginPerMinute"] = "100000",
            // Timers are looked for every second, so the timer tests need not wait half a minute.
            ["Portal:Workflows:TimerInterval"] = "00:00:01",
            // A kill in the middle of a timer batch lands between two fires (MultiNodeTests.Timers).
            ["Portal:Workflows:TimerFirePause"] = "00:00:00.05",
        };
        Admin = await PortalTestHost.AttachAsync(Database, settings);
        await SetUpAsync(Admin);
        Nodes[0] = await PortalNode.StartAsync(Database, settings, "a");
        Nodes[1] = await PortalNode.StartAsync(Database, settings, "b");
    }

    /// <summary>Sets the site up with the micro-wish recipe and the administrator <see cref="AdminUserName"/>.</summary>
    public static Task SetUpAsync(PortalTestHost admin) =>
        admin.InScopeAsync(async sp =>
        {
            var result = await sp.GetRequiredService<SetupService>().SetupAsync(
                new SetupRequest("集群门户", AdminUserName, "admin@example.test", Password, Password, "micro-wish"));
            if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Message)));
        });

    /// <summary>Replaces a killed node with a fresh process.</summary>
    public async Task RestartAsync(int index)
    {
        await Nodes[index].DisposeAsync();
        Nodes[index] = await PortalNode.StartAsync(Database, settings);
    }

    /// <summary>A further node on the cluster's database, with <paramref name="overrides"/> over the cluster's settings.</summary>
    public Task<PortalNode> StartNodeAsync(Dictionary<string, string?> overrides) =>
        PortalNode.StartAsync(Database, new Dictionary<string, string?>(settings.Concat(overrides).GroupBy(p => p.Key)
            .Select(g => g.Last())));

    public async Task CreateVolunteerAsync(string userName)
    {
        await Admin.InScopeAsync(async sp =>
        {
            var (_, errors) = await sp.GetRequiredService<UserService>()
                .CreateAsync(new NewUser(userName, $"{userName}@example.test", Password, ["Volunteer"]));
            if (errors.Count > 0) throw new InvalidOperationException(string.Join(" ", errors.Select(e => e.Message)));
        });
    }

    /// <summary>A published wish with <paramref name="slots"/> slots, moved there through the lifecycle as review would.</summary>
    public Task<string> PublishedWishAsync(int slots = 1) =>
        Admin.InScopeAsync(async sp =>
        {
            var content = sp.GetRequiredService<ContentManager>();
            var community = await sp.GetRequiredService<PortalDbContext>().Set<ContentItemRecord>()
                .Where(r => r.ContentType == "Community" && r.Published).Select(r => r.ContentItemId).FirstAsync();
            var item = (await content.NewAsync("Wish"))!;
            item.Part("TitlePart")["Title"] = "开学想背新书包";
            item.Field("Wish", "ItemText")["Text"] = "一个新书包";
            item.Field("Wish", "Category")["Value"] = "study-supplies";
            item.Field("Wish", "Kind")["Value"] = "material";
            item.Field("Wish", "IntakeChannel")["Value"] = "wish-card";
            item.Field("Wish", "Alias")["Text"] = "小林";
            item.Field("Wish", "Community")["ContentItemIds"] = new System.Text.Json.Nodes.JsonArray(community);
            item.Field("Wish", "Slots")["Value"] = slots;
            item.Field("Wish", "PublishConsent")["Value"] = true;
            var created = await content.CreateAsync(item);
            if (created.Item is null) throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Message)));
            await WishMoves.PublishAsync(sp, created.Item.ContentItemId);
            return created.Item.ContentItemId;
        });

    public async Task DisposeAsync()
    {
        foreach (var node in Nodes.Where(n => n is not null)) await node.DisposeAsync();
        await Admin.DisposeAsync();
        await Database.DisposeAsync();
    }
}
