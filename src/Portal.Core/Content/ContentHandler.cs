using Portal.Core.Content.Definitions;

namespace Portal.Core.Content;

/// <summary>The item being worked on, its type, and where handlers report problems.</summary>
public sealed class ContentContext(ContentItem item, ContentTypeDefinition type, ContentErrors errors)
{
    public ContentItem Item => item;
    public ContentTypeDefinition Type => type;
    public ContentErrors Errors => errors;
}

/// <summary>
/// Hooks on every step of the content manager, in this order for a save:
/// Preparing (derive values) → Validating (report errors; nothing is stored if any) → store → Created/Updated,
/// and for a publish: Publishing (may refuse) → store → Published. All run inside the save's transaction,
/// so an exception in a handler rolls the whole save back. Publishing only reports: it also runs, without a publish,
/// to tell an editor beforehand why an item cannot be published (<see cref="ContentManager.PublishRefusalsAsync"/>).
/// </summary>
public abstract class ContentHandler
{
    public virtual Task InitializingAsync(ContentContext context) => Task.CompletedTask;
    public virtual Task PreparingAsync(ContentContext context) => Task.CompletedTask;
    public virtual Task ValidatingAsync(ContentContext context) => Task.CompletedTask;
    public virtual Task CreatedAsync(ContentContext context) => Task.CompletedTask;
    public virtual Task UpdatedAsync(ContentContext context) => Task.CompletedTask;
    public virtual Task PublishingAsync(ContentContext context) => Task.CompletedTask;
    public virtual Task PublishedAsync(ContentContext context) => Task.CompletedTask;
    public virtual Task UnpublishedAsync(ContentContext context) => Task.CompletedTask;
    public virtual Task RemovingAsync(ContentContext context) => Task.CompletedTask;
    public virtual Task RemovedAsync(ContentContext context) => Task.CompletedTask;
}
