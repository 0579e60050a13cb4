using System.Collections.Concurrent;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewEngines;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;

namespace Portal.Theme.News.Services;

/// <summary>What a content template receives: the item and how it is being shown.</summary>
public sealed record ContentView(ContentItem Item, string DisplayType)
{
    public const string Detail = "Detail";
    public const string Summary = "Summary";
}

/// <summary>
/// Chooses a content item's template by convention, as Orchard's shapes do: <c>Content-{Type}.{DisplayType}</c>,
/// then <c>Content.{DisplayType}</c> (for the detail display: <c>Content-{Type}</c>, then <c>Content</c>). Templates
/// are partial views in any module's or theme's <c>Views/Shared</c>, so a type created in the admin gets the default
/// display and a module gives its own type a look by adding one file.
/// </summary>
public sealed class ContentTemplates(ICompositeViewEngine views)
{
    private readonly ConcurrentDictionary<(string Type, string DisplayType), string> chosen = new();

    public static IReadOnlyList<string> Candidates(string contentType, string displayType) => displayType == ContentView.Detail
        ? [$"Content-{contentType}", "Content"]
        : [$"Content-{contentType}.{displayType}", $"Content.{displayType}"];

    public string Choose(ViewContext context, string contentType, string displayType) =>
        chosen.GetOrAdd((contentType, displayType), key =>
            Candidates(key.Type, key.DisplayType).FirstOrDefault(name => views.FindView(context, name, isMainPage: false).Success)
            ?? throw new InvalidOperationException($"No template for {key.Type} ({key.DisplayType}): the theme's default 'Content.{key.DisplayType}' is missing."));
}

public static class ContentDisplayExtensions
{
    /// <summary>Renders <paramref name="item"/> with the template chosen for its type and <paramref name="displayType"/>.</summary>
    public static Task<IHtmlContent> DisplayAsync(this IHtmlHelper html, ContentItem item, string displayType = ContentView.Detail)
    {
        var templates = html.ViewContext.HttpContext.RequestServices.GetRequiredService<ContentTemplates>();
        return html.PartialAsync(templates.Choose(html.ViewContext, item.ContentType, displayType), new ContentView(item, displayType));
    }
}
