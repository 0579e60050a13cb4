using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;
using Portal.Core.Data;
using Portal.Core.Modules;
using Portal.Testing;

namespace Portal.Core.Tests.Content;

/// <summary>A module's own content definitions: applied at start-up once per version, never over an administrator's changes.</summary>
public abstract class ModuleDefinitionsSuite(DatabaseProvider provider)
{
    private const string Version1 = """
        // comments are allowed, as in recipes
        { "ContentTypes": [ { "Name": "Poster", "DisplayName": "海报", "ContentTypePartDefinitionRecords": [
              { "PartName": "TitlePart", "Name": "TitlePart" }, { "PartName": "Poster", "Name": "Poster" } ] } ],
          "ContentParts": [ { "Name": "Poster", "ContentPartFieldDefinitionRecords": [
              { "FieldName": "TextField", "Name": "Headline", "Settings": { "ContentPartFieldSettings": { "DisplayName": "标题语" } } },
              { "FieldName": "NumericField", "Name": "Size" } ] } ] }
        """;

    private const string Version2 = """
        { "ContentTypes": [ { "Name": "Flyer", "ContentTypePartDefinitionRecords": [ { "PartName": "TitlePart", "Name": "TitlePart" } ] } ],
          "ContentParts": [ { "Name": "Poster", "ContentPartFieldDefinitionRecords": [
              { "FieldName": "TextField", "Name": "Headline", "Settings": { "ContentPartFieldSettings": { "DisplayName": "被改回的名字" } } },
              { "FieldName": "TextField", "Name": "Caption" } ] } ] }
        """;

    private sealed class SampleModule(params string[] versions) : PortalModule
    {
        public override string Name => "Sample";

        public override void ConfigureServices(IServiceCollection services, IConfiguration configuration) =>
            services.AddSingleton(new ModuleDefinitions(Name, versions));
    }

    private static Task<ContentDefinitionDocument> DefinitionsAsync(PortalTestHost host) =>
        host.InScopeAsync(sp => sp.GetRequiredService<ContentDefinitionStore>().GetAsync());

    private static Task<List<int>> AppliedAsync(PortalTestHost host, string module = "Sample") =>
        host.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<ModuleDefinitionsRecord>()
            .Where(r => r.Module == module).Select(r => r.Version).OrderBy(v => v).ToListAsync());

    private static Task<int> SerialAsync(PortalTestHost host) =>
        host.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<ContentDefinitionRecord>().Select(r => r.Serial).SingleAsync());

    [Fact]
    public async Task A_fresh_database_gets_the_module_types_and_a_restart_saves_nothing_again()
    {
        await using var host = await PortalTestHost.StartAsync(provider, [new SampleModule(Version1)]);
        var poster = (await DefinitionsAsync(host)).ContentParts.Single(p => p.Name == "Poster");
        var serial = await SerialAsync(host);

        await using (var restarted = await PortalTestHost.StartOnAsync(host.Database, [new SampleModule(Version1)]))
            Assert.Equal(serial, await SerialAsync(restarted));

        Assert.Equal(["Headline", "Size"], poster.Fields.Select(f => f.Name));
        Assert.Equal("标题语", poster.Fields[0].DisplayName);
        Assert.NotNull((await DefinitionsAsync(host)).ContentTypes.SingleOrDefault(t => t.Name == "Poster"));
        Assert.Equal([1], await AppliedAsync(host));
    }

    [Fact]
    public async Task What_an_administrator_changed_or_removed_stays_and_a_later_version_adds_only_what_is_absent()
    {
        await using var host = await PortalTestHost.StartAsync(provider, [new SampleModule(Version1)]);
        var errors = await host.InScopeAsync(sp => sp.GetRequiredService<ContentDefinitionStore>().AlterAsync(d =>
        {
            var part = d.ContentParts.Single(p => p.Name == "Poster");
            part.Fields.Single(f => f.Name == "Headline").DisplayName = "主题";
            part.Fields.RemoveAll(f => f.Name == "Size");
            part.Fields.Add(new ContentPartFieldDefinition { Name = "Note", FieldName = "TextField" });
        }));
        Assert.Empty(errors);

        await using (await PortalTestHost.StartOnAsync(host.Database, [new SampleModule(Version1, Version2)])) { }

        var definitions = await DefinitionsAsync(host);
        var poster = definitions.ContentParts.Single(p => p.Name == "Poster");
        Assert.Equal(["Headline", "Note", "Caption"], poster.Fields.Select(f => f.Name));
        Assert.Equal("主题", poster.Fields[0].DisplayName);
        Assert.Contains(definitions.ContentTypes, t => t.Name == "Flyer");
        Assert.Equal([1, 2], await AppliedAsync(host));
    }

    [Fact]
    public async Task An_invalid_version_stops_start_up_with_the_module_and_version_and_is_not_recorded()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var broken = Version1.Replace("NumericField", "NoSuchField");

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => PortalTestHost.StartOnAsync(database, [new SampleModule(broken)]));

        Assert.Contains("Sample's content definitions, version 1, are not valid", failure.Message);
        Assert.Contains("NoSuchField", failure.Message);
        await using var fixedHost = await PortalTestHost.StartOnAsync(database, [new SampleModule(Version1)]);
        Assert.Equal(["Headline", "Size"], (await DefinitionsAsync(fixedHost)).ContentParts.Single(p => p.Name == "Poster").Fields.Select(f => f.Name));
        Assert.Equal([1], await AppliedAsync(fixedHost));
    }

    [Fact]
    public async Task Nodes_starting_together_apply_a_version_once()
    {
        await using var host = await PortalTestHost.StartAsync(provider, [new SampleModule(Version1)]);
        var other = new ModuleDefinitions("Other", [Version2.Replace("Poster", "Banner")]);
        var serial = await SerialAsync(host);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => host.InScopeAsync(sp =>
            new ModuleDefinitionsMigrator(sp.GetRequiredService<PortalDbContext>(), sp.GetRequiredService<ContentDefinitionStore>(), [other], TimeProvider.System)
                .ApplyAsync())));

        Assert.Equal(serial + 1, await SerialAsync(host));
        Assert.Equal([1], await AppliedAsync(host, "Other"));
        Assert.Single((await DefinitionsAsync(host)).ContentParts, p => p.Name == "Banner");
    }
}

public sealed class SqliteModuleDefinitionsTests() : ModuleDefinitionsSuite(DatabaseProvider.Sqlite);
public sealed class PostgresModuleDefinitionsTests() : ModuleDefinitionsSuite(DatabaseProvider.Postgres);
