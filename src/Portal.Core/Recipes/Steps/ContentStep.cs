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
/// and dates they were exported with, so that an export imported elsewhere exports again unchanged.
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
            var result = await ImportAsync(manager, db, item);
            if (!result.Succeeded)
            {
                foreach (var error in result.Errors)
                    context.Error($"{label} ({item.ContentType}): {(error.Path.Length > 0 ? error.Path : "item")}: {error.Message}");
                return;
            }
        }
    }

    private static async Task<ContentResult> ImportAsync(ContentManager manager, PortalDbContext db, ContentItem item)
    {
        var exists = item.ContentItemId.Length > 0 && await manager.GetAsync(item.ContentItemId, VersionOptions.Latest) is not null;
        if (exists)
        {
            var publish = item.Published; // the manager rewrites the item's flags as it saves
            var updated = await manager.UpdateAsync(item);
            return updated.Succeeded && publish ? await manager.PublishAsync(item.ContentItemId) : updated;
        }
        var imported = item.Clone();
        var created = await manager.CreateAsync(item, item.Published);
        if (created.Succeeded) await KeepImportedMetadataAsync(db, created.Item!, imported);
        return created;
    }

    private static async Task KeepImportedMetadataAsync(PortalDbContext db, ContentItem created, ContentItem imported)
    {
        var versionId = imported.ContentItemVersionId is { Length: > 0 and <= MaxIdLength } id
                        && !await db.Set<ContentItemRecord>().AnyAsync(r => r.ContentItemVersionId == id)
            ? id
            : created.ContentItemVersionId;
        // The tracked record, so that a later save of the same item in this recipe sees these values.
        var record = await db.Set<ContentItemRecord>().FirstAsync(r => r.ContentItemVersionId == created.ContentItemVersionId);
        record.ContentItemVersionId = versionId;
        record.ModifiedUtc = imported.ModifiedUtc ?? record.ModifiedUtc;
        if (record.Published) record.PublishedUtc = imported.PublishedUtc ?? record.PublishedUtc;
        await db.SaveChangesAsync();
    }
}
