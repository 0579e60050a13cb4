using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Content.Definitions;
using Portal.Core.Data;

namespace Portal.Core.Content.Privacy;

/// <summary>
/// When a field becomes sensitive, items saved before still hold its value in their JSON: this moves the value of
/// each item's latest version into <c>ContentSensitiveValues</c>, removes it from every version and drops the
/// field's index rows. Runs inside the definitions' save, so both change together.
/// </summary>
internal static class SensitiveFieldSealer
{
    private const int BatchSize = 500;

    public static async Task SealNewlySensitiveAsync(PortalDbContext db, ContentDefinitionDocument before, ContentDefinitionDocument after, DateTime now)
    {
        foreach (var type in after.ContentTypes)
        {
            var old = before.ContentTypes.FirstOrDefault(t => t.Name == type.Name);
            var known = old is null ? [] : PersonalData.FieldsOf(before, old).ToHashSet();
            var sealing = PersonalData.FieldsOf(after, type).Where(f => !known.Contains(f)).ToList();
            if (sealing.Count > 0) await SealAsync(db, type.Name, sealing, now);
        }
    }

    private static async Task SealAsync(PortalDbContext db, string contentType, IReadOnlyList<SensitiveField> fields, DateTime now)
    {
        var items = db.Set<ContentItemRecord>();
        long lastId = 0;
        while (true)
        {
            var batch = await items.AsNoTracking().Where(r => r.ContentType == contentType && r.Id > lastId).OrderBy(r => r.Id).Take(BatchSize)
                .Select(r => new { r.Id, r.ContentItemId, r.Latest, r.Data }).ToListAsync();
            if (batch.Count == 0) break;
            lastId = batch[^1].Id;
            foreach (var record in batch)
            {
                if (JsonNode.Parse(record.Data) is not JsonObject content) continue;
                if (!fields.Any(f => content[f.PartName]?[f.FieldName] is not null)) continue;
                if (record.Latest)
                {
                    var stored = await db.Set<SensitiveValueRecord>().AsNoTracking().Where(v => v.ContentItemId == record.ContentItemId).ToListAsync();
                    foreach (var field in fields)
                    {
                        if (content[field.PartName]?[field.FieldName] is not { } value) continue;
                        if (stored.Any(s => s.PartName == field.PartName && s.FieldName == field.FieldName)) continue;
                        db.Add(new SensitiveValueRecord
                        {
                            ContentItemId = record.ContentItemId, PartName = field.PartName, FieldName = field.FieldName,
                            Value = value.ToJsonString(ContentJson.Options), ModifiedUtc = now,
                        });
                    }
                    await db.SaveChangesAsync();
                }
                PersonalData.Strip(new ContentItem { Content = content }, fields);
                var data = content.ToJsonString(ContentJson.Options);
                await items.Where(r => r.Id == record.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Data, data));
            }
        }
        foreach (var field in fields)
            await db.Set<ContentFieldIndexRecord>()
                .Where(f => f.ContentType == contentType && f.PartName == field.PartName && f.FieldName == field.FieldName)
                .ExecuteDeleteAsync();
    }
}
