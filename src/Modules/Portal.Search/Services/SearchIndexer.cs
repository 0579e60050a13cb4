using Microsoft.EntityFrameworkCore;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;
using Portal.Core.Data;

namespace Portal.Search.Services;

/// <summary>
/// Writes published items to the index: the one place that decides what an item's document is, and whether it has one
/// (its type indexes something, and no <see cref="IPublicListingRule"/> holds it back, as a claimed wish is).
/// </summary>
public sealed class SearchIndexer(SearchStore store, ContentDefinitionStore definitions, PortalDbContext db, IEnumerable<IPublicListingRule> rules)
    : IPublicListingListener
{
    private readonly IReadOnlyList<IPublicListingRule> rules = rules.ToList();

    /// <summary>Indexes a published item into every writable generation, or removes it when it has no document.</summary>
    public Task IndexAsync(ContentItem item) => IndexAsync([item], null);

    /// <summary>Indexes published items into <paramref name="generations"/> (every writable one when null), a batch of rows at a time.</summary>
    public async Task IndexAsync(IReadOnlyList<ContentItem> items, IReadOnlyList<int>? generations)
    {
        if (items.Count == 0) return;
        generations ??= await store.WritableGenerationsAsync();
        var document = await definitions.GetAsync();
        var hidden = new HashSet<string>();
        foreach (var rule in rules) hidden.UnionWith(await rule.HiddenAsync(items));
        var documents = items
            .Where(i => !hidden.Contains(i.ContentItemId))
            .Select(i => document.ContentTypes.FirstOrDefault(t => t.Name == i.ContentType) is { } type ? SearchDocumentBuilder.Build(i, type, document) : null)
            .OfType<SearchDocument>()
            .ToList();
        await store.WriteAsync(documents, generations, removed: items.Select(i => i.ContentItemId).Except(documents.Select(d => d.ContentItemId)).ToList());
    }

    public Task RemoveAsync(string contentItemId) => store.DeleteAsync(contentItemId);

    /// <summary>An item came into public view or left it: index its published version again, or take it out.</summary>
    public async Task ListingChangedAsync(string contentItemId, bool listed)
    {
        if (!listed)
        {
            await RemoveAsync(contentItemId);
            return;
        }
        // The record rather than ContentManager, which needs this indexer (through the search handler) itself.
        var record = await db.Set<ContentItemRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.ContentItemId == contentItemId && r.Published);
        if (record is not null) await IndexAsync(ContentManager.Read(record));
        else await RemoveAsync(contentItemId);
    }
}
