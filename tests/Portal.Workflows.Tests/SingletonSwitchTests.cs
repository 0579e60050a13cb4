using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Recipes;
using Portal.Testing;
using Portal.Workflows.Models;

namespace Portal.Workflows.Tests;

public sealed class SqliteSingletonPortal() : SetUpPortalServer(DatabaseProvider.Sqlite);
public sealed class PostgresSingletonPortal() : SetUpPortalServer(DatabaseProvider.Postgres);

/// <summary>
/// An administrator makes a type a singleton while instances of it run, over the API the designer uses; starts come
/// through the type's signed start URL, as a caller outside the portal would start it.
/// </summary>
public abstract class SingletonSwitchSuite(SetUpPortalServer server)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task A_switch_with_several_running_is_refused_naming_them_and_with_one_running_it_holds_the_key()
    {
        using var admin = await server.AdminClientAsync();
        var type = Waiting(singleton: false);
        var typeId = await SaveAsync(admin, type, HttpStatusCode.OK);
        var url = (await admin.GetFromJsonAsync<string>($"/api/workflows/types/{typeId}/activities/called/url", Json))!;
        using var caller = server.NewClient();
        var first = await StartAsync(caller, url, HttpStatusCode.OK);
        var second = await StartAsync(caller, url, HttpStatusCode.OK);

        type["IsSingleton"] = true;
        var refused = await admin.PostAsJsonAsync("/api/workflows/types", type);
        var detail = (await refused.Content.ReadFromJsonAsync<JsonObject>(Json))!["detail"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(first!, detail);
        Assert.Contains(second!, detail);
        Assert.Contains("cancel", detail);
        Assert.False((await admin.GetFromJsonAsync<JsonObject>($"/api/workflows/types/{typeId}", Json))!["IsSingleton"]!.GetValue<bool>());
        Assert.Equal(2, await UnfinishedAsync(typeId));

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/workflows/instances/{second}/cancel", null)).StatusCode);
        await SaveAsync(admin, type, HttpStatusCode.OK);
        Assert.True((await admin.GetFromJsonAsync<JsonObject>($"/api/workflows/types/{typeId}", Json))!["IsSingleton"]!.GetValue<bool>());

        // The instance that ran before the switch holds the key: of many starts at one moment, none gets in.
        var whileRunning = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => caller.PostAsync(url, null)));
        Assert.All(whileRunning, r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(1, await UnfinishedAsync(typeId));

        // Once it is cancelled the key is free: of many starts at one moment, exactly one gets in.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/workflows/instances/{first}/cancel", null)).StatusCode);
        var afterward = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => caller.PostAsync(url, null)));
        Assert.Single(afterward, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(afterward, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.Equal(1, await UnfinishedAsync(typeId));
    }

    [Fact]
    public async Task Switching_singleton_off_frees_the_key_so_a_second_instance_starts()
    {
        using var admin = await server.AdminClientAsync();
        var type = Waiting(singleton: true);
        var typeId = await SaveAsync(admin, type, HttpStatusCode.OK);
        var url = (await admin.GetFromJsonAsync<string>($"/api/workflows/types/{typeId}/activities/called/url", Json))!;
        using var caller = server.NewClient();
        await StartAsync(caller, url, HttpStatusCode.OK);
        await StartAsync(caller, url, HttpStatusCode.Conflict);

        type["IsSingleton"] = false;
        await SaveAsync(admin, type, HttpStatusCode.OK);
        await StartAsync(caller, url, HttpStatusCode.OK);
        Assert.Equal(2, await UnfinishedAsync(typeId));

        // Back to a singleton with both still running: refused, nothing changes.
        type["IsSingleton"] = true;
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/workflows/types", type)).StatusCode);
        await StartAsync(caller, url, HttpStatusCode.OK);
        Assert.Equal(3, await UnfinishedAsync(typeId));
    }

    [Fact]
    public async Task A_recipe_that_makes_a_type_a_singleton_while_several_run_fails_naming_them()
    {
        using var admin = await server.AdminClientAsync();
        var type = Waiting(singleton: false);
        var typeId = await SaveAsync(admin, type, HttpStatusCode.OK);
        var url = (await admin.GetFromJsonAsync<string>($"/api/workflows/types/{typeId}/activities/called/url", Json))!;
        using var caller = server.NewClient();
        var running = new[] { await StartAsync(caller, url, HttpStatusCode.OK), await StartAsync(caller, url, HttpStatusCode.OK) };

        type["IsSingleton"] = true;
        var file = Path.Combine(server.Database.DataPath, $"singleton-{typeId}.recipe.json");
        await File.WriteAllTextAsync(file, new JsonObject { ["name"] = "singleton", ["steps"] = new JsonArray(new JsonObject { ["name"] = "WorkflowType", ["data"] = new JsonArray(type.DeepClone()) }) }.ToJsonString());
        await using var scope = server.Services.CreateAsyncScope();
        var run = await scope.ServiceProvider.GetRequiredService<IRecipeExecutor>().ExecuteAsync(new RecipeDescriptor("singleton", "singleton", "", false, file));

        Assert.False(run.Succeeded);
        Assert.All(running, id => Assert.Contains(id!, run.Failure!.ToString()));
        Assert.False((await admin.GetFromJsonAsync<JsonObject>($"/api/workflows/types/{typeId}", Json))!["IsSingleton"]!.GetValue<bool>());
    }

    /// <summary>A type started by its URL that then waits for a signal nobody sends: its instances stay running.</summary>
    private static JsonObject Waiting(bool singleton)
    {
        var type = new WorkflowBuilder("Waiting " + Guid.NewGuid().ToString("N")[..8])
            .Start("called", "HttpRequestEvent")
            .Add("wait", "SignalEvent", WorkflowBuilder.Signal("never-" + Guid.NewGuid().ToString("N")[..8]))
            .Connect("called", "Done", "wait").Build();
        type.IsSingleton = singleton;
        return type.ToJson();
    }

    private static async Task<string> SaveAsync(HttpClient admin, JsonObject type, HttpStatusCode expected)
    {
        var response = await admin.PostAsJsonAsync("/api/workflows/types", type);
        Assert.True(response.StatusCode == expected, await response.Content.ReadAsStringAsync());
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>(Json))!["workflowTypeId"]!.GetValue<string>();
        type["WorkflowTypeId"] = id;
        return id;
    }

    private static async Task<string?> StartAsync(HttpClient caller, string url, HttpStatusCode expected)
    {
        var response = await caller.PostAsync(url, null);
        Assert.True(response.StatusCode == expected, await response.Content.ReadAsStringAsync());
        return expected == HttpStatusCode.OK ? (await response.Content.ReadAsStringAsync()).Trim('"') : null;
    }

    private async Task<int> UnfinishedAsync(string typeId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<WorkflowInstanceRecord>()
            .CountAsync(i => i.WorkflowTypeId == typeId && i.Status != WorkflowStatus.Finished && i.Status != WorkflowStatus.Aborted);
    }
}

public sealed class SqliteSingletonSwitchTests(SqliteSingletonPortal server) : SingletonSwitchSuite(server), IClassFixture<SqliteSingletonPortal>;

public sealed class PostgresSingletonSwitchTests(PostgresSingletonPortal server) : SingletonSwitchSuite(server), IClassFixture<PostgresSingletonPortal>;
