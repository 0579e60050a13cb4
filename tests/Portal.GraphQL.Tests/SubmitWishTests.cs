using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.GraphQL.ApiClients;
using Portal.Testing;
using Portal.Wishes.Models;

namespace Portal.GraphQL.Tests;

/// <summary>The micro-wish site (its Wish type, communities and review workflow) for partners' submitWish.</summary>
public class PartnerWishServer() : SetUpPortalServer(DatabaseProvider.Sqlite, "micro-wish");
public sealed class PostgresPartnerWishServer() : SetUpPortalServer(DatabaseProvider.Postgres, "micro-wish");

public sealed class SubmitWishTests(PartnerWishServer server) : SubmitWishSuite(server), IClassFixture<PartnerWishServer>;
public sealed class PostgresSubmitWishTests(PostgresPartnerWishServer server) : SubmitWishSuite(server), IClassFixture<PostgresPartnerWishServer>;

/// <summary><c>submitWish</c> over HTTP: idempotent, reviewed like an online wish, refused field by field, only for its scope.</summary>
public abstract class SubmitWishSuite(SetUpPortalServer server)
{
    private const string Mutation = """
        mutation Submit($input: SubmitWishInput!, $key: String) {
          submitWish(input: $input, idempotencyKey: $key) { contentItemId reference replayed }
        }
        """;

    private async Task<HttpClient> PartnerAsync(params string[] scopes)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var (_, secret, errors) = await scope.ServiceProvider.GetRequiredService<ApiClientService>()
            .CreateAsync(new ApiClientInput("district-" + Guid.NewGuid().ToString("N")[..8], scopes, 1000));
        Assert.Empty(errors);
        var client = server.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private Task<string> CommunityAsync() => InScopeAsync(sp => sp.GetRequiredService<ContentManager>().Records
        .Where(r => r.ContentType == "Community" && r.Published).Select(r => r.ContentItemId).FirstAsync());

    private async Task<Dictionary<string, object?>> InputAsync(string item, bool consent = true) => new()
    {
        ["itemText"] = item,
        ["category"] = "essential-supplies",
        ["community"] = await CommunityAsync(),
        ["description"] = "夏天屋里太热",
        ["wisherName"] = "王大爷",
        ["phone"] = "13912345678",
        ["publishConsent"] = consent,
    };

    private Task<int> WishesTitledAsync(string title) => InScopeAsync(sp => sp.GetRequiredService<ContentManager>().Records
        .CountAsync(r => r.ContentType == "Wish" && r.Latest && r.DisplayText == title));

    private static JsonNode Submitted(JsonNode? body) =>
        body?["data"]?["submitWish"] ?? throw new Xunit.Sdk.XunitException("No submitWish in " + body?.ToJsonString());

    [Fact]
    public async Task A_partners_wish_lands_in_review_once_however_often_its_key_is_sent()
    {
        using var partner = await PartnerAsync("submitWish");
        var item = "一台电风扇 " + Guid.NewGuid().ToString("N")[..6];
        var input = await InputAsync(item);
        var key = Guid.NewGuid().ToString();

        var (response, body) = await GraphQLServer.PostAsync(partner, Mutation, new { input, key });
        var (_, again) = await GraphQLServer.PostAsync(partner, Mutation, new { input, key });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var first = Submitted(body);
        var id = first["contentItemId"]!.GetValue<string>();
        Assert.False(first["replayed"]!.GetValue<bool>());
        Assert.Equal(id[..8].ToUpperInvariant(), first["reference"]!.GetValue<string>());
        Assert.Equal(id, Submitted(again)["contentItemId"]!.GetValue<string>());
        Assert.True(Submitted(again)["replayed"]!.GetValue<bool>());
        Assert.Equal(1, await WishesTitledAsync(item));
        var (status, channel) = await InScopeAsync(async sp =>
        {
            var wish = await sp.GetRequiredService<PortalDbContext>().Set<WishIndexRecord>().SingleAsync(w => w.WishId == id);
            var stored = await sp.GetRequiredService<ContentManager>().GetAsync(id, VersionOptions.Latest);
            return (wish.Status, stored!.Content["Wish"]!["IntakeChannel"]!["Value"]!.GetValue<string>());
        });
        Assert.Equal((WishStatus.UnderReview, "partner-api"), (status, channel)); // the review workflow took it up
    }

