using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Content.Definitions;
using Portal.Core.Content.Fields;
using Portal.Core.Content.Privacy;
using Portal.Core.Data;
using Portal.Core.Security;
using Portal.Core.Settings;

namespace Portal.Core.Content;

public enum VersionOptions { Published, Latest, Draft }

/// <summary>
/// The one way content is read and written. A save runs in a fixed order, in one transaction:
/// prepare (handlers derive values) → validate (fields, parts, handlers) → store the version and its
/// field index → Created/Updated handlers. Expected failures come back as a <see cref="ContentResult"/>
/// and leave the database as it was. Sensitive fields are validated with the rest, then moved out of the
/// document by <see cref="PersonalData"/> before it is stored: what is stored, indexed and handed to the
/// handlers after validation never holds them.
/// </summary>
public sealed class ContentManager(
    PortalDbContext db,
    ContentDefinitionStore definitions,
    IEnumerable<ContentHandler> handlers,
    ICurrentUser currentUser,
    TimeProvider clock,
    PersonalData personalData,
    SiteTime siteTime,
    IStringLocalizer<ContentManager> T)
{
    private readonly IReadOnlyList<ContentHandler> handlers = handlers.ToList();

    // The definitions a batch read once for all its items (see CreateManyAsync).
    private ContentDefinitionDocument? batchDefinitions;
    private DbSet<ContentItemRecord> Items => db.Set<ContentItemRecord>();
    private DbSet<ContentFieldIndexRecord> FieldIndex => db.Set<ContentFieldIndexRecord>();

    /// <summary>A new, unsaved item of <paramref name="contentType"/> with its parts in place.</summary>
    public async Task<ContentItem?> NewAsync(string contentType)
    {
        var type = await definitions.GetTypeAsync(contentType);
        if (type is null) return null;
        var item = new ContentItem
        {
            ContentItemId = IdGenerator.NewId(),
            ContentType = type.Name,
            Owner = currentUser.UserId,
            Author = currentUser.UserName,
        };
        foreach (var part in type.Parts) item.Part(part.Name);
        await RunAsync(h => h.InitializingAsync(new ContentContext(item, type, new ContentErrors())));
        return item;
    }

    /// <summary>
    /// Stores a new item as its first version, published at once when <paramref name="publish"/> is set (or the type is
    /// not draftable). The version is written once, with its final flags; the handlers still run in their order
    /// (Created, then Publishing, which may refuse, then Published), and a refusal rolls the whole save back.
    /// Two saves racing to create one id: one wins, the other gets a conflict.
    /// </summary>
    public async Task<ContentResult> CreateAsync(ContentItem item, bool publish = false)
    {
        try
        {
            return await db.InTransactionAsync(() => CreateCoreAsync(item, publish), r => r.Succeeded);
        }
        catch (Exception e) when (UniqueViolation.Of(e, ContentIndexes.LatestItem, "ContentItems.ContentItemId"))
        {
            // Both saves saw the id free; the database's unique index let only the first commit it.
            return IdTaken(item.ContentItemId);
        }
    }

    private async Task<ContentResult> CreateCoreAsync(ContentItem item, bool publish)
    {
        var (type, document, error) = await TypeOfAsync(item.ContentType);
        if (type is null) return error!;
        if (string.IsNullOrEmpty(item.ContentItemId)) item.ContentItemId = IdGenerator.NewId();

        var now = clock.GetUtcNow().UtcDateTime;
        item.ContentItemVersionId = IdGenerator.NewId();
        item.CreatedUtc ??= now;
        item.ModifiedUtc = now;
        item.Owner ??= currentUser.UserId;
        item.Author ??= currentUser.UserName;
        item.Latest = true;
        item.Published = false;
        var context = new ContentContext(item, type, new ContentErrors());
        var sensitive = PersonalData.FieldsOf(document!, type);
        if (await PrepareAndValidateAsync(context, document!) is { } invalid) return invalid;
        await personalData.SeparateAsync(item, sensitive, new HashSet<SensitiveField>());

        publish |= !type.TypeSettings.Draftable;
        var record = NewRecord(item);
        record.Published = publish;
        record.PublishedUtc = publish ? now : null;
        // One command checks the id and inserts: an item with this id (even a removed one) keeps it.
        if (await RowInserter<ContentItemRecord>.For(db).InsertUnlessExistsAsync(db, record, nameof(ContentItemRecord.ContentItemId)) is not { } id)
            return IdTaken(item.ContentItemId);
        record.Id = id;
        await WriteFieldIndexAsync(record, item, type, document!, isNewVersion: true);
        await RunAsync(h => h.CreatedAsync(context));
        return publish ? await PublishedAsync(record, type) : ContentResult.Success(Read(record));
    }

    /// <summary>
    /// Creates many items in one transaction, for imports (the recipe content step, the wish import). Each item goes
    /// through the whole pipeline of <see cref="CreateAsync"/>, in order and in a savepoint of its own, so a refused
    /// item leaves nothing behind and the items after it are still checked. All or nothing: the batch is kept only
    /// when every item succeeded, and the results say which items failed and why. The definitions are read once for
    /// the batch, and the batch commits once: that, not the items, is most of what a single save costs.
    /// </summary>
    public Task<ContentBatchResult> CreateManyAsync(IReadOnlyList<ContentItem> items, bool publish = false) =>
        db.InTransactionAsync(async () =>
        {
            var results = new List<ContentResult>(items.Count);
            batchDefinitions = await definitions.GetAsync();
            try
            {
                foreach (var item in items) results.Add(await CreateAsync(item, publish));
            }
            finally
            {
                batchDefinitions = null;
            }
            return new ContentBatchResult(results);
        }, r => r.Succeeded);

    /// <summary>
    /// Saves the item's content as its latest version. When the latest version is published, a new draft
    /// version is made. A type that is not draftable publishes on every save, in the same write: the new version is
    /// stored published and the one it replaces steps down, then Updated, Publishing (which may refuse and roll the
    /// save back) and Published run. An item loaded earlier whose <see cref="ContentItem.ConcurrencyStamp"/> no longer
    /// matches is refused.
    /// </summary>
    public Task<ContentResult> UpdateAsync(ContentItem item) =>
        db.InTransactionAsync(async () =>
        {
            var current = await Items.Where(r => r.ContentItemId == item.ContentItemId && (r.Latest || r.Published)).ToListAsync();
            var latest = current.FirstOrDefault(r => r.Latest);
            if (latest is null) return NotFound(item.ContentItemId);
            if (item.ConcurrencyStamp is not null && item.ConcurrencyStamp != latest.ConcurrencyStamp)
                return await StaleAsync(latest);
            var (type, document, error) = await TypeOfAsync(latest.ContentType);
            if (type is null) return error!;

            var now = clock.GetUtcNow().UtcDateTime;
            item.ContentType = latest.ContentType;
            item.CreatedUtc = latest.CreatedUtc;
            item.ModifiedUtc = now;
            item.Owner ??= latest.Owner;
            if (currentUser.UserName is { } editor) item.Author = editor; // a version records who made it
            var context = new ContentContext(item, type, new ContentErrors());
            var sensitive = PersonalData.FieldsOf(document!, type);
            var unchanged = await personalData.FillMissingAsync(item, sensitive);
            if (await PrepareAndValidateAsync(context, document!) is { } invalid)
            {
                PersonalData.Strip(item, [.. unchanged]);
                return invalid;
            }
            await personalData.SeparateAsync(item, sensitive, unchanged);

            var publish = !type.TypeSettings.Draftable;
            var flags = current.ToDictionary(r => r.Id, r => (r.Latest, r.Published));
            var record = latest;
            if (latest.Published)
            {
                latest.Latest = false;
                latest.ConcurrencyStamp = Guid.NewGuid().ToString("N");
                item.ContentItemVersionId = IdGenerator.NewId();
                item.PublishedUtc = latest.PublishedUtc;
                record = NewRecord(item);
                Items.Add(record);
            }
            else
            {
                Copy(item, record);
                record.ConcurrencyStamp = Guid.NewGuid().ToString("N");
            }
            if (publish)
            {
                foreach (var previous in current.Where(r => r.Published && r != record)) previous.Published = false;
                record.Published = true;
                record.PublishedUtc = now;
            }
            item.Published = record.Published;
            item.PublishedUtc = record.PublishedUtc;
            if (!await TrySaveAsync()) return await StaleAsync(latest);
            foreach (var previous in current.Where(r => r != record && flags[r.Id] != (r.Latest, r.Published)))
            {
                if (previous.Latest || previous.Published) await SyncFieldIndexStatusAsync(previous);
                else await DeleteFieldIndexAsync(previous.Id);
            }
            await WriteFieldIndexAsync(record, item, type, document!, isNewVersion: record != latest);
            await RunAsync(h => h.UpdatedAsync(context));
            return publish ? await PublishedAsync(record, type) : ContentResult.Success(Read(record));
        }, r => r.Succeeded);

    /// <summary>Publishing and Published for a version already stored published; a refusal fails the save, which rolls it back.</summary>
    private async Task<ContentResult> PublishedAsync(ContentItemRecord record, ContentTypeDefinition type)
    {
        var published = Read(record);
        var publishing = new ContentContext(published, type, new ContentErrors());
        await RunAsync(h => h.PublishingAsync(publishing));
        if (publishing.Errors.Any) return ContentResult.Failure(publishing.Errors.All);
        await RunAsync(h => h.PublishedAsync(publishing));
        return ContentResult.Success(published);
    }

    /// <summary>
    /// Why publishing the latest version would be refused now (what the Publishing handlers report), so an editor can
    /// be told before trying; nothing is changed. Empty when it may be published or already is.
    /// </summary>
    public async Task<IReadOnlyList<ContentError>> PublishRefusalsAsync(string contentItemId)
    {
        if (await GetAsync(contentItemId, VersionOptions.Latest) is not { Published: false } latest) return [];
        var (type, _, error) = await TypeOfAsync(latest.ContentType);
        if (type is null) return error!.Errors;
        latest.Published = true;
        var context = new ContentContext(latest, type, new ContentErrors());
        await RunAsync(h => h.PublishingAsync(context));
        return context.Errors.All;
    }

    public Task<ContentResult> PublishAsync(string contentItemId) =>
        db.InTransactionAsync(() => PublishLatestAsync(contentItemId), r => r.Succeeded);

    public Task<ContentResult> UnpublishAsync(string contentItemId) =>
        db.InTransactionAsync(async () =>
        {
            var published = await Items.FirstOrDefaultAsync(r => r.ContentItemId == contentItemId && r.Published);
            if (published is null)
                return await Items.AnyAsync(r => r.ContentItemId == contentItemId && r.Latest)
                    ? ContentResult.Failure("", T["The item is not published."])
                    : NotFound(contentItemId);
            var (type, _, error) = await TypeOfAsync(published.ContentType);
            if (type is null) return error!;
            published.Published = false;
            published.ConcurrencyStamp = Guid.NewGuid().ToString("N");
            await db.SaveChangesAsync();
            if (published.Latest) await SyncFieldIndexStatusAsync(published);
            else await DeleteFieldIndexAsync(published.Id);
            var item = Read(published);
            await RunAsync(h => h.UnpublishedAsync(new ContentContext(item, type, new ContentErrors())));
            return ContentResult.Success(item);
        }, r => r.Succeeded);

    /// <summary>Removes the item: its versions stay as history but are neither latest nor published.</summary>
    public Task<ContentResult> RemoveAsync(string contentItemId) =>
        db.InTransactionAsync(async () =>
        {
            var current = await Items.Where(r => r.ContentItemId == contentItemId && (r.Latest || r.Published)).ToListAsync();
            var latest = current.FirstOrDefault(r => r.Latest) ?? current.FirstOrDefault();
            if (latest is null) return NotFound(contentItemId);
            var (type, _, error) = await TypeOfAsync(latest.ContentType);
            if (type is null) return error!;
            var item = Read(latest);
            var context = new ContentContext(item, type, new ContentErrors());
            await RunAsync(h => h.RemovingAsync(context));
            if (context.Errors.Any) return ContentResult.Failure(context.Errors.All);
            foreach (var record in current)
            {
                record.Latest = false;
                record.Published = false;
                record.ConcurrencyStamp = Guid.NewGuid().ToString("N");
                await DeleteFieldIndexAsync(record.Id);
            }
            await db.SaveChangesAsync();
            await personalData.ForgetAsync(contentItemId);
            await RunAsync(h => h.RemovedAsync(context));
            return ContentResult.Success(item);
        }, r => r.Succeeded);

    public async Task<ContentItem?> GetAsync(string contentItemId, VersionOptions options = VersionOptions.Published)
    {
        var record = await ByIdQueries.For(db).Get(options)(db, contentItemId);
        return record is null ? null : Read(record);
    }

    public async Task<ContentItem?> GetVersionAsync(string contentItemVersionId)
    {
        var record = await Items.AsNoTracking().FirstOrDefaultAsync(r => r.ContentItemVersionId == contentItemVersionId);
        return record is null ? null : Read(record);
    }

    /// <summary>All versions of an item, newest first.</summary>
    public async Task<IReadOnlyList<ContentItem>> GetVersionsAsync(string contentItemId) =>
        (await Items.AsNoTracking().Where(r => r.ContentItemId == contentItemId).OrderByDescending(r => r.Id).ToListAsync())
            .Select(Read).ToList();

    public async Task<IReadOnlyList<ContentItem>> GetManyAsync(IEnumerable<string> contentItemIds, VersionOptions options = VersionOptions.Published)
    {
        var ids = contentItemIds.Distinct().ToList();
        var records = await Items.AsNoTracking()
            .Where(r => ids.Contains(r.ContentItemId) && (options == VersionOptions.Published ? r.Published : r.Latest))
            .ToListAsync();
        var byId = records.ToDictionary(r => r.ContentItemId);
        return ids.Where(byId.ContainsKey).Select(id => Read(byId[id])).ToList();
    }

    public IQueryable<ContentItemRecord> Records => Items.AsNoTracking();

    public async Task<ContentPage> QueryAsync(ContentQuery query)
    {
        var translator = new ContentQueryTranslator(db);
        var total = query.CountTotal ? await translator.CountAsync(query) : -1;
        var take = Math.Clamp(query.Take, 0, ContentQuery.MaxTake);
        if (take == 0) return new ContentPage([], total, query.Skip, query.Take); // a count alone
        var ordered = await translator.PageAsync(query);
        var records = await ordered.Skip(query.Skip).Take(take).ToListAsync();
        return new ContentPage(records.Select(Read).ToList(), total, query.Skip, query.Take);
    }

    private async Task<ContentResult> PublishLatestAsync(string contentItemId)
    {
        var records = await Items.Where(r => r.ContentItemId == contentItemId && (r.Latest || r.Published)).ToListAsync();
        var latest = records.FirstOrDefault(r => r.Latest);
        if (latest is null) return NotFound(contentItemId);
        if (latest.Published) return ContentResult.Success(Read(latest));
        var (type, _, error) = await TypeOfAsync(latest.ContentType);
        if (type is null) return error!;

        var item = Read(latest);
        item.Published = true;
        item.PublishedUtc = clock.GetUtcNow().UtcDateTime;
        var context = new ContentContext(item, type, new ContentErrors());
        await RunAsync(h => h.PublishingAsync(context));
        if (context.Errors.Any) return ContentResult.Failure(context.Errors.All);

        foreach (var previous in records.Where(r => r.Published))
        {
            previous.Published = false;
            await DeleteFieldIndexAsync(previous.Id);
        }
        latest.Published = true;
        latest.PublishedUtc = item.PublishedUtc;
        latest.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        await db.SaveChangesAsync();
        await SyncFieldIndexStatusAsync(latest);
        item.ConcurrencyStamp = latest.ConcurrencyStamp;
        await RunAsync(h => h.PublishedAsync(context));
        return ContentResult.Success(item);
    }

    private async Task<ContentResult?> PrepareAndValidateAsync(ContentContext context, ContentDefinitionDocument document)
    {
        await RunAsync(h => h.PreparingAsync(context));
        ValidateFields(context, document);
        await RunAsync(h => h.ValidatingAsync(context));
        return context.Errors.Any ? ContentResult.Failure(context.Errors.All) : null;
    }

    private void ValidateFields(ContentContext context, ContentDefinitionDocument document)
    {
        foreach (var (partName, part, field) in FieldsOf(document, context.Type, context.Item))
        {
            var path = $"{partName}.{field.Name}";
            var kind = definitions.FieldKinds.FirstOrDefault(k => k.Name == field.FieldName);
            if (kind is null) continue; // definitions with unknown kinds are refused when saved
            var node = part?[field.Name];
            if (node is not null and not JsonObject)
            {
                context.Errors.Add(path, T["{0} must be an object such as {{\"Text\": \"...\"}}.", field.DisplayName]);
                continue;
            }
            kind.Validate(new FieldValidationContext(node as JsonObject ?? new JsonObject(), field, path, context.Errors, T));
        }
    }

    /// <summary>Every field of every part attached to the type, with the part's JSON in the item.</summary>
    private static IEnumerable<(string PartName, JsonObject? Part, ContentPartFieldDefinition Field)> FieldsOf(
        ContentDefinitionDocument document, ContentTypeDefinition type, ContentItem item)
    {
        foreach (var typePart in type.Parts)
        {
            var partDefinition = document.ContentParts.FirstOrDefault(p => p.Name == typePart.PartName);
            if (partDefinition is null) continue;
            foreach (var field in partDefinition.Fields)
                yield return (typePart.Name, item.Content[typePart.Name] as JsonObject, field);
        }
    }

    private async Task WriteFieldIndexAsync(ContentItemRecord record, ContentItem item, ContentTypeDefinition type,
        ContentDefinitionDocument document, bool isNewVersion)
    {
        if (!isNewVersion) await DeleteFieldIndexAsync(record.Id);
        var rows = new List<ContentFieldIndexRecord>();
        foreach (var (partName, part, field) in FieldsOf(document, type, item))
        {
            if (part?[field.Name] is not JsonObject value) continue;
            var kind = definitions.FieldKinds.FirstOrDefault(k => k.Name == field.FieldName);
            foreach (var entry in kind?.IndexValues(value) ?? [])
            {
                rows.Add(new ContentFieldIndexRecord
                {
                    DocumentId = record.Id,
                    ContentType = type.Name,
                    PartName = partName,
                    FieldName = field.Name,
                    TextValue = entry.Text,
                    NumericValue = entry.Number,
                    DateValue = entry.Date,
                    BooleanValue = entry.Boolean,
                    Published = record.Published,
                    Latest = record.Latest,
                });
            }
        }
        await RowInserter<ContentFieldIndexRecord>.For(db).InsertAsync(db, rows);
    }

    /// <summary>Copies a version's flags to its field index rows after they changed.</summary>
    private Task SyncFieldIndexStatusAsync(ContentItemRecord record)
    {
        bool published = record.Published, latest = record.Latest;
        return FieldIndex.Where(f => f.DocumentId == record.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.Published, published).SetProperty(f => f.Latest, latest));
    }

    private Task DeleteFieldIndexAsync(long documentId) =>
        FieldIndex.Where(f => f.DocumentId == documentId).ExecuteDeleteAsync();

    private async Task<bool> TrySaveAsync()
    {
        try
        {
            await db.SaveChangesAsync();
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    /// <summary>The type and the definitions it was read from: one read of the definitions serves a whole save.</summary>
    private async Task<(ContentTypeDefinition? Type, ContentDefinitionDocument? Document, ContentResult? Error)> TypeOfAsync(string name)
    {
        var document = batchDefinitions ?? await definitions.GetAsync();
        var type = document.ContentTypes.FirstOrDefault(t => t.Name == name);
        return type is null
            ? (null, null, ContentResult.Failure("ContentType", T["The content type '{0}' does not exist.", name]))
            : (type, document, null);
    }

    private ContentResult IdTaken(string id) =>
        ContentResult.Failure("ContentItemId", T["An item with the id '{0}' already exists.", id], ContentErrorKind.Conflict);

    private ContentResult NotFound(string id) =>
        ContentResult.Failure("ContentItemId", T["No content item has the id '{0}'.", id], ContentErrorKind.NotFound);

    // The editor reads the time as the site's clock shows it, like every other admin time.
    private async Task<ContentResult> StaleAsync(ContentItemRecord latest) =>
        ContentResult.Failure("", T["This item was changed by {0} at {1} after you opened it. Your changes were not saved; reload to see the latest version.",
            latest.Author ?? "someone", await siteTime.FormatAsync(latest.ModifiedUtc, "yyyy-MM-dd HH:mm")], ContentErrorKind.Conflict);

    private async Task RunAsync(Func<ContentHandler, Task> step)
    {
        foreach (var handler in handlers) await step(handler);
    }

    private static ContentItemRecord NewRecord(ContentItem item)
    {
        var record = new ContentItemRecord
        {
            ContentItemId = item.ContentItemId,
            ContentItemVersionId = item.ContentItemVersionId,
            Latest = true,
            ConcurrencyStamp = Guid.NewGuid().ToString("N"),
        };
        Copy(item, record);
        return record;
    }

    private static void Copy(ContentItem item, ContentItemRecord record)
    {
        record.ContentType = item.ContentType;
        record.DisplayText = item.DisplayText;
        record.Owner = item.Owner;
        record.Author = item.Author;
        record.CreatedUtc = item.CreatedUtc ?? DateTime.UtcNow;
        record.ModifiedUtc = item.ModifiedUtc ?? DateTime.UtcNow;
        record.PublishedUtc = item.PublishedUtc;
        record.Data = item.Content.ToJsonString(ContentJson.Options);
    }

    public static ContentItem Read(ContentItemRecord record) => new()
    {
        ContentItemId = record.ContentItemId,
        ContentItemVersionId = record.ContentItemVersionId,
        ContentType = record.ContentType,
        DisplayText = record.DisplayText,
        Latest = record.Latest,
        Published = record.Published,
        Owner = record.Owner,
        Author = record.Author,
        CreatedUtc = DateTime.SpecifyKind(record.CreatedUtc, DateTimeKind.Utc),
        ModifiedUtc = DateTime.SpecifyKind(record.ModifiedUtc, DateTimeKind.Utc),
        PublishedUtc = record.PublishedUtc is { } p ? DateTime.SpecifyKind(p, DateTimeKind.Utc) : null,
        ConcurrencyStamp = record.ConcurrencyStamp,
        Content = JsonNode.Parse(record.Data) as JsonObject ?? new JsonObject(),
    };
}

/// <summary>The outcome of <see cref="ContentManager.CreateManyAsync"/>: one result per item, in order; kept only when all succeeded.</summary>
public sealed record ContentBatchResult(IReadOnlyList<ContentResult> Results)
{
    public bool Succeeded => Results.All(r => r.Succeeded);
}

public sealed record ContentPage(IReadOnlyList<ContentItem> Items, int TotalCount, int Skip, int Take);

/// <summary>Ids like Orchard Core's: 26 characters of lower-case base 32, random.</summary>
public static class IdGenerator
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    public static string NewId()
    {
        Span<byte> bytes = stackalloc byte[17];
        System.Security.Cryptography.RandomNumberGenerator.Fill(bytes);
        Span<char> chars = stackalloc char[26];
        for (var i = 0; i < 26; i++)
        {
            var bit = i * 5;
            var value = (bytes[bit / 8] << 8 | bytes[bit / 8 + 1]) >> (11 - bit % 8) & 31;
            chars[i] = Alphabet[value];
        }
        return new string(chars);
    }
}

