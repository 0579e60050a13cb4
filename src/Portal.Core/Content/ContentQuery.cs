using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Content;

public enum ContentStatus { Published, Draft, Latest, All }

public enum FieldOperator { Equals, NotEquals, Contains, StartsWith, GreaterThan, GreaterOrEqual, LessThan, LessOrEqual, In, EndsWith }

/// <summary>A filter on one field of the generic index: <c>Story.Subtitle contains "灯"</c>.</summary>
public sealed record FieldFilter(string PartName, string FieldName, FieldOperator Operator, object? Value);

/// <summary>Order by a record column (<c>CreatedUtc</c>, <c>ModifiedUtc</c>, <c>PublishedUtc</c>, <c>DisplayText</c>) or by a field (<c>Part.Field</c>).</summary>
public sealed record ContentOrder(string By, bool Descending = true);

public sealed record ContentQuery
{
    public const int MaxTake = 1000;

    public IReadOnlyList<string> Types { get; init; } = [];
    public ContentStatus Status { get; init; } = ContentStatus.Published;
    public string? Owner { get; init; }
    public string? DisplayTextContains { get; init; }

    /// <summary>Items a full-text search found for <see cref="DisplayTextContains"/>: they match as well as those whose display text contains it.</summary>
    public IReadOnlyList<string> TextMatchIds { get; init; } = [];
    public DateTime? CreatedFrom { get; init; }
    public DateTime? CreatedTo { get; init; }
    public DateTime? ModifiedFrom { get; init; }
    public DateTime? ModifiedTo { get; init; }
    public DateTime? PublishedFrom { get; init; }
    public DateTime? PublishedTo { get; init; }
    public IReadOnlyList<FieldFilter> Fields { get; init; } = [];
    /// <summary>A filter tree (and / or / not), applied together with <see cref="Fields"/>.</summary>
    public ContentCondition? Where { get; init; }
    public ContentOrder Order { get; init; } = new("ModifiedUtc");
    public int Skip { get; init; }
    public int Take { get; init; } = 20;
    public bool CountTotal { get; init; } = true;
}

/// <summary>Turns a <see cref="ContentQuery"/> into SQL over the record table and the field index.</summary>
internal sealed class ContentQueryTranslator(PortalDbContext db)
{
    /// <param name="forPage">
    /// Field filters as correlated EXISTS, for the page: the database then walks the list index in order and stops
    /// after one page. The count keeps IN, which starts from the field index's few matching rows instead of
    /// testing every item of the type. Both give the same rows.
    /// </param>
    public IQueryable<ContentItemRecord> Apply(ContentQuery query, bool forPage = false)
    {
        var records = db.Set<ContentItemRecord>().AsNoTracking();
        records = query.Status switch
        {
            ContentStatus.Published => records.Where(r => r.Published),
            ContentStatus.Draft => records.Where(r => r.Latest && !r.Published),
            ContentStatus.Latest => records.Where(r => r.Latest),
            _ => records.Where(r => r.Latest || r.Published),
        };
        if (query.Types.Count == 1)
        {
            var type = query.Types[0];
            records = records.Where(r => r.ContentType == type);
        }
        else if (query.Types.Count > 1)
        {
            var types = query.Types.ToList();
            records = records.Where(r => types.Contains(r.ContentType));
        }
        if (query.Owner is { } owner) records = records.Where(r => r.Owner == owner);
        if (!string.IsNullOrWhiteSpace(query.DisplayTextContains))
        {
            var text = query.DisplayTextContains.Trim().ToLower();
            var ids = query.TextMatchIds.ToList();
            records = ids.Count == 0
                ? records.Where(r => r.DisplayText.ToLower().Contains(text))
                : records.Where(r => r.DisplayText.ToLower().Contains(text) || ids.Contains(r.ContentItemId));
        }
        if (query.CreatedFrom is { } cf) records = records.Where(r => r.CreatedUtc >= cf);
        if (query.CreatedTo is { } ct) records = records.Where(r => r.CreatedUtc < ct);
        if (query.ModifiedFrom is { } mf) records = records.Where(r => r.ModifiedUtc >= mf);
        if (query.ModifiedTo is { } mt) records = records.Where(r => r.ModifiedUtc < mt);
        if (query.PublishedFrom is { } pf) records = records.Where(r => r.PublishedUtc >= pf);
        if (query.PublishedTo is { } pt) records = records.Where(r => r.PublishedUtc < pt);
        if (query.Where is { } where) records = records.Where(new ContentConditionTranslator(Matching).Translate(where));
        foreach (var filter in query.Fields)
        {
            var rows = Matching(filter);
            var negate = filter.Operator == FieldOperator.NotEquals;
            if (forPage)
            {
                records = negate
                    ? records.Where(r => !rows.Any(f => f.DocumentId == r.Id))
                    : records.Where(r => rows.Any(f => f.DocumentId == r.Id));
            }
            else
            {
                var matching = rows.Select(f => f.DocumentId);
                records = negate ? records.Where(r => !matching.Contains(r.Id)) : records.Where(r => matching.Contains(r.Id));
            }
        }
        return records;
    }

