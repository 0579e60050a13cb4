using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Cluster;
using Portal.Core.Data;
using Portal.Testing;

namespace Portal.Web.Tests;

/// <summary>Two nodes on one database, each on its own Kestrel port: a visitor may land on either.</summary>
public abstract class StatelessNodeSuite(SetUpPortalServer nodeA) : IAsyncLifetime
{
    private PortalServer nodeB = null!;

    public async Task InitializeAsync()
    {
        nodeB = PortalServer.NodeOf(nodeA.Database);
        await ((IAsyncLifetime)nodeB).InitializeAsync();
    }

    public Task DisposeAsync() => ((IAsyncLifetime)nodeB).DisposeAsync();

    [Fact]
    public async Task A_session_cookie_issued_by_node_A_opens_the_admin_on_node_B()
    {
        var browser = new CookieContainer();
        using var onA = await nodeA.AdminClientAsync(browser);
        using var onB = nodeB.NewClient(cookies: browser);
        using var anonymousOnB = nodeB.NewClient();

        var admin = await onB.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymousOnB.GetAsync("/admin")).StatusCode);
        var keys = await nodeA.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<PortalDbContext>()
            .Set<DataProtectionKeyRecord>().CountAsync();
        Assert.True(keys >= 1, "the key ring is stored in the database");
    }

    [Fact]
    public async Task An_antiforgery_token_from_a_form_on_node_A_is_accepted_by_node_B_and_a_forged_one_is_not()
    {
        var browser = new CookieContainer();
        using var onA = nodeA.NewClient(cookies: browser);
        var token = await PortalServer.AntiforgeryTokenAsync(onA, "/login");
        using var onB = nodeB.NewClient(cookies: browser);
        var fields = new Dictionary<string, string> { ["UserName"] = SetUpPortalServer.AdminUserName, ["Password"] = PortalServer.Password };

        var forged = await onB.PostAsync("/login", new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token[..^6] + "AAAAAA"))));
        var signIn = await onB.PostAsync("/login", new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/admin")).StatusCode);
    }
}

public sealed class SqliteStatelessNodeTests(SetUpPortalServer server) : StatelessNodeSuite(server), IClassFixture<SetUpPortalServer>;

public sealed class PostgresStatelessNodeTests(PostgresSetUpPortalServer server) : StatelessNodeSuite(server), IClassFixture<PostgresSetUpPortalServer>;
