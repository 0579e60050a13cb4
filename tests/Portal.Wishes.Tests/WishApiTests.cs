using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;
using Portal.Core.Data;
using Portal.Testing;
using Portal.Wishes.Models;
using Portal.Wishes.Services;

namespace Portal.Wishes.Tests;

/// <summary>A set-up portal with the Wish type, a Volunteer role that may claim and a CommunityStaff role.</summary>
public class WishServer : SetUpPortalServer
{
    public WishServer() { }
    protected WishServer(DatabaseProvider provider) : base(provider) { }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await CreateRoleAsync("Volunteer", "ClaimWishes");
        await CreateRoleAsync("CommunityStaff", "AccessAdmin", "ReviewWishes", "ConfirmClaims");
        await using var scope = Services.CreateAsyncScope();
        await new DefinitionBuilder("Wish").Parts("TitlePart")
            .Field("Slots", "NumericField", new JsonObject { ["Minimum"] = 1 })
            .WishPrivacyFields()
            .SaveAsync(scope.ServiceProvider.GetRequiredService<ContentDefinitionStore>());
    }

    /// <summary>A wish published through the lifecycle service, as review would leave it.</summary>
    public async Task<string> PublishedWishAsync(int slots = 1, Action<ContentItem>? fill = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var cm = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var item = (await cm.NewAsync("Wish"))!;
        item.Part("TitlePart")["Title"] = "一个新书包";
        item.Field("Wish", "Slots")["Value"] = slots;
        item.Field("Wish", "PublishConsent")["Value"] = true;
        fill?.Invoke(item);
        var id = (await cm.CreateAsync(item)).Item!.ContentItemId;
        var lifecycle = scope.ServiceProvider.GetRequiredService<WishLifecycle>();
        foreach (var to in new[] { WishStatus.Submitted, WishStatus.UnderReview, WishStatus.Published })
            await lifecycle.MoveAsync(id, to);
        return id;
    }
}

public sealed class PostgresWishServer() : WishServer(DatabaseProvider.Postgres);

public abstract class WishApiSuite(WishServer server)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [Fact]
    public async Task Of_fifty_volunteers_claiming_over_HTTP_at_once_one_gets_201_and_the_others_409()
    {
        var wish = await server.PublishedWishAsync();
        var volunteers = new List<HttpClient>();
        for (var i = 0; i < 50; i++)
            volunteers.Add(await server.NewSignedInClientAsync($"v{Guid.NewGuid():N}"[..12], "Volunteer"));

        var responses = await Task.WhenAll(volunteers.Select(c => c.PostAsJsonAsync($"/api/wishes/{wish}/claims", new { })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(49, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var problem = await responses.First(r => r.StatusCode == HttpStatusCode.Conflict).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains("此心愿已被认领", problem!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Claiming_needs_a_signed_in_user_with_the_claim_permission()
    {
        var wish = await server.PublishedWishAsync();
        using var anonymous = server.NewClient();
        using var resident = await server.NewSignedInClientAsync($"r{Guid.NewGuid():N}"[..12], "Resident");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"/api/wishes/{wish}/claims", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.PostAsJsonAsync($"/api/wishes/{wish}/claims", new { })).StatusCode);
    }

    [Fact]
    public async Task A_claim_cannot_be_made_by_a_cross_site_form_post()
    {
        var wish = await server.PublishedWishAsync();
        using var volunteer = await server.NewSignedInClientAsync($"v{Guid.NewGuid():N}"[..12], "Volunteer");

        var response = await volunteer.PostAsync($"/api/wishes/{wish}/claims", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Volunteers_cannot_review_and_an_illegal_move_names_the_current_state()
    {
        var wish = await server.PublishedWishAsync();
        using var volunteer = await server.NewSignedInClientAsync($"v{Guid.NewGuid():N}"[..12], "Volunteer");
        using var staff = await server.NewSignedInClientAsync($"s{Guid.NewGuid():N}"[..12], "CommunityStaff");

        var byVolunteer = await volunteer.PostAsJsonAsync($"/api/wishes/{wish}/moves", new { To = "Closed", Reason = "x" }, Json);
        var illegal = await staff.PostAsJsonAsync($"/api/wishes/{wish}/moves", new { To = "Verified" }, Json);

        Assert.Equal(HttpStatusCode.Forbidden, byVolunteer.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, illegal.StatusCode);
        Assert.Contains("已发布", (await illegal.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_whole_journey_from_claim_to_verification_is_recorded()
    {
        var wish = await server.PublishedWishAsync();
        using var volunteer = await server.NewSignedInClientAsync($"v{Guid.NewGuid():N}"[..12], "Volunteer");
        using var other = await server.NewSignedInClientAsync($"v{Guid.NewGuid():N}"[..12], "Volunteer");
        using var staff = await server.NewSignedInClientAsync($"s{Guid.NewGuid():N}"[..12], "CommunityStaff");

        var claim = (await (await volunteer.PostAsJsonAsync($"/api/wishes/{wish}/claims", new { })).Content.ReadFromJsonAsync<JsonObject>(Json))!["claimId"]!.GetValue<long>();
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/wishes/claims/{claim}/confirm", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsJsonAsync($"/api/wishes/claims/{claim}/schedule", new { ScheduledForUtc = DateTime.UtcNow.AddDays(2) })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await volunteer.PostAsJsonAsync($"/api/wishes/claims/{claim}/schedule", new { ScheduledForUtc = DateTime.UtcNow.AddDays(2) })).StatusCode);
        var noEvidence = await volunteer.PostAsJsonAsync($"/api/wishes/claims/{claim}/fulfil", new { });
        Assert.Equal(HttpStatusCode.BadRequest, noEvidence.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await volunteer.PostAsJsonAsync($"/api/wishes/claims/{claim}/fulfil", new { Note = "书包已送到，孩子很开心" })).StatusCode);
        var verified = await staff.PostAsJsonAsync($"/api/wishes/{wish}/moves", new { To = "Verified" }, Json);
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);

        var audit = await staff.GetFromJsonAsync<JsonArray>($"/api/wishes/{wish}/audit", Json);
        Assert.Equal(
            ["WishSubmitted", "WishReviewStarted", "WishPublished", "WishClaimed", "ClaimConfirmed", "WishScheduled", "WishFulfilled", "WishVerified"],
            audit!.Select(a => a!["action"]!.GetValue<string>()));
        Assert.Equal("书包已送到，孩子很开心", audit![6]!["reason"]!.GetValue<string>());
    }
}

public sealed class SqliteWishApiTests(WishServer server) : WishApiSuite(server), IClassFixture<WishServer>;

public sealed class PostgresWishApiTests(PostgresWishServer server) : WishApiSuite(server), IClassFixture<PostgresWishServer>;
