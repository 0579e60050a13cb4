using System.Net;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.GraphQL.ApiClients;
using Portal.Testing;
using Portal.Users.Services;
using Portal.Wishes.Models;
using Portal.Wishes.Services;
using Portal.Workflows.Models;
using Xunit.Abstractions;

namespace Portal.Users.Tests;

/// <summary>
/// The micro-wish site with one user in each of the recipe's roles, plus one in a role granted every permission except
/// AccessAdmin (it shows whether /admin is closed to those who may not open the admin), and one of each thing the
/// routes name: a claimed wish, a campaign, a community, a story, an API client, a workflow type and instance.
/// </summary>
public sealed class MatrixServer() : SetUpPortalServer(DatabaseProvider.Sqlite, "micro-wish")
{
    public const string AllButAccessAdmin = "AllButAccessAdmin";

    public IReadOnlyList<(string Role, string UserName, IReadOnlySet<string> Permissions)> Identities { get; private set; } = [];
    public Dictionary<string, string> Seeds { get; } = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var scope = Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var roles = sp.GetRequiredService<RoleService>();
        var catalog = sp.GetRequiredService<PermissionCatalog>();
        await CreateRoleAsync(AllButAccessAdmin, [.. catalog.All.Select(p => p.Name).Where(p => p != "AccessAdmin")]);

        var identities = new List<(string, string, IReadOnlySet<string>)>();
        foreach (var role in await roles.SummariesAsync())
        {
            var userName = "matrix-" + role.Name.ToLowerInvariant();
            Seeds[$"user:{role.Name}"] = await CreateUserAsync(userName, Password, role.Name);
            Seeds[$"role:{role.Name}"] = role.Id;
            identities.Add((role.Name, userName, (await roles.PermissionsOfAsync(role.Name)).ToHashSet(StringComparer.Ordinal)));
        }
        Identities = identities;

        var records = sp.GetRequiredService<ContentManager>().Records.Where(r => r.Published);
        Seeds["campaign"] = await records.Where(r => r.ContentType == "Campaign").Select(r => r.ContentItemId).FirstAsync();
        Seeds["community"] = await records.Where(r => r.ContentType == "Community").Select(r => r.ContentItemId).FirstAsync();
        Seeds["story"] = await records.Where(r => r.ContentType == "Story").Select(r => r.ContentItemId).FirstAsync();
        var claims = sp.GetRequiredService<WishClaims>();
        foreach (var wish in await records.Where(r => r.ContentType == "Wish").Select(r => r.ContentItemId).ToListAsync())
        {
            var claim = await claims.ClaimAsync(wish, Seeds["user:Volunteer"], ClaimantKind.Volunteer);
            if (claim.ClaimId is not { } claimId) continue;
            (Seeds["wish"], Seeds["claim"]) = (wish, claimId.ToString());
            break;
        }
        var (client, _, errors) = await sp.GetRequiredService<ApiClientService>().CreateAsync(new ApiClientInput("矩阵合作方", ["Story"]));
        Seeds["api-client"] = client?.Id.ToString() ?? throw new InvalidOperationException(string.Join(" ", errors));
        var db = sp.GetRequiredService<PortalDbContext>();
        var blocking = await db.Set<WorkflowBlockingRecord>().OrderBy(b => b.Id).FirstAsync();
        Seeds["instance"] = blocking.InstanceId;
        Seeds["activity"] = blocking.ActivityId;
        Seeds["workflow-type"] = await db.Set<WorkflowInstanceRecord>().Where(i => i.Id == blocking.InstanceId).Select(i => i.WorkflowTypeId).SingleAsync();
    }
}

/// <summary>
/// Issue 8: every endpoint the host maps, requested as anonymous and as each identity of <see cref="MatrixServer"/>,
/// must allow or deny as <see cref="Table"/> says. Writes (POST, DELETE) carry the antiforgery token and name ids that
/// do not exist, so they pass the gates and reach the handler's own checks without changing anything.
/// </summary>
public class AuthorizationMatrixTests(MatrixServer server, ITestOutputHelper output) : IClassFixture<MatrixServer>
{
    /// <summary>Who may pass an endpoint's gate.</summary>
    public sealed record Access(string Rule, Func<IReadOnlySet<string>?, bool> Allows);

