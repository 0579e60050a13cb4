using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Content.Definitions;
using Portal.Core.Data;
using Portal.Core.Security;

namespace Portal.Core.Content.Privacy;

/// <summary>A sensitive field of a type: <see cref="PartName"/> is the part's key in the item's JSON.</summary>
public sealed record SensitiveField(string PartName, string FieldName);

/// <summary>
/// The one place personal data is handled. Fields marked <c>Sensitive</c> in their definition never stay in an
/// item's JSON document: the content manager hands their values to <see cref="SeparateAsync"/>, which keeps them
/// in <c>ContentSensitiveValues</c>, so every reader of content (pages, search, GraphQL, exports) gets items
/// without them. Reading them back is <see cref="RevealAsync"/>, and every read is logged (who, when, which
/// item, why). Callers check who may read; this class records that someone did.
/// </summary>
public sealed class PersonalData(PortalDbContext db, ContentDefinitionStore definitions, ICurrentUser user, TimeProvider clock)
{
    /// <summary>Purposes written to the access log by the portal itself.</summary>
    public const string EditPurpose = "Edit", ExportPurpose = "Export";

    private DbSet<SensitiveValueRecord> Values => db.Set<SensitiveValueRecord>();

    public static IReadOnlyList<SensitiveField> FieldsOf(ContentDefinitionDocument document, ContentTypeDefinition type) =>
        type.Parts
            .SelectMany(typePart => document.ContentParts.FirstOrDefault(p => p.Name == typePart.PartName)?.Fields
                .Where(f => f.Sensitive).Select(f => new SensitiveField(typePart.Name, f.Name)) ?? [])
            .ToList();

    public async Task<IReadOnlyList<SensitiveField>> FieldsOfAsync(string contentType)
    {
        var document = await definitions.GetAsync();
        var type = document.ContentTypes.FirstOrDefault(t => t.Name == contentType);
        return type is null ? [] : FieldsOf(document, type);
    }

    /// <summary>
    /// The item as anyone may see it: a copy without its sensitive fields. Items from the content manager carry
    /// none already; call this on anything headed for a public page, an API or an index all the same.
    /// </summary>
    public async Task<ContentItem> PublicViewAsync(ContentItem item)
    {
        var copy = item.Clone();
        Strip(copy, await FieldsOfAsync(item.ContentType));
        return copy;
    }

    /// <summary>
    /// Reads an item's sensitive values and logs the read. Returns <c>{"Part": {"Field": {...}}}</c>, only the
    /// <paramref name="fields"/> asked for when given (by field name), empty when nothing is stored.
    /// </summary>
    public async Task<JsonObject> RevealAsync(string contentItemId, string purpose, IReadOnlyCollection<string>? fields = null, string? detail = null)
    {
        var rows = await Values.AsNoTracking()
            .Where(v => v.ContentItemId == contentItemId && (fields == null || fields.Contains(v.FieldName)))
            .ToListAsync();
        await LogAsync(purpose, contentItemId, detail ?? (fields is null ? null : string.Join(",", fields)));
        return Nest(rows);
    }

    /// <summary>Sensitive values of many items for an export, logged as one export with the count and <paramref name="detail"/>.</summary>
    public async Task<IReadOnlyDictionary<string, JsonObject>> RevealManyAsync(IReadOnlyCollection<string> contentItemIds, string purpose, string? detail = null)
    {
        var result = new Dictionary<string, JsonObject>();
        foreach (var batch in contentItemIds.Distinct().Chunk(500))
        {
            var rows = await Values.AsNoTracking().Where(v => batch.Contains(v.ContentItemId)).ToListAsync();
            foreach (var group in rows.GroupBy(r => r.ContentItemId)) result[group.Key] = Nest(group);
        }
        await LogAsync(purpose, null, $"{contentItemIds.Count} items" + (detail is null ? "" : "; " + detail));
        return result;
    }

    /// <summary>A copy of <paramref name="item"/> with its stored sensitive values put back, for staff editing it (logged).</summary>
    public async Task<ContentItem> WithSensitiveValuesAsync(ContentItem item, string purpose = EditPurpose)
    {
        var copy = item.Clone();
        foreach (var (part, fields) in await RevealAsync(item.ContentItemId, purpose))
            foreach (var (field, value) in (JsonObject)fields!)
                if (copy.Content[part]?[field] is null) copy.Part(part)[field] = value?.DeepClone();
        return copy;
    }

