using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Content.Fields;
using Portal.Core.Content.Parts;
using Portal.Core.Data;

namespace Portal.Core.Content.Definitions;

/// <summary>
/// Reads and writes the content definitions (types, parts, fields). All definitions are one document with a
/// serial number; the cache holds the last one read and is dropped when the serial moves.
/// </summary>
public sealed partial class ContentDefinitionStore(
    PortalDbContext db,
    DefinitionCache cache,
    IEnumerable<IContentFieldKind> fieldKinds,
    IEnumerable<IContentPartKind> partKinds,
    IStringLocalizer<ContentDefinitionStore> T)
{
    public IReadOnlyList<IContentFieldKind> FieldKinds { get; } = fieldKinds.ToList();
    public IReadOnlyList<IContentPartKind> PartKinds { get; } = partKinds.ToList();

    // The document this scope (one request) has already checked against the serial, read outside any transaction:
    // a request that asks several times then queries the serial once. Inside a transaction every read checks the
    // serial, since a rollback (to a savepoint, too) may undo definitions saved in it.
    private ContentDefinitionDocument? current;

    public async Task<ContentDefinitionDocument> GetAsync()
    {
        if (current is not null) return current;
        var serial = await Record().AsNoTracking().Select(r => (int?)r.Serial).FirstOrDefaultAsync() ?? 0;
        var document = cache.Get(serial) ?? cache.Set(serial, await LoadAsync());
        if (db.Database.CurrentTransaction is null) current = document;
        return document;
    }

    public async Task<ContentTypeDefinition?> GetTypeAsync(string name) =>
        (await GetAsync()).ContentTypes.FirstOrDefault(t => t.Name == name);

    public async Task<ContentPartDefinition?> GetPartAsync(string name) =>
        (await GetAsync()).ContentParts.FirstOrDefault(p => p.Name == name);

    /// <summary>Validates and stores a whole new document; nothing is stored when there are errors.</summary>
    public async Task<IReadOnlyList<ContentError>> SaveAsync(ContentDefinitionDocument document)
    {
        var errors = Validate(document);
        if (errors.Count > 0) return errors;
        var before = await GetAsync();
        return await db.InTransactionAsync<IReadOnlyList<ContentError>>(async () =>
        {
            await StoreAsync(document);
            await Privacy.SensitiveFieldSealer.SealNewlySensitiveAsync(db, before, document, DateTime.UtcNow);
            return [];
        });
    }

    private async Task StoreAsync(ContentDefinitionDocument document)
    {
        var record = await Record().FirstOrDefaultAsync();
        if (record is null)
        {
            record = new ContentDefinitionRecord { Id = DocumentId };
            db.Add(record);
        }
        record.Serial++;
        record.Data = JsonSerializer.Serialize(document, ContentJson.Options);
        current = null;
        cache.Clear();
        await db.SaveChangesAsync();
    }

    /// <summary>Loads a copy, applies <paramref name="change"/> and saves it.</summary>
    public async Task<IReadOnlyList<ContentError>> AlterAsync(Action<ContentDefinitionDocument> change)
    {
        var document = (await GetAsync()).Clone();
        change(document);
        return await SaveAsync(document);
    }

    /// <summary>All definitions live in one row.</summary>
    private const int DocumentId = 1;

    private IQueryable<ContentDefinitionRecord> Record() => db.Set<ContentDefinitionRecord>().Where(r => r.Id == DocumentId);

    private async Task<ContentDefinitionDocument> LoadAsync()
    {
        var data = await Record().AsNoTracking().Select(r => r.Data).FirstOrDefaultAsync();
        return data is null ? new() : JsonSerializer.Deserialize<ContentDefinitionDocument>(data, ContentJson.Options) ?? new();
    }

    public IReadOnlyList<ContentError> Validate(ContentDefinitionDocument document)
    {
        var errors = new ContentErrors();
        var kinds = FieldKinds.Select(k => k.Name).ToHashSet();
        CheckNames(document.ContentTypes.Select(t => t.Name), "ContentTypes", T["content type"], errors);
        CheckNames(document.ContentParts.Select(p => p.Name), "ContentParts", T["part"], errors);
        foreach (var part in document.ContentParts)
        {
            CheckNames(part.Fields.Select(f => f.Name), $"ContentParts.{part.Name}", T["field"], errors);
            foreach (var field in part.Fields.Where(f => !kinds.Contains(f.FieldName)))
                errors.Add($"ContentParts.{part.Name}.{field.Name}",
                    T["The field '{0}' has an unknown kind '{1}'. Known kinds: {2}.", field.Name, field.FieldName, string.Join(", ", kinds.Order())]);
        }
        foreach (var type in document.ContentTypes)
        {
            var duplicate = type.Parts.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
                errors.Add($"ContentTypes.{type.Name}", T["The part '{0}' is attached twice to '{1}'.", duplicate.Key, type.Name]);
        }
        return errors.All;
    }

    private void CheckNames(IEnumerable<string> names, string path, string what, ContentErrors errors)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in names)
        {
            if (!TechnicalName().IsMatch(name))
                errors.Add($"{path}.{name}", T["'{0}' is not a valid {1} name: start with a letter, then letters, digits or underscores (at most 64).", name, what]);
            else if (!seen.Add(name))
                errors.Add($"{path}.{name}", T["The {1} name '{0}' is used twice.", name, what]);
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,63}$")]
    private static partial Regex TechnicalName();
}

/// <summary>The last definitions document read, shared by all requests of a node.</summary>
public sealed class DefinitionCache
{
    private volatile Entry? entry;

    public ContentDefinitionDocument? Get(int serial) => entry is { } e && e.Serial == serial ? e.Document : null;

    public ContentDefinitionDocument Set(int serial, ContentDefinitionDocument document)
    {
        entry = new Entry(serial, document);
        return document;
    }

    public void Clear() => entry = null;

    private sealed record Entry(int Serial, ContentDefinitionDocument Document);
}