    private static readonly Access Public = new("everyone", _ => true);
    private static readonly Access SignedIn = new("any signed-in user", who => who is not null);
    private static Access Holds(string permission) => new(permission, who => who?.Contains(permission) == true);
    private static Access Admin(params string[] permissions) =>
        new(string.Join(" + ", permissions.Prepend("AccessAdmin")), who => who is not null && who.Contains("AccessAdmin") && permissions.All(who.Contains));
    private static Access AdminAnyOf(params string[] permissions) =>
        new($"AccessAdmin + one of {string.Join(", ", permissions)}", who => who is not null && who.Contains("AccessAdmin") && permissions.Any(who.Contains));

    /// <summary>
    /// The rule, endpoint by endpoint. Public pages allow everyone; /admin/** needs AccessAdmin plus the screen's permission;
    /// /api/** needs what its policy names (a handler may check more, for example that the claim is the caller's own).
    /// An endpoint missing here fails the test: add its row when you add the endpoint.
    /// </summary>
    public static readonly (string Methods, string Route, Access Access)[] Table =
    [
        // Host: home, health, culture switch, error pages
        ("GET", "/", Public),
        ("*", "/health", Public), ("*", "/health/live", Public), ("*", "/health/ready", Public),
        ("GET", "/culture/{culture}", Public),
        ("*", "/error", Public), ("*", "/error/{code:int}", Public),

        // Portal.Users: sign-in and setup (404 once set up) for everyone; the admin screens by permission
        ("GET POST", "/login", Public), ("POST", "/logout", Public), ("GET", "/access-denied", Public),
        ("GET POST", "/setup", Public),
        ("GET", "/users/assets/{file}", Public),
        ("GET", "/admin/users", Admin("ManageUsers")),
        ("GET POST", "/admin/users/create", Admin("ManageUsers")),
        ("GET POST", "/admin/users/{id}/edit", Admin("ManageUsers")),
        ("POST", "/admin/users/{id}/lock", Admin("ManageUsers")),
        ("POST", "/admin/users/{id}/unlock", Admin("ManageUsers")),
        ("POST", "/admin/users/{id}/password", Admin("ManageUsers")),
        ("GET POST", "/admin/users/{id}/delete", Admin("ManageUsers")),
        ("GET", "/admin/roles", Admin("ManageRoles")),
        ("GET POST", "/admin/roles/create", Admin("ManageRoles")),
        ("GET POST", "/admin/roles/{id}/edit", Admin("ManageRoles")),
        ("GET POST", "/admin/roles/{id}/delete", Admin("ManageRoles")),

        // Portal.Theme.Admin: its stylesheet serves the error pages too
        ("GET", "/admin", Admin()),
        ("GET", "/admin/assets/{file}", Public),

        // Portal.Contents
        ("GET", "/admin/content", Admin("EditContent")),
        ("GET POST", "/admin/content/new/{type}", Admin("EditContent")),
        ("GET POST", "/admin/content/{id}/edit", Admin("EditContent")),
        ("GET POST", "/admin/content/{id}/delete", Admin("EditContent", "PublishContent")),
        ("POST", "/admin/content/{id}/unpublish", Admin("EditContent", "PublishContent")),
        ("POST", "/admin/content/{id}/autosave", Admin("EditContent")),
        ("GET", "/admin/content/{id}/versions", Admin("EditContent")), ("GET", "/admin/content/{id}/versions/compare", Admin("EditContent")),
        ("GET POST", "/admin/content/{id}/versions/{versionId}/restore", Admin("EditContent")),
        ("GET", "/admin/contents/assets/{file}", Public), // the editor's bundled scripts, like the admin stylesheet
        ("GET", "/admin/personal-data/{type}.csv", Admin("ExportPersonalData")),
        ("GET", "/admin/content-types", Admin("ManageContentTypes")),
        ("GET POST", "/admin/content-types/create", Admin("ManageContentTypes")),
        ("GET POST", "/admin/content-types/{name}/edit", Admin("ManageContentTypes")),
        ("GET POST", "/admin/content-types/{name}/delete", Admin("ManageContentTypes")),
        ("POST", "/admin/content-types/{name}/fields", Admin("ManageContentTypes")),
        ("GET POST", "/admin/content-types/{name}/fields/{field}/edit", Admin("ManageContentTypes")),
        ("POST", "/admin/content-types/{name}/fields/{field}/move", Admin("ManageContentTypes")),
        ("GET POST", "/admin/content-types/{name}/fields/{field}/remove", Admin("ManageContentTypes")),

        // Portal.Media
        ("GET", "/admin/media", Admin("ManageMedia")),
        ("POST", "/admin/media/upload", Admin("ManageMedia")), ("POST", "/admin/media/folder", Admin("ManageMedia")),
        ("POST", "/admin/media/alt", Admin("ManageMedia")), ("GET POST", "/admin/media/delete", Admin("ManageMedia")),
        ("GET", "/admin/media/api/", Admin("ManageMedia")), ("POST", "/admin/media/api/upload", Admin("ManageMedia")),
        ("GET", "/media/{**path}", Public),

        // Portal.Search
        ("GET", "/search", Public),
        ("GET", "/admin/search", Admin("ManageSearch")), ("POST", "/admin/search/rebuild", Admin("ManageSearch")),

        // Portal.GraphQL: what a caller reads is decided by its API client or permissions, not at the gate
        ("GET POST", "/api/graphql", Public),
        ("GET", "/admin/api-clients", Admin("ManageApiClients")),
        ("GET POST", "/admin/api-clients/create", Admin("ManageApiClients")),
        ("GET", "/admin/api-clients/{id:long}", Admin("ManageApiClients")),
        ("GET POST", "/admin/api-clients/{id:long}/revoke", Admin("ManageApiClients")),
        ("GET", "/admin/graphql", Admin("ManageApiClients")),
        ("GET", "/admin/graphql/assets/{file}", Public), // the explorer's bundled script, like the admin stylesheet

        // Portal.Wishes: staff screens, volunteers' pages, the wish API
        ("GET", "/admin/wishes/queue", Admin()), // the one staff queue: every admin user may have a process's decision to make
        ("POST", "/admin/wishes/decisions/{instanceId}/{activityId}", Admin()), // the task names the roles that may decide
        ("GET POST", "/admin/wishes/new", Admin("ReviewWishes")),
        ("GET POST", "/admin/wishes/import", Admin("ReviewWishes")), ("GET", "/admin/wishes/import/template.csv", Admin("ReviewWishes")),
        ("GET POST", "/admin/wishes/import/{token}", Admin("ReviewWishes")), ("GET", "/admin/wishes/import/{token}/status", Admin("ReviewWishes")),
        ("GET", "/admin/wishes/{wishId}", AdminAnyOf("ReviewWishes", "ConfirmClaims")),
        ("GET", "/wishes/assets/{file}", Public), // the intake form's script
        ("POST", "/admin/wishes/{wishId}/move", Admin("ReviewWishes")),
        ("POST", "/admin/wishes/claims/{claimId:long}/confirm", Admin("ConfirmClaims")),
        ("GET", "/admin/wishes/dashboard", Admin("ViewWishReports")),
        ("GET", "/admin/wishes/reports", Admin("ViewWishReports")),
        ("GET", "/admin/wishes/reports/branches", Admin("ViewWishReports")),
        ("GET", "/admin/wishes/reports/volunteers", Admin("ViewWishReports")),
        ("POST", "/admin/wishes/points/{entryId:long}/reverse", Admin("ViewWishReports")),
        ("GET", "/volunteer/wishes", Holds("ClaimWishes")), ("POST", "/volunteer/wishes/{wishId}/claim", Holds("ClaimWishes")),
        ("GET", "/volunteer/claims", Holds("ClaimWishes")),
        ("POST", "/volunteer/claims/{claimId:long}/schedule", Holds("ClaimWishes")),
        ("POST", "/volunteer/claims/{claimId:long}/fulfil", Holds("ClaimWishes")),
        ("POST", "/volunteer/claims/{claimId:long}/release", Holds("ClaimWishes")),
        ("POST", "/api/wishes/{wishId}/claims", Holds("ClaimWishes")),
        ("POST", "/api/wishes/{wishId}/moves", Holds("ReviewWishes")), // checked by the handler: to Verified needs ConfirmClaims; the probe's empty body moves to Draft
        ("GET", "/api/wishes/{wishId}/audit", Holds("ReviewWishes")),
        ("GET", "/api/wishes/{wishId}/contact", Holds("ViewPersonalData")), // or the confirmed claimer, whom this matrix lacks
        ("GET", "/api/wishes/{wishId}/personal-data-log", Holds("ViewPersonalData")),
        ("POST", "/api/wishes/import", Holds("ReviewWishes")),
        ("POST", "/api/wishes/claims/{claimId:long}/confirm", Holds("ConfirmClaims")),
        ("POST", "/api/wishes/claims/{claimId:long}/schedule", SignedIn), // the claimer's own claim: checked by the handler
        ("POST", "/api/wishes/claims/{claimId:long}/fulfil", SignedIn),
        ("POST", "/api/wishes/claims/{claimId:long}/release", SignedIn),
        ("GET", "/api/campaigns/{campaignId}/progress", Public),

        // Portal.Workflows: design by ManageWorkflows; tasks and notifications are each user's own
        ("GET", "/admin/workflows", Admin("ManageWorkflows")),
        ("GET", "/admin/workflows/designer/{id?}", Admin("ManageWorkflows")),
        ("GET", "/admin/workflows/instances/{id}", Admin("ManageWorkflows")),
        ("POST", "/admin/workflows/instances/{id}/retry", Admin("ManageWorkflows")),
        ("POST", "/admin/workflows/instances/{id}/cancel", Admin("ManageWorkflows")),
        ("GET", "/admin/workflows/outbox", Admin("ManageWorkflows")), ("POST", "/admin/workflows/outbox/{id}/retry", Admin("ManageWorkflows")),
        ("GET", "/admin/workflows/assets/{file}", Admin("ManageWorkflows")),
        ("GET", "/admin/workflows/tasks", Admin()), ("POST", "/admin/workflows/tasks/{instanceId}/{activityId}", Admin()),
        ("GET", "/admin/workflows/notifications", Admin()),
        ("GET", "/api/workflows/activities", Holds("ManageWorkflows")),
        ("GET POST", "/api/workflows/types", Holds("ManageWorkflows")),
        ("GET DELETE", "/api/workflows/types/{id}", Holds("ManageWorkflows")),
        ("POST", "/api/workflows/types/validate", Holds("ManageWorkflows")),
        ("GET", "/api/workflows/types/{id}/activities/{activityId}/url", Holds("ManageWorkflows")),
        ("GET", "/api/workflows/instances", Holds("ManageWorkflows")),
        ("GET", "/api/workflows/instances/{id}", Holds("ManageWorkflows")),
        ("POST", "/api/workflows/instances/{id}/retry", Holds("ManageWorkflows")),
        ("POST", "/api/workflows/instances/{id}/cancel", Holds("ManageWorkflows")),
        ("GET", "/api/workflows/tasks", SignedIn), ("POST", "/api/workflows/tasks/{instanceId}/{activityId}", SignedIn),
        ("GET", "/api/workflows/notifications", SignedIn), ("POST", "/api/workflows/notifications/{id:long}/read", SignedIn),
        ("GET POST", "/workflows/signal", Public), ("POST", "/workflows/invoke", Public), // signed links, checked by the handler

        // Portal.Theme.News: the public site; the editor's desk
        ("GET", "/{**path}", Public),
        ("GET", "/stories", Public), ("GET", "/stories/{year:int:range(2000,2100)}/{month:int:range(1,12)}", Public),
        ("GET", "/stories/community/{id}", Public), ("GET", "/stories/tag/{tag}", Public),
        ("GET", "/campaigns", Public), ("GET", "/wishes", Public), ("GET", "/about", Public),
        ("GET POST", "/wishes/submit", Public), ("GET", "/wishes/submit/thanks", Public), // the public wish form, rate-limited
        ("GET", "/feed.atom", Public), ("GET", "/sitemap.xml", Public), ("GET", "/robots.txt", Public),
        ("GET", "/assets/news/{file}", Public), ("GET", "/preview/{token}", Public),
        ("GET", "/admin/desk", Admin("EditContent")), ("GET", "/admin/desk/{id}/preview", Admin("EditContent")),
        ("POST", "/admin/desk/{id}/schedule", Admin("EditContent", "PublishContent")),
        ("POST", "/admin/desk/{id}/unschedule", Admin("EditContent", "PublishContent")),
        ("POST", "/admin/desk/{id}/share", Admin("EditContent")), ("POST", "/admin/desk/from-wish/{wishId}", Admin("EditContent")),
    ];

