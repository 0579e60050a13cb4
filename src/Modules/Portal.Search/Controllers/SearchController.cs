using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;
using Portal.Search.Services;

namespace Portal.Search.Controllers;

/// <summary>The public search page. Anyone may search: the index holds only published, public text.</summary>
[Area("Portal.Search")]
public sealed class SearchController(ISearchService search, SearchStore store, ContentDefinitionStore definitions, ContentManager content) : Controller
{
    private const int RecentCount = 5;
    private const int MaxFilterOptions = 200;

    [HttpGet("/search")]
    public async Task<IActionResult> Index(string? q, string? type, string? category, string? community, string? campaign,
        string? from, string? to, int page = 1)
    {
        var document = await definitions.GetAsync();
        var form = new SearchForm(q ?? "", type, category, community, campaign, from, to);
        var model = new SearchPageModel(form, SearchableTypes.Of(document), null, [], SearchableTypes.Categories(document),
            await OptionsAsync(document, Facets.Community), await OptionsAsync(document, Facets.Campaign));
        if (string.IsNullOrWhiteSpace(q) && form.HasNoFilters) return View(model with { Recent = await RecentAsync(document) });

        var (fromUtc, toUtc, dateProblems) = SearchForm.ParseDates(from, to);
        var results = await search.SearchAsync(new SearchRequest(q, type is { Length: > 0 } ? [type] : null, category, community, campaign,
            fromUtc, toUtc, page));
        if (dateProblems.Count > 0) results = results with { Hits = [], Total = 0, Problems = [.. dateProblems, .. results.Problems] };
        if (!results.Succeeded) Response.StatusCode = StatusCodes.Status400BadRequest;
        model = model with { Results = results };
        return View(results.Total == 0 ? model with { Recent = await RecentAsync(document) } : model);
    }

    /// <summary>The published items of a filter's type (communities, campaigns), by name, when the site has that type.</summary>
    private async Task<IReadOnlyList<(string Value, string Text)>> OptionsAsync(ContentDefinitionDocument document, string type)
    {
        if (!document.ContentTypes.Any(t => t.Name == type)) return [];
        var items = await content.QueryAsync(new ContentQuery { Types = [type], Take = MaxFilterOptions, CountTotal = false });
        return items.Items.Select(i => (i.ContentItemId, i.DisplayText ?? i.ContentItemId)).OrderBy(o => o.Item2, StringComparer.CurrentCulture).ToList();
    }

    private async Task<IReadOnlyList<StoredHit>> RecentAsync(ContentDefinitionDocument document)
    {
        var state = await store.StateAsync();
        var type = document.ContentTypes.Any(t => t.Name == "Story") ? "Story" : null;
        return await store.RecentAsync(state.ActiveGeneration, type, RecentCount);
    }
}

public sealed record SearchForm(string Query, string? Type, string? Category, string? Community, string? Campaign, string? From, string? To)
{
    public bool HasNoFilters => Type is null or "" && Category is null or "" && Community is null or "" && Campaign is null or "";

    /// <summary>Dates from the form (yyyy-MM-dd, as date inputs send them); the end date is included.</summary>
    public static (DateTime? From, DateTime? To, List<(string, string)> Problems) ParseDates(string? from, string? to)
    {
        var problems = new List<(string, string)>();
        DateTime? Parse(string? text, string path)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d))
                return d;
            problems.Add((path, "date"));
            return null;
        }
        var start = Parse(from, "from");
        var end = Parse(to, "to")?.AddDays(1);
        return (start, end, problems);
    }
}

public sealed record SearchPageModel(
    SearchForm Form,
    IReadOnlyList<ContentTypeDefinition> Types,
    SearchResults? Results,
    IReadOnlyList<StoredHit> Recent,
    IReadOnlyList<(string Value, string Text)> Categories,
    IReadOnlyList<(string Value, string Text)> Communities,
    IReadOnlyList<(string Value, string Text)> Campaigns);
