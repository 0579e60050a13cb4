using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;
using Portal.Core.Content.Parts;
using Portal.Core.Data;

namespace Portal.Benchmarks;

/// <summary>
/// Fills the database with the rows that creating and publishing items through the content manager would leave (the
/// version with its sanitized HTML and generated permalink, its field index rows, its permalink row), without the
/// handlers, a hundred items per command and a thousand per transaction: create+publish can then be timed on a
/// database that already holds most of the items, in minutes rather than hours on a busy machine.
/// </summary>
public static class BulkSeed
{
    private const int PerTransaction = 1000;
    private const int PerCommand = 100;

    /// <param name="shape">changes a generated item before it is written (e.g. links it to a campaign)</param>
    public static async Task<List<string>> RunAsync(BenchHost host, int count, Action<ContentItem, int>? shape = null)
    {
        var data = new StoryData(seed: 41);
        var ids = new List<string>(count);
        var paths = new HashSet<string>();
        for (var first = 0; first < count; first += PerTransaction)
        {
            await host.InScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<PortalDbContext>();
                var definitions = sp.GetRequiredService<ContentDefinitionStore>();
                var sanitizer = sp.GetRequiredService<IHtmlSanitizer>();
                var story = (await definitions.GetPartAsync(StoryData.Story))!;
                await using var transaction = await db.Database.BeginTransactionAsync();
                for (var batch = first; batch < Math.Min(count, first + PerTransaction); batch += PerCommand)
                {
                    var items = Enumerable.Range(batch, Math.Min(PerCommand, Math.Min(count, first + PerTransaction) - batch))
                        .Select(n => Item(data, n, sanitizer, paths, shape)).ToList();
                    ids.AddRange(items.Select(i => i.ContentItemId));
                    var records = items.Select(Record).ToList();
                    await RowInserter<ContentItemRecord>.For(db).InsertAsync(db, records);
                    var itemIds = items.Select(i => i.ContentItemId).ToList();
                    var keys = await db.Set<ContentItemRecord>().Where(r => itemIds.Contains(r.ContentItemId))
                        .Select(r => new { r.Id, r.ContentItemId }).ToDictionaryAsync(r => r.ContentItemId, r => r.Id);
                    foreach (var record in records) record.Id = keys[record.ContentItemId];
                    await RowInserter<ContentFieldIndexRecord>.For(db).InsertAsync(db,
                        items.Zip(records).SelectMany(x => FieldRows(x.First, x.Second, story, definitions)).ToList());
                    await RowInserter<AutorouteRecord>.For(db).InsertAsync(db, items
                        .Where(i => i.Content["AutoroutePart"]?["Path"] is not null)
                        .Select(i => new AutorouteRecord { Path = i.Content["AutoroutePart"]!["Path"]!.ToString(), ContentItemId = i.ContentItemId })
                        .ToList());
                }
                await transaction.CommitAsync();
                return 0;
            });
        }
        return ids;
    }

    private static ContentItem Item(StoryData data, int n, IHtmlSanitizer sanitizer, HashSet<string> paths, Action<ContentItem, int>? shape)
    {
        var item = new ContentItem { ContentItemId = IdGenerator.NewId(), ContentItemVersionId = IdGenerator.NewId(), ContentType = StoryData.TypeOf(n) };
        data.Fill(item, n);
        shape?.Invoke(item, n);
        item.DisplayText = item.Content["TitlePart"]!["Title"]!.GetValue<string>();
        item.Part("HtmlBodyPart")["Html"] = sanitizer.Sanitize(item.Content["HtmlBodyPart"]!["Html"]!.GetValue<string>());
        if (item.ContentType == StoryData.Story)
        {
            // The permalink the handler would generate: the pattern with the title's slug, made unique with a number.
            var slug = AutoroutePartHandler.Slugify(item.DisplayText) is { Length: > 0 } s ? s : item.ContentItemId;
            var path = "stories/" + slug;
            for (var k = 2; !paths.Add(path); k++) path = $"stories/{slug}-{k}";
            item.Part("AutoroutePart")["Path"] = path;
            item.Part("AutoroutePart")["Generated"] = true;
        }
        return item;
    }

    private static ContentItemRecord Record(ContentItem item)
    {
        var now = DateTime.UtcNow;
        return new ContentItemRecord
        {
            ContentItemId = item.ContentItemId,
            ContentItemVersionId = item.ContentItemVersionId,
            ContentType = item.ContentType,
            DisplayText = item.DisplayText,
            Latest = true,
            Published = true,
            CreatedUtc = now,
            ModifiedUtc = now,
            PublishedUtc = now,
            ConcurrencyStamp = Guid.NewGuid().ToString("N"),
            Data = item.Content.ToJsonString(ContentJson.Options),
        };
    }

    /// <summary>The index rows of the Story part's fields, by the engine's own field kinds.</summary>
    private static List<ContentFieldIndexRecord> FieldRows(ContentItem item, ContentItemRecord record, ContentPartDefinition story,
        ContentDefinitionStore definitions)
    {
        var rows = new List<ContentFieldIndexRecord>();
        if (item.ContentType != StoryData.Story) return rows;
        foreach (var field in story.Fields)
        {
            if (item.Content[StoryData.Story]?[field.Name] is not System.Text.Json.Nodes.JsonObject value) continue;
            var kind = definitions.FieldKinds.First(k => k.Name == field.FieldName);
            rows.AddRange(kind.IndexValues(value).Select(v => new ContentFieldIndexRecord
            {
                DocumentId = record.Id,
                ContentType = item.ContentType,
                PartName = StoryData.Story,
                FieldName = field.Name,
                TextValue = v.Text,
                NumericValue = v.Number,
                DateValue = v.Date,
                BooleanValue = v.Boolean,
                Published = true,
                Latest = true,
            }));
        }
        return rows;
    }
}