    [Fact]
    public async Task A_refused_wish_names_each_wrong_input_field_and_nothing_is_saved()
    {
        using var partner = await PartnerAsync("submitWish");
        var item = "一个书包 " + Guid.NewGuid().ToString("N")[..6];
        var input = await InputAsync(item, consent: false);
        input["community"] = "no-such-community";
        input["phone"] = "  ";

        var (blank, blankBody) = await GraphQLServer.PostAsync(partner, Mutation, new { input });
        input["phone"] = "13912345678";
        var (_, refused) = await GraphQLServer.PostAsync(partner, Mutation, new { input });

        Assert.Equal(HttpStatusCode.OK, blank.StatusCode);
        Assert.Equal(["input.phone"], FieldsOf(blankBody));
        Assert.Null(refused!["data"]);
        Assert.Equal(["input.community", "input.publishConsent"], FieldsOf(refused).Order());
        Assert.Equal("BAD_USER_INPUT", refused["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(["submitWish"], refused["errors"]![0]!["path"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal(0, await WishesTitledAsync(item));
    }

    [Fact]
    public async Task A_key_sent_again_with_another_wish_is_refused_and_the_first_wish_stays_alone()
    {
        using var partner = await PartnerAsync("submitWish");
        var (first, second) = ("拐杖 " + Guid.NewGuid().ToString("N")[..6], "台灯 " + Guid.NewGuid().ToString("N")[..6]);
        var key = Guid.NewGuid().ToString();

        Submitted((await GraphQLServer.PostAsync(partner, Mutation, new { input = await InputAsync(first), key })).Body);
        var (_, reused) = await GraphQLServer.PostAsync(partner, Mutation, new { input = await InputAsync(second), key });

        Assert.Equal(["idempotencyKey"], FieldsOf(reused));
        Assert.Equal((1, 0), (await WishesTitledAsync(first), await WishesTitledAsync(second)));
    }

    [Fact]
    public async Task Only_a_client_granted_submitWish_may_call_it()
    {
        var item = "助行器 " + Guid.NewGuid().ToString("N")[..6];
        var input = await InputAsync(item);
        using var reader = await PartnerAsync("Story", "Wish");
        using var anonymous = server.NewClient();

        var (forbidden, forbiddenBody) = await GraphQLServer.PostAsync(reader, Mutation, new { input });
        var (unauthorized, unauthorizedBody) = await GraphQLServer.PostAsync(anonymous, Mutation, new { input });

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("This client is not granted the scope \"submitWish\".", GraphQLServer.Errors(forbiddenBody));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Contains("submitWish needs an API client", GraphQLServer.Errors(unauthorizedBody));
        Assert.Equal(0, await WishesTitledAsync(item));
    }

    [Fact]
    public async Task Only_a_client_granted_submitWish_sees_it_in_the_schema()
    {
        using var reader = await PartnerAsync("Story", "Wish");
        using var submitter = await PartnerAsync("submitWish");
        const string Introspect = "{ __schema { mutationType { fields { name } } } __type(name: \"SubmitWishInput\") { inputFields { name } } }";

        var (_, read) = await GraphQLServer.PostAsync(reader, Introspect);
        var (_, submit) = await GraphQLServer.PostAsync(submitter, Introspect);

        Assert.Null(read!["data"]!["__schema"]!["mutationType"]);
        Assert.Null(read["data"]!["__type"]);
        Assert.Equal(["submitWish"], submit!["data"]!["__schema"]!["mutationType"]!["fields"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()));
        Assert.Contains("phone", submit["data"]!["__type"]!["inputFields"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()));
    }

    private static IEnumerable<string> FieldsOf(JsonNode? body) =>
        body?["errors"]?[0]?["extensions"]?["fields"]?.AsObject().Select(f => f.Key) ?? throw new Xunit.Sdk.XunitException("No field errors in " + body?.ToJsonString());
}
