using Portal.Core.Content;
using Portal.Core.Content.Definitions;
using Portal.Search.Services;

namespace Portal.Search.Handlers;

/// <summary>
/// Keeps the index in step with what is published, inside the content manager's transaction: a publish
/// writes the item's document, an unpublish or a removal takes it out. Drafts are never indexed.
/// </summary>
public sealed class SearchIndexHandler(SearchIndexer indexer) : ContentHandler
{
    public override Task PublishedAsync(ContentContext context) => indexer.IndexAsync(context.Item);

    public override Task UnpublishedAsync(ContentContext context) => indexer.RemoveAsync(context.Item.ContentItemId);

    public override Task RemovedAsync(ContentContext context) => indexer.RemoveAsync(context.Item.ContentItemId);
}