    public async Task LogAsync(string purpose, string? contentItemId, string? detail = null)
    {
        db.Add(new PersonalDataAccessRecord
        {
            AtUtc = clock.GetUtcNow().UtcDateTime,
            UserId = user.UserId,
            UserName = user.UserName,
            ContentItemId = contentItemId,
            Purpose = purpose,
            Detail = detail is { Length: > 500 } ? detail[..500] : detail,
        });
        await db.SaveChangesAsync();
    }

    public async Task<IReadOnlyList<PersonalDataAccessRecord>> AccessLogAsync(string contentItemId) =>
        await db.Set<PersonalDataAccessRecord>().AsNoTracking().Where(a => a.ContentItemId == contentItemId).OrderBy(a => a.Id).ToListAsync();

    /// <summary>
    /// Before a save: puts the stored value of each sensitive field the item does not carry into it, so validation
    /// and handlers see the whole item. Returns the fields filled, which <see cref="SeparateAsync"/> need not write.
    /// </summary>
    internal async Task<HashSet<SensitiveField>> FillMissingAsync(ContentItem item, IReadOnlyList<SensitiveField> fields)
    {
        var filled = new HashSet<SensitiveField>();
        var missing = fields.Where(f => item.Content[f.PartName]?[f.FieldName] is null).ToList();
        if (missing.Count == 0) return filled;
        var rows = await Values.AsNoTracking().Where(v => v.ContentItemId == item.ContentItemId).ToListAsync();
        foreach (var field in missing)
        {
            var row = rows.FirstOrDefault(r => r.PartName == field.PartName && r.FieldName == field.FieldName);
            if (row is null) continue;
            item.Part(field.PartName)[field.FieldName] = JsonNode.Parse(row.Value);
            filled.Add(field);
        }
        return filled;
    }

    /// <summary>
    /// After validation, before the document is stored: moves the sensitive values out of the item into their own
    /// rows (an empty value deletes the row) and leaves the item without them.
    /// </summary>
    internal async Task SeparateAsync(ContentItem item, IReadOnlyList<SensitiveField> fields, IReadOnlySet<SensitiveField> unchanged)
    {
        if (fields.Count == 0) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await Values.Where(v => v.ContentItemId == item.ContentItemId).ToListAsync();
        foreach (var field in fields.Where(f => !unchanged.Contains(f)))
        {
            if (item.Content[field.PartName]?[field.FieldName] is not { } value) continue;
            var row = rows.FirstOrDefault(r => r.PartName == field.PartName && r.FieldName == field.FieldName);
            if (IsEmpty(value))
            {
                if (row is not null) Values.Remove(row);
                continue;
            }
            if (row is null)
            {
                row = new SensitiveValueRecord { ContentItemId = item.ContentItemId, PartName = field.PartName, FieldName = field.FieldName };
                Values.Add(row);
            }
            row.Value = value.ToJsonString(ContentJson.Options);
            row.ModifiedUtc = now;
        }
        Strip(item, fields);
        await db.SaveChangesAsync();
    }

    /// <summary>A removed item's personal data goes with it (its versions stay as history, without it).</summary>
    internal Task ForgetAsync(string contentItemId) =>
        Values.Where(v => v.ContentItemId == contentItemId).ExecuteDeleteAsync();

    internal static void Strip(ContentItem item, IReadOnlyList<SensitiveField> fields)
    {
        foreach (var field in fields)
            (item.Content[field.PartName] as JsonObject)?.Remove(field.FieldName);
    }

    private static bool IsEmpty(JsonNode value) => value switch
    {
        JsonObject o => o.All(p => p.Value is null || IsEmpty(p.Value)),
        JsonArray a => a.Count == 0,
        JsonValue v => JsonValues.Text(v) is { } s ? string.IsNullOrWhiteSpace(s) : v.GetValueKind() == System.Text.Json.JsonValueKind.Null,
        _ => true,
    };

    private static JsonObject Nest(IEnumerable<SensitiveValueRecord> rows)
    {
        var result = new JsonObject();
        foreach (var row in rows)
        {
            if (result[row.PartName] is not JsonObject part) result[row.PartName] = part = new JsonObject();
            part[row.FieldName] = JsonNode.Parse(row.Value);
        }
        return result;
    }
}
