using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Cluster;
using Portal.Core.Content.Fields;
using Portal.Core.Content.Parts;
using Portal.Core.Data;

namespace Portal.Core.Content.Definitions;

/// <summary>
/// Reads and writes the content definitions (types, parts, fields). All definitions are one document with a
/// serial number; the cache holds the last one read. A save signals <see cref="SignalName"/> to every node, which
/// drops its cache; while those signals are known to arrive (<see cref="ChangeSignals.Live"/>) the cache is used
/// without asking the database, otherwise it is checked against the serial at most every
/// <see cref="ChangeSignals.CheckedTrust"/>.
/// </summary>
public sealed partial class ContentDefinitionStore(
    PortalDbContext db,
    DefinitionCache cache,
    ChangeSignals signals,
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

    /// <summary>The change signal a definitions save sends to every node.</summary>
    public const string SignalName = "content-definitions";

    public async Task<ContentDefinitionDocument> GetAsync()
    {
        if (current is not null) return current;
        var outsideTransaction = db.Database.CurrentTransaction is null;
        if (outsideTransaction && cache.Trusted is { } trusted) return current = trusted;
        var generation = cache.Generation;
        var serial = await PerModel<SerialQuery>.For(db).Run(db) ?? 0;
        if (cache.Get(serial) is { } cached) return outsideTransaction ? current = cached : cached;
        var document = await LoadAsync();
        // What a transaction reads may never commit: it is not for other requests to see.
        return outsideTransaction ? current = cache.Set(serial, document, generation) : document;
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
        // In the caller's transaction: other nodes hear of exactly the definitions that were stored.
        await db.SaveChangesAsync();
        await signals.SignalAsync(db, SignalName);
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

    /// <summary>The serial, asked by every request that reads the definitions: compiled once.</summary>
    private sealed class SerialQuery
    {
        public readonly Func<PortalDbContext, Task<int?>> Run = EF.CompileAsyncQuery(
            (PortalDbContext db) => db.Set<ContentDefinitionRecord>().Where(r => r.Id == DocumentId).Select(r => (int?)r.Serial).FirstOrDefault());
    }

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

/// <summary>
/// The last definitions document read, shared by all requests of a node; dropped by the change signal. A document
/// read before a drop is not kept (the generation moved), so a signal racing a read cannot leave a stale entry.
/// </summary>
public sealed class DefinitionCache
{
    private readonly Lock gate = new();
    private readonly ChangeSignals signals;
    private volatile Entry? entry;
    private int generation;

    public DefinitionCache(ChangeSignals signals)
    {
        this.signals = signals;
        signals.Subscribe(ContentDefinitionStore.SignalName, Clear);
    }

    public int Generation => Volatile.Read(ref generation);

    /// <summary>The cached document whatever its serial, while <see cref="ChangeSignals.Trusts"/> it.</summary>
    public ContentDefinitionDocument? Trusted => entry is { } e && signals.Trusts(e.CheckedAt) ? e.Document : null;

    /// <summary>The cached document if it has <paramref name="serial"/> (just read from the database): checked again from now.</summary>
    public ContentDefinitionDocument? Get(int serial)
    {
        if (entry is not { } e || e.Serial != serial) return null;
        e.CheckedAt = Stopwatch.GetTimestamp();
        return e.Document;
    }

    /// <summary>Keeps <paramref name="document"/> unless the cache was dropped since <paramref name="readGeneration"/>.</summary>
    public ContentDefinitionDocument Set(int serial, ContentDefinitionDocument document, int readGeneration)
    {
        lock (gate)
        {
            if (generation == readGeneration) entry = new Entry(serial, document) { CheckedAt = Stopwatch.GetTimestamp() };
        }
        return document;
    }

    public void Clear()
    {
        lock (gate)
        {
            generation++;
            entry = null;
        }
    }

    private sealed record Entry(int Serial, ContentDefinitionDocument Document)
    {
        private long checkedAt;

        public long CheckedAt
        {
            get => Volatile.Read(ref checkedAt);
            set => Volatile.Write(ref checkedAt, value);
        }
    }
}
