using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;
using Portal.Core.Data;
using Portal.Testing;

namespace Portal.Core.Tests.Content;

public sealed class SqliteEngineHost() : EngineHost(DatabaseProvider.Sqlite);
public sealed class PostgresEngineHost() : EngineHost(DatabaseProvider.Postgres);

public abstract class EngineHost(DatabaseProvider provider) : IAsyncLifetime
{
    public PortalTestHost Host { get; private set; } = null!;
    public async Task InitializeAsync() => Host = await PortalTestHost.StartAsync(provider);
    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>The content engine's behaviour, run against each database (see the two classes at the end).</summary>
public abstract partial class ContentEngineSuite(PortalTestHost host)
{
    protected PortalTestHost Host => host;

    /// <summary>A type name of this test's own, so tests never see each other's items.</summary>
    protected static string UniqueType(string prefix = "T") => prefix + Guid.NewGuid().ToString("N")[..10];

    protected Task<T> Scope<T>(Func<ContentManager, ContentDefinitionStore, Task<T>> work) =>
        host.InScopeAsync(sp => work(sp.GetRequiredService<ContentManager>(), sp.GetRequiredService<ContentDefinitionStore>()));

    protected Task DefineAsync(DefinitionBuilder builder) =>
        host.InScopeAsync(sp => builder.SaveAsync(sp.GetRequiredService<ContentDefinitionStore>()));

    protected async Task<string> StoryTypeAsync()
    {
        var type = UniqueType("Story");
        await DefineAsync(new DefinitionBuilder(type).Parts("TitlePart", "AutoroutePart", "HtmlBodyPart")
            .PartSetting("TitlePart", "TitlePartSettings", "Required", true)
            .Field("Subtitle", "TextField", new JsonObject { ["MaxLength"] = 40 })
            .Field("Rank", "NumericField", new JsonObject { ["Minimum"] = 0, ["Maximum"] = 100 })
            .Field("Category", "EnumerationField", new JsonObject { ["Options"] = new JsonArray("study", "supplies") })
            .Field("Happened", "DateField")
            .Field("Featured", "BooleanField"));
        return type;
    }

    protected async Task<ContentResult> CreateAsync(string type, string title, bool publish = false, Action<ContentItem>? fill = null) =>
        await Scope(async (cm, _) =>
        {
            var item = (await cm.NewAsync(type))!;
            item.Part("TitlePart")["Title"] = title;
            fill?.Invoke(item);
            return await cm.CreateAsync(item, publish);
        });

    protected async Task<int> CountRowsAsync(string type) =>
        await host.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<ContentItemRecord>().CountAsync(r => r.ContentType == type));

    protected static ContentItem Ok(ContentResult result)
    {
        Assert.True(result.Succeeded, result.ToString());
        return result.Item!;
    }
}

public sealed class SqliteContentEngineTests(SqliteEngineHost fixture) : ContentEngineSuite(fixture.Host), IClassFixture<SqliteEngineHost>;


public sealed class PostgresContentEngineTests(PostgresEngineHost fixture) : ContentEngineSuite(fixture.Host), IClassFixture<PostgresEngineHost>;
