using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Core.Modules;
using Portal.Testing;

namespace Portal.Core.Tests.Hosting;

public class ModuleHostTests
{
    /// <summary>A module that listens to every content step, as workflows and search will.</summary>
    private sealed class RecordingModule : PortalModule
    {
        public List<string> Events { get; } = [];
        public override string Name => "Test.Recording";
        public override IReadOnlyList<string> Dependencies => ["Portal.Contents"];

        public override void ConfigureServices(IServiceCollection services, IConfiguration configuration) =>
            services.AddScoped<ContentHandler>(_ => new RecordingHandler(Events));
    }

    private sealed class RecordingHandler(List<string> events) : ContentHandler
    {
        private Task Record(string step, ContentContext context)
        {
            events.Add($"{step}:{context.Item.DisplayText}");
            return Task.CompletedTask;
        }

        public override Task InitializingAsync(ContentContext c) => Record("Initializing", c);
        public override Task PreparingAsync(ContentContext c) => Record("Preparing", c);
        public override Task ValidatingAsync(ContentContext c) => Record("Validating", c);
        public override Task CreatedAsync(ContentContext c) => Record("Created", c);
        public override Task UpdatedAsync(ContentContext c) => Record("Updated", c);
        public override Task PublishingAsync(ContentContext c) => Record("Publishing", c);
        public override Task PublishedAsync(ContentContext c) => Record("Published", c);
        public override Task UnpublishedAsync(ContentContext c) => Record("Unpublished", c);
        public override Task RemovingAsync(ContentContext c) => Record("Removing", c);
        public override Task RemovedAsync(ContentContext c) => Record("Removed", c);
    }

    /// <summary>Refuses to publish items titled "embargoed", as a review workflow would.</summary>
    private sealed class EmbargoModule : PortalModule
    {
        public override string Name => "Test.Embargo";
        public override IReadOnlyList<string> Dependencies => ["Portal.Contents"];

        public override void ConfigureServices(IServiceCollection services, IConfiguration configuration) =>
            services.AddScoped<ContentHandler, EmbargoHandler>();
    }

    private sealed class EmbargoHandler : ContentHandler
    {
        public override Task PublishingAsync(ContentContext context)
        {
            if (context.Item.DisplayText == "embargoed") context.Errors.Add("", "Embargoed until Monday.");
            return Task.CompletedTask;
        }
    }

    private sealed class NeedsMissing : PortalModule
    {
        public override string Name => "Test.NeedsWorkflows";
        public override IReadOnlyList<string> Dependencies => ["Portal.Workflows.NotHere"];
    }

    [Fact]
    public async Task A_module_naming_a_missing_dependency_stops_the_host_from_starting()
    {
        var error = await Assert.ThrowsAsync<ModuleLoadException>(() =>
            PortalTestHost.StartAsync(DatabaseProvider.Sqlite, [.. Portal.Web.PortalModules.All, new NeedsMissing()]));

        Assert.Contains("'Test.NeedsWorkflows' depends on 'Portal.Workflows.NotHere'", error.Message);
    }

    [Fact]
    public async Task Module_handlers_hear_every_step_of_the_content_manager_in_order()
    {
        var recording = new RecordingModule();
        await using var host = await PortalTestHost.StartAsync(DatabaseProvider.Sqlite, [.. Portal.Web.PortalModules.All, recording]);
        await host.InScopeAsync(sp => new DefinitionBuilder("Note").Parts("TitlePart").SaveAsync(sp.GetRequiredService<Portal.Core.Content.Definitions.ContentDefinitionStore>()));

        await host.InScopeAsync(async sp =>
        {
            var cm = sp.GetRequiredService<ContentManager>();
            var item = (await cm.NewAsync("Note"))!;
            item.Part("TitlePart")["Title"] = "a";
            var created = (await cm.CreateAsync(item, publish: true)).Item!;
            var latest = (await cm.GetAsync(created.ContentItemId, VersionOptions.Latest))!;
            latest.Part("TitlePart")["Title"] = "b";
            await cm.UpdateAsync(latest);
            await cm.PublishAsync(created.ContentItemId);
            await cm.UnpublishAsync(created.ContentItemId);
            await cm.RemoveAsync(created.ContentItemId);
        });

        Assert.Equal(
        [
            "Initializing:", "Preparing:a", "Validating:a", "Created:a", "Publishing:a", "Published:a",
            "Preparing:b", "Validating:b", "Updated:b", "Publishing:b", "Published:b",
            "Unpublished:b", "Removing:b", "Removed:b",
        ], recording.Events);
    }

