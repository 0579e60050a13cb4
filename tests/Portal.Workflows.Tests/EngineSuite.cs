using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Testing;
using Portal.Workflows.Models;
using Portal.Workflows.Services;

namespace Portal.Workflows.Tests;

public abstract class EngineHost(DatabaseProvider provider) : IAsyncLifetime
{
    public PortalTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Host = await PortalTestHost.StartAsync(provider, settings: new Dictionary<string, string?> { ["Portal:Workflows:MaxSteps"] = "200" });

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class SqliteEngineHost() : EngineHost(DatabaseProvider.Sqlite);
public sealed class PostgresEngineHost() : EngineHost(DatabaseProvider.Postgres);

/// <summary>The engine's semantics, run against each database; every test uses its own signal names and correlation ids.</summary>
public abstract partial class EngineSuite(PortalTestHost host) : WorkflowTestBase(host);

/// <summary>What workflow tests share: saving types, raising signals, reading instances.</summary>
public abstract class WorkflowTestBase(PortalTestHost host)
{
    protected PortalTestHost Host => host;

    protected static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    protected Task<WorkflowType> SaveAsync(WorkflowBuilder builder) =>
        host.InScopeAsync(async sp =>
        {
            var result = await sp.GetRequiredService<WorkflowTypeStore>().SaveAsync(builder.Build());
            Assert.True(result.Succeeded, string.Join("; ", result.Errors));
            return result.Type!;
        });

    protected Task<TriggerResult> SignalAsync(string signal, string? correlationId, JsonObject? input = null)
    {
        var body = input ?? new JsonObject();
        body["Signal"] = signal;
        return host.InScopeAsync(sp => sp.GetRequiredService<WorkflowManager>().TriggerEventAsync("SignalEvent", body, correlationId));
    }

    protected Task<WorkflowInstanceRecord?> InstanceAsync(string id) =>
        host.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<WorkflowInstanceRecord>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == id));

    protected async Task<WorkflowState> StateAsync(string id) => WorkflowState.FromJson((await InstanceAsync(id))!.State);

    protected Task<List<WorkflowBlockingRecord>> BlockingAsync(string id) =>
        host.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<WorkflowBlockingRecord>().AsNoTracking().Where(b => b.InstanceId == id).ToListAsync());

    protected Task<T> ManagerAsync<T>(Func<WorkflowManager, Task<T>> work) =>
        host.InScopeAsync(sp => work(sp.GetRequiredService<WorkflowManager>()));

    /// <summary>Start signal → the given body → finished: the common shape of a short type.</summary>
    protected static WorkflowBuilder Starting(string signal) =>
        new WorkflowBuilder("Test " + signal).Start("start", "SignalEvent", WorkflowBuilder.Signal(signal));
}

public sealed class SqliteEngineTests(SqliteEngineHost fixture) : EngineSuite(fixture.Host), IClassFixture<SqliteEngineHost>;

public sealed class PostgresEngineTests(PostgresEngineHost fixture) : EngineSuite(fixture.Host), IClassFixture<PostgresEngineHost>;
