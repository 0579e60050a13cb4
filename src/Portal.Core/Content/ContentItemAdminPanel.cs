namespace Portal.Core.Content;

/// <summary>
/// A section a module adds to an item's admin page (a workflow's pending decisions, for example): the view
/// component rendered above the editor, invoked with the item's id as <c>contentItemId</c>.
/// </summary>
public sealed record ContentItemAdminPanel(string ViewComponent, int Position = 100);
