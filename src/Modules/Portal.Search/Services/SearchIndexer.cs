using Portal.Core.Content;
using Portal.Core.Content.Definitions;

namespace Portal.Search.Services;

/// <summary>Writes published items to the index: the one place that decides what an item's document is.</summary>
public sealed class SearchIndexer(SearchStore store, ContentDefinitionStore definitions)
{
    /// <summary>Indexes a published item into every writable generation; an item whose type has nothing indexed is removed.</summary>
    public async Task IndexAsync(ContentItem item, ContentTypeDefinition type, IReadOnlyList<int>? generations = null)
    {
        generations ??= await store.WritableGenerationsAsync();
        var document = SearchDocumentBuilder.Build(item, type, await definitions.GetAsync());
        if (document is not null) await store.WriteAsync(document, generations);
        else foreach (var generation in generations) await store.DeleteAsync(item.ContentItemId, generation);
    }

    public Task RemoveAsync(string contentItemId) => store.DeleteAsync(contentItemId);
}