    /// <summary>
    /// The total of a query. A query that filters only by type, status and one field is counted from the field
    /// index alone (its rows carry the version's flags): on a large site that stays inside one partial index
    /// instead of reading every matching item.
    /// </summary>
    public Task<int> CountAsync(ContentQuery query) =>
        OnlyFieldFilter(query) is { } filter
            // A multi-valued field (a picker) has one row per value: count each item once.
            ? IndexRows(query, filter).Select(f => f.DocumentId).Distinct().CountAsync()
            : Apply(query).CountAsync();

    /// <summary>Items held by at most this many field index rows are paged from those rows rather than by walking the list index.</summary>
    public const int FewMatches = 1000;

    /// <summary>
    /// The records of a page. When the query's one field filter matches few items (a small campaign among 100,000
    /// stories), walking the list index newest first would read nearly every item of the type before it found a page;
    /// those items are then looked up from the field index's rows instead and sorted, which costs the same whatever
    /// the site's size. Many matches keep the walk, which finds a page after a few rows.
    /// </summary>
    public async Task<IQueryable<ContentItemRecord>> PageAsync(ContentQuery query)
    {
        if (OnlyFieldFilter(query) is not { } filter
            || await IndexRows(query, filter).Take(FewMatches + 1).CountAsync() > FewMatches)
            return Order(Apply(query, forPage: true), query);
        var ids = IndexRows(query, filter).Select(f => f.DocumentId);
        // Without the type (the rows already carry it) the database has no index to walk in order and looks the few items up by key.
        return Order(Apply(query with { Types = [], Fields = [] }).Where(r => ids.Contains(r.Id)), query);
    }

    private static FieldFilter? OnlyFieldFilter(ContentQuery query) =>
        query is { Where: null, Owner: null, CreatedFrom: null, CreatedTo: null, ModifiedFrom: null, ModifiedTo: null, PublishedFrom: null, PublishedTo: null, Fields: [{ Operator: not FieldOperator.NotEquals } filter] }
        && string.IsNullOrWhiteSpace(query.DisplayTextContains)
            ? filter
            : null;

    /// <summary>The field index rows of the filter's matches with the query's status and types.</summary>
    private IQueryable<ContentFieldIndexRecord> IndexRows(ContentQuery query, FieldFilter filter)
    {
        var rows = Matching(filter);
        rows = query.Status switch
        {
            ContentStatus.Published => rows.Where(f => f.Published),
            ContentStatus.Draft => rows.Where(f => f.Latest && !f.Published),
            ContentStatus.Latest => rows.Where(f => f.Latest),
            _ => rows,
        };
        if (query.Types.Count > 0)
        {
            var types = query.Types.ToList();
            rows = rows.Where(f => types.Contains(f.ContentType));
        }
        return rows;
    }

