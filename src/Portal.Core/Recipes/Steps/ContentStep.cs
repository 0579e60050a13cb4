using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Data;

namespace Portal.Core.Recipes.Steps;

/// <summary>
/// <c>{ "name": "content", "Data": [ items in Orchard's JSON ] }</c>: an item whose ContentItemId is new is
/// created, an existing one updated; <c>"Published": true</c> publishes it. Created items keep the version id
/// and dates they were exported with, so that an export imported elsewhere exports again unchanged. Runs of new items
/// are created as one batch (<see cref="ContentManager.CreateManyAsync"/>), in their order; the step stops at the
/// first run or update that fails, naming each refused item.
/// </summary>
public sealed class ContentStep : IRecipeStep
{
    private const int MaxIdLength = 26;

    public string Name => "content";

    public async Task ExecuteAsync(RecipeStepContext context)
    {
        if (context.Step["Data"] is not JsonArray data)
        {
            context.Error("Data must be a list of content items.");
            return;
        }
        var manager = context.Services.GetRequiredService<ContentManager>();
        var db = context.Services.GetRequiredService<PortalDbContext>();
        var items = new List<(string Label, ContentItem Item)>();
        for (var i = 0; i < data.Count; i++)
        {
            if (data[i] is not JsonObject json)
            {
                context.Error($"Data[{i}] must be a content item object.");
                return;
            }
            var item = json.Deserialize<ContentItem>(ContentJson.Options)!;
            var label = item.ContentItemId.Length > 0 ? $"Item {item.ContentItemId}" : $"Data[{i}]";
            if (item.ContentItemId.Length > MaxIdLength)
            {
                context.Error($"{label}: ContentItemId: must be at most {MaxIdLength} characters.");
                return;
            }
            items.Add((label, item));
        }

        var givenIds = items.Select(i => i.Item.ContentItemId).Where(id => id.Length > 0).Distinct().ToList();
        var stored = (await manager.GetManyAsync(givenIds, VersionOptions.Latest)).Select(i => i.ContentItemId).ToHashSet();
        var run = new List<(string Label, ContentItem Item)>();
        foreach (var (label, item) in items)
        {
            var exists = item.ContentItemId.Length > 0 && stored.Contains(item.ContentItemId);
            if (run.Count > 0 && (exists || run[0].Item.Published != item.Published))
            {
                if (!await CreateRunAsync(context, manager, db, run)) return;
                run.Clear();
            }
            if (!exists)
            {
                run.Add((label, item));
                if (item.ContentItemId.Length > 0) stored.Add(item.ContentItemId); // a later entry with this id updates it
                continue;
            }
            var publish = item.Published; // the manager rewrites the item's flags as it saves
            var updated = await manager.UpdateAsync(item);
            var result = updated.Succeeded && publish ? await manager.PublishAsync(item.ContentItemId) : updated;
            if (!result.Succeeded)
            {
                Report(context, label, item, result);
                return;
            }
        }
        if (run.Count > 0) await CreateRunAsync(context, manager, db, run);
    }

    private static async Task<bool> CreateRunAsync(RecipeStepContext context, ContentManager manager, PortalDbContext db, List<(string Label, ContentItem Item)> run)
    {
        var imported = run.Select(r => r.Item.Clone()).ToList();
        var batch = await manager.CreateManyAsync([.. run.Select(r => r.Item)], run[0].Item.Published);
        for (var i = 0; i < run.Count; i++)
            if (!batch.Results[i].Succeeded) Report(context, run[i].Label, run[i].Item, batch.Results[i]);
        if (!batch.Succeeded) return false;
        for (var i = 0; i < run.Count; i++) await KeepImportedMetadataAsync(db, batch.Results[i].Item!, imported[i]);
        return true;
    }

    private static void Report(RecipeStepContext context, string label, ContentItem item, ContentResult result)
    {
        foreach (var error in result.Errors)
            context.Error($"{label} ({item.ContentType}): {(error.Path.Length > 0 ? error.Path : "item")}: {error.Message}");
    }

    private static async Task KeepImportedMetadataAsync(PortalDbContext db, ContentItem created, ContentItem imported)
    {
        var versionId = imported.ContentItemVersionId is { Length: > 0 and <= MaxIdLength } id
                        && !await db.Set<ContentItemRecord>().AnyAsync(r => r.ContentItemVersionId == id)
            ? id
            : created.ContentItemVersionId;
        var modified = imported.ModifiedUtc ?? created.ModifiedUtc!.Value;
        var published = created.Published ? imported.PublishedUtc ?? created.PublishedUtc : null;
        // Not tracked: a later save of the same item in this recipe reads these values from the database.
        await db.Set<ContentItemRecord>().Where(r => r.ContentItemVersionId == created.ContentItemVersionId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ContentItemVersionId, versionId)
                .SetProperty(r => r.ModifiedUtc, modified)
                .SetProperty(r => r.PublishedUtc, published));
    }
}