    [Fact]
    public async Task A_new_item_whose_publishing_a_handler_refuses_is_not_stored_at_all()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProvider.Sqlite, [.. Portal.Web.PortalModules.All, new EmbargoModule()]);
        await host.InScopeAsync(sp => new DefinitionBuilder("Story").Parts("TitlePart", "AutoroutePart")
            .Field("Rank", "NumericField").SaveAsync(sp.GetRequiredService<Portal.Core.Content.Definitions.ContentDefinitionStore>()));

        var results = new List<ContentResult>();
        foreach (var title in new[] { "embargoed", "free" })
            results.Add(await host.InScopeAsync(async sp =>
            {
                var cm = sp.GetRequiredService<ContentManager>();
                var item = (await cm.NewAsync("Story"))!;
                item.Part("TitlePart")["Title"] = title;
                item.Field("Story", "Rank")["Value"] = 3;
                return await cm.CreateAsync(item, publish: true);
            }));

        Assert.False(results[0].Succeeded);
        Assert.Equal("Embargoed until Monday.", results[0].Errors[0].Message);
        Assert.True(results[1].Succeeded, results[1].ToString());
        var (items, routes, fields) = await host.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            return (await db.Set<ContentItemRecord>().Select(r => r.DisplayText).ToListAsync(),
                await db.Set<AutorouteRecord>().Select(r => r.Path).ToListAsync(),
                await db.Set<ContentFieldIndexRecord>().CountAsync());
        });
        Assert.Equal(["free"], items);
        Assert.Equal(["free"], routes);
        Assert.Equal(1, fields);
    }

    [Fact]
    public async Task An_edit_of_a_type_without_drafts_whose_publishing_is_refused_changes_nothing()
    {
        var recording = new RecordingModule();
        await using var host = await PortalTestHost.StartAsync(DatabaseProvider.Sqlite, [.. Portal.Web.PortalModules.All, new EmbargoModule(), recording]);
        await host.InScopeAsync(sp => new DefinitionBuilder("Notice").Parts("TitlePart").Draftable(false)
            .Field("Rank", "NumericField").SaveAsync(sp.GetRequiredService<Portal.Core.Content.Definitions.ContentDefinitionStore>()));
        var id = await host.InScopeAsync(async sp =>
        {
            var cm = sp.GetRequiredService<ContentManager>();
            var item = (await cm.NewAsync("Notice"))!;
            item.Part("TitlePart")["Title"] = "open";
            item.Field("Notice", "Rank")["Value"] = 1;
            return (await cm.CreateAsync(item)).Item!.ContentItemId;
        });
        recording.Events.Clear();

        var refused = await host.InScopeAsync(async sp =>
        {
            var cm = sp.GetRequiredService<ContentManager>();
            var item = (await cm.GetAsync(id, VersionOptions.Latest))!;
            item.Part("TitlePart")["Title"] = "embargoed";
            item.Field("Notice", "Rank")["Value"] = 2;
            return await cm.UpdateAsync(item);
        });

        Assert.Equal("Embargoed until Monday.", Assert.Single(refused.Errors).Message);
        Assert.Equal(["Preparing:embargoed", "Validating:embargoed", "Updated:embargoed", "Publishing:embargoed"], recording.Events);
        var (versions, ranks) = await host.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            return (await db.Set<ContentItemRecord>().Where(r => r.ContentItemId == id).Select(r => new { r.DisplayText, r.Latest, r.Published }).ToListAsync(),
                await db.Set<ContentFieldIndexRecord>().Select(f => f.NumericValue).ToListAsync());
        });
        var only = Assert.Single(versions);
        Assert.Equal(("open", true, true), (only.DisplayText, only.Latest, only.Published));
        Assert.Equal([1.0], ranks);
    }
}