/// <summary>
/// Reading one item by id is the most frequent query; compiled once (per model), it skips EF's query translation and
/// cache lookup.
/// </summary>
internal sealed class ByIdQueries
{
    private readonly Func<PortalDbContext, string, Task<ContentItemRecord?>> published = EF.CompileAsyncQuery(
        (PortalDbContext db, string id) => db.Set<ContentItemRecord>().AsNoTracking().FirstOrDefault(r => r.ContentItemId == id && r.Published));
    private readonly Func<PortalDbContext, string, Task<ContentItemRecord?>> draft = EF.CompileAsyncQuery(
        (PortalDbContext db, string id) => db.Set<ContentItemRecord>().AsNoTracking().FirstOrDefault(r => r.ContentItemId == id && r.Latest && !r.Published));
    private readonly Func<PortalDbContext, string, Task<ContentItemRecord?>> latest = EF.CompileAsyncQuery(
        (PortalDbContext db, string id) => db.Set<ContentItemRecord>().AsNoTracking().FirstOrDefault(r => r.ContentItemId == id && r.Latest));

    public static ByIdQueries For(PortalDbContext db) => PerModel<ByIdQueries>.For(db);

    public Func<PortalDbContext, string, Task<ContentItemRecord?>> Get(VersionOptions options) => options switch
    {
        VersionOptions.Published => published,
        VersionOptions.Draft => draft,
        _ => latest,
    };
}