    public IQueryable<ContentItemRecord> Order(IQueryable<ContentItemRecord> records, ContentQuery query)
    {
        var desc = query.Order.Descending;
        switch (query.Order.By)
        {
            case "CreatedUtc": return desc ? records.OrderByDescending(r => r.CreatedUtc).ThenByDescending(r => r.Id) : records.OrderBy(r => r.CreatedUtc).ThenBy(r => r.Id);
            case "PublishedUtc": return desc ? records.OrderByDescending(r => r.PublishedUtc).ThenByDescending(r => r.Id) : records.OrderBy(r => r.PublishedUtc).ThenBy(r => r.Id);
            case "DisplayText": return desc ? records.OrderByDescending(r => r.DisplayText).ThenByDescending(r => r.Id) : records.OrderBy(r => r.DisplayText).ThenBy(r => r.Id);
            case "ModifiedUtc": return desc ? records.OrderByDescending(r => r.ModifiedUtc).ThenByDescending(r => r.Id) : records.OrderBy(r => r.ModifiedUtc).ThenBy(r => r.Id);
        }
        var dot = query.Order.By.IndexOf('.');
        if (dot <= 0) throw new ArgumentException($"Cannot order by '{query.Order.By}'.");
        var part = query.Order.By[..dot];
        var field = query.Order.By[(dot + 1)..];
        var index = db.Set<ContentFieldIndexRecord>();
        // Items without a value sort last either way: the key pairs "has no value" with the value.
        var keyed = records.Select(r => new
        {
            Record = r,
            Value = index.Where(f => f.DocumentId == r.Id && f.PartName == part && f.FieldName == field).OrderBy(f => f.Id).FirstOrDefault(),
        });
        var ordered = desc
            ? keyed.OrderBy(x => x.Value == null).ThenByDescending(x => x.Value!.NumericValue).ThenByDescending(x => x.Value!.DateValue).ThenByDescending(x => x.Value!.TextValue).ThenByDescending(x => x.Record.Id)
            : keyed.OrderBy(x => x.Value == null).ThenBy(x => x.Value!.NumericValue).ThenBy(x => x.Value!.DateValue).ThenBy(x => x.Value!.TextValue).ThenBy(x => x.Record.Id);
        return ordered.Select(x => x.Record);
    }

    private IQueryable<ContentFieldIndexRecord> Matching(FieldFilter filter)
    {
        var rows = db.Set<ContentFieldIndexRecord>().Where(f => f.PartName == filter.PartName && f.FieldName == filter.FieldName);
        var value = filter.Value;
        return (filter.Operator, value) switch
        {
            (FieldOperator.Equals or FieldOperator.NotEquals, string s) => rows.Where(f => f.TextValue == s),
            (FieldOperator.Equals or FieldOperator.NotEquals, bool b) => rows.Where(f => f.BooleanValue == b),
            (FieldOperator.Equals or FieldOperator.NotEquals, DateTime d) => rows.Where(f => f.DateValue == d),
            (FieldOperator.Equals or FieldOperator.NotEquals, _) when Number(value) is { } n => rows.Where(f => f.NumericValue == n),
            // "TextValue != null" lets the database use the value indexes, which leave out rows without a text.
            (FieldOperator.Contains, string s) => rows.Where(f => f.TextValue != null && f.TextValue.Contains(s)),
            (FieldOperator.StartsWith, string s) => rows.Where(f => f.TextValue != null && f.TextValue.StartsWith(s)),
            (FieldOperator.EndsWith, string s) => rows.Where(f => f.TextValue != null && f.TextValue.EndsWith(s)),
            (FieldOperator.In, IEnumerable<string> list) => InList(rows, list.ToList()),
            (FieldOperator.In, IEnumerable<double> list) => NumberList(rows, list.ToList()),
            (FieldOperator.GreaterThan, DateTime d) => rows.Where(f => f.DateValue > d),
            (FieldOperator.GreaterOrEqual, DateTime d) => rows.Where(f => f.DateValue >= d),
            (FieldOperator.LessThan, DateTime d) => rows.Where(f => f.DateValue < d),
            (FieldOperator.LessOrEqual, DateTime d) => rows.Where(f => f.DateValue <= d),
            (FieldOperator.GreaterThan, _) when Number(value) is { } n => rows.Where(f => f.NumericValue > n),
            (FieldOperator.GreaterOrEqual, _) when Number(value) is { } n => rows.Where(f => f.NumericValue >= n),
            (FieldOperator.LessThan, _) when Number(value) is { } n => rows.Where(f => f.NumericValue < n),
            (FieldOperator.LessOrEqual, _) when Number(value) is { } n => rows.Where(f => f.NumericValue <= n),
            _ => throw new ArgumentException($"The filter {filter.Operator} does not apply to the value '{value}' of {filter.PartName}.{filter.FieldName}."),
        };
    }

    private static IQueryable<ContentFieldIndexRecord> InList(IQueryable<ContentFieldIndexRecord> rows, List<string> values) =>
        rows.Where(f => f.TextValue != null && values.Contains(f.TextValue));

    private static IQueryable<ContentFieldIndexRecord> NumberList(IQueryable<ContentFieldIndexRecord> rows, List<double> values) =>
        rows.Where(f => f.NumericValue != null && values.Contains(f.NumericValue.Value));

    private static double? Number(object? value) => value switch
    {
        double d => d,
        int i => i,
        long l => l,
        decimal m => (double)m,
        float f => f,
        _ => null,
    };
}