    private sealed record Probe(string Method, string Route, RoutePattern Pattern, IReadOnlyList<string> Accepts);

    [Fact]
    public async Task Every_endpoint_allows_and_denies_each_role_and_anonymous_as_the_table_says()
    {
        var expected = Table.SelectMany(row => row.Methods.Split(' ').Select(m => (Key: $"{m} {row.Route}", row.Access)))
            .ToDictionary(r => r.Key, r => r.Access);
        var probes = Discover();
        var unlisted = probes.Keys.Where(k => !expected.ContainsKey(k)).ToList();
        var stale = expected.Keys.Where(k => !probes.ContainsKey(k)).ToList();
        Assert.True(unlisted.Count == 0, "Endpoints missing from the table (add a row with the rule they follow):\n" + string.Join("\n", unlisted));
        Assert.True(stale.Count == 0, "Table rows that match no endpoint:\n" + string.Join("\n", stale));

        var identities = server.Identities.Select(i => (i.Role, (string?)i.UserName, (IReadOnlySet<string>?)i.Permissions))
            .Prepend(("anonymous", null, null)).ToList();
        var problems = new List<string>();
        var allowed = 0;
        // Logging out ends the identity's session, so it goes last.
        var ordered = probes.Values.OrderBy(p => p.Route == "/logout").ThenBy(p => p.Route, StringComparer.Ordinal).ThenBy(p => p.Method).ToList();
        foreach (var (role, userName, permissions) in identities)
        {
            using var client = server.NewClient();
            if (userName is not null) await server.SignInAsync(client, userName, PortalServer.Password);
            var token = await PortalServer.AntiforgeryTokenAsync(client, "/login");
            foreach (var probe in ordered)
            {
                var path = Path(probe);
                using var response = await SendAsync(client, probe, path, token);
                var denied = IsDenial(response, path);
                var access = expected[$"{probe.Method} {probe.Route}"];
                if ((int)response.StatusCode >= 500 && probe.Route != "/error")
                    problems.Add($"{probe.Method} {path} as {role}: {(int)response.StatusCode}");
                else if (denied == access.Allows(permissions))
                    problems.Add($"{probe.Method} {path} as {role}: {(denied ? "denied" : "allowed")} ({Describe(response)}), but the rule is {access.Rule}");
                if (!denied) allowed++;
            }
        }

        var size = probes.Count * identities.Count;
        output.WriteLine($"Authorization matrix: {probes.Count} endpoints x {identities.Count} identities = {size} requests, {allowed} allowed, {size - allowed} denied, {problems.Count} wrong.");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>The host's endpoints as "METHOD /route" (no method metadata: answered on any method, probed with GET).</summary>
    private Dictionary<string, Probe> Discover()
    {
        var probes = new Dictionary<string, Probe>();
        foreach (var endpoint in server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
                probes.TryAdd($"{method} {route}", new Probe(method, route, endpoint.RoutePattern,
                    endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes ?? []));
        }
        return probes;
    }

    /// <summary>A path to request: seeded values for reads; for writes ids that do not exist, so nothing changes.</summary>
    private string Path(Probe probe) => "/" + string.Join("/", probe.Pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
    {
        RoutePatternLiteralPart literal => literal.Content,
        RoutePatternSeparatorPart separator => separator.Content,
        RoutePatternParameterPart parameter => Uri.EscapeDataString(probe.Method is "GET" or "*" ? Value(probe.Route, parameter.Name) : "999999999"),
        _ => "",
    }))));

    private string Value(string route, string parameter)
    {
        var seeds = server.Seeds;
        return parameter switch
        {
            "wishId" => seeds["wish"],
            "claimId" => seeds["claim"],
            "campaignId" => seeds["campaign"],
            "instanceId" => seeds["instance"],
            "activityId" => seeds["activity"],
            "culture" => "zh-CN",
            "code" => "404",
            "type" or "name" => "Wish",
            "field" => "Alias",
            "year" => "2026",
            "month" => "11",
            "tag" => "暖冬行动",
            "path" => route.StartsWith("/media/") ? "none.jpg" : "campaigns/warm-winter",
            "file" when route.StartsWith("/assets/news/") => "news.css",
            "file" when route.StartsWith("/users/") => "users.css",
            "file" when route.StartsWith("/wishes/") => "intake.js",
            "file" when route.StartsWith("/admin/workflows/") => "designer.js",
            "file" when route.StartsWith("/admin/graphql/") => "explorer.js",
            "file" => "admin.css",
            "id" when route.StartsWith("/admin/users/") => seeds["user:Volunteer"],
            "id" when route.StartsWith("/admin/roles/") => seeds["role:Volunteer"],
            "id" when route.StartsWith("/admin/api-clients/") => seeds["api-client"],
            "id" when route.Contains("/workflows/designer/") || route.Contains("/workflows/types/") => seeds["workflow-type"],
            "id" when route.Contains("/workflows/instances/") => seeds["instance"],
            "id" when route.StartsWith("/stories/community/") => seeds["community"],
            "id" when route.StartsWith("/admin/desk/") => seeds["story"],
            "id" when route.StartsWith("/admin/content/") => seeds["wish"],
            _ => "none",
        };
    }

    /// <summary>
    /// A write carries the body its endpoint accepts (JSON, multipart or a form, with the token): routing answers any
    /// other with 415 before authorization runs, which would hide the gate.
    /// </summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, Probe probe, string path, string token)
    {
        var request = new HttpRequestMessage(new HttpMethod(probe.Method == "*" ? "GET" : probe.Method), path);
        if (probe.Method is not ("GET" or "*"))
            request.Content = probe.Accepts switch
            {
                var types when types.Contains("application/json") => new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
                var types when types.Contains("multipart/form-data") => new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } },
                _ => new FormUrlEncodedContent([new("__RequestVerificationToken", token)]),
            };
        return await client.SendAsync(request);
    }

    /// <summary>
    /// Pages deny by redirecting to /login or /access-denied, APIs with 401 or 403. The access-denied page itself
    /// answers 403 to everyone, and /error 500: that is their content, not a refusal or a failure.
    /// </summary>
    private bool IsDenial(HttpResponseMessage response, string path) =>
        response.StatusCode == HttpStatusCode.Unauthorized
        || (response.StatusCode == HttpStatusCode.Forbidden && path != "/access-denied")
        || (response.StatusCode == HttpStatusCode.Redirect
            && new Uri(server.BaseAddress, response.Headers.Location!).AbsolutePath is "/login" or "/access-denied");

    private string Describe(HttpResponseMessage response) =>
        response.Headers.Location is { } location ? $"{(int)response.StatusCode} to {new Uri(server.BaseAddress, location).AbsolutePath}" : ((int)response.StatusCode).ToString();
}
