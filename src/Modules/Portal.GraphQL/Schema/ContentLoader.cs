using System.Text;
using Portal.Core.Content;
using Portal.GraphQL.Engine;
using Portal.GraphQL.Engine.Execution;
using Portal.GraphQL.Engine.Types;

namespace Portal.GraphQL.Schema;

public sealed record ContentEdge(string Cursor, ContentItem Node);

/// <summary>What a connection's pageInfo reads.</summary>
public interface IPageInfo
{
    int Skip { get; }
    bool HasNextPage { get; }
    string? StartCursor { get; }
    string? EndCursor { get; }
}

public sealed record ContentConnection(int TotalCount, int Skip, IReadOnlyList<ContentEdge> Edges, bool HasNextPage) : IPageInfo
{
    public string? StartCursor => Edges.FirstOrDefault()?.Cursor;
    public string? EndCursor => Edges.LastOrDefault()?.Cursor;
}

/// <summary>Reads pages of items for list fields and loads picked items in one batch per level of the response.</summary>
internal static class ContentLoader
{
    public static async Task<ContentPage> PageAsync(ResolveContext c, string contentType, ContentFilters filters, bool countTotal, int? skipOverride = null, int extra = 0)
    {
        var request = ContentRequest.Of(c);
        var status = Status(c, request);
        var first = First(c, request.Options.MaxPageSize);
        var skip = skipOverride ?? c.Argument<int?>("skip") ?? 0;
        if (skip < 0) throw new GraphQLFieldException("skip must not be negative.");
        var query = new ContentQuery
        {
            Types = [contentType],
            Status = status,
            Where = c.Arguments.GetValueOrDefault("where") is IReadOnlyDictionary<string, object?> where ? filters.Condition(contentType, where) : null,
            Order = filters.Order(contentType, c.Arguments.GetValueOrDefault("orderBy") as IReadOnlyDictionary<string, object?>),
            Skip = skip,
            Take = first + extra,
            CountTotal = countTotal,
        };
        try
        {
            return await request.Content.QueryAsync(query);
        }
        catch (ArgumentException ex)
        {
            throw new GraphQLFieldException(ex.Message);
        }
    }

    /// <summary>The <c>first</c> argument, checked against the page size limit.</summary>
    internal static int First(ResolveContext c, int limit)
    {
        var request = ContentRequest.Of(c);
        var first = c.Argument<int?>("first") ?? Math.Min(request.Options.DefaultPageSize, limit);
        if (first > limit)
            throw new GraphQLFieldException($"first is {first}, more than the limit maxPageSize of {limit}.", Limit("maxPageSize"));
        if (first < 0) throw new GraphQLFieldException("first must not be negative.");
        return first;
    }

    public static async ValueTask<object?> ConnectionAsync(ResolveContext c, string contentType, ContentFilters filters)
    {
        var skip = c.Argument<string>("after") is { } after ? DecodeCursor(after) + 1 : 0;
        // Counting costs a query: only when totalCount is selected (directly, aliased or through fragments).
        var wantsTotal = c.SubFields((ObjectType)c.FieldDefinition.Type.Unwrap()).Any(f => f.Name.Value == "totalCount");
        // One more than asked tells whether there is a next page without a second query.
        var page = await PageAsync(c, contentType, filters, wantsTotal, skip, extra: 1);
        var first = page.Take - 1;
        var items = page.Items.Take(first).ToList();
        var edges = items.Select((item, i) => new ContentEdge(EncodeCursor(skip + i), item)).ToList();
        return new ContentConnection(page.TotalCount, skip, edges, page.Items.Count > first);
    }

    /// <summary>The picked items a caller may read, loaded with every other picker of the same level in one query.</summary>
    public static Deferred Items(ResolveContext c, IReadOnlyList<string> ids) => ItemLoader(c).LoadMany(ids);

    /// <summary>One item the caller may read (null otherwise), loaded with the others of its level in one query.</summary>
    public static Deferred Item(ResolveContext c, string id) => ItemLoader(c).Load(id);

    private static DataLoader<string, ContentItem> ItemLoader(ResolveContext c)
    {
        var request = ContentRequest.Of(c);
        return c.Loader<string, ContentItem>("items", async (keys, _) =>
            (await request.Content.GetManyAsync(keys)).Where(i => request.Access.CanRead(i.ContentType)).ToDictionary(i => i.ContentItemId));
    }

    private static ContentStatus Status(ResolveContext c, ContentRequest request)
    {
        var status = c.Arguments.GetValueOrDefault("status") is string s
            ? Enum.Parse<ContentStatus>(s, ignoreCase: true)
            : ContentStatus.Published;
        if (status != ContentStatus.Published && !request.Access.Drafts)
            throw new GraphQLFieldException($"Reading {status.ToString().ToUpperInvariant()} items needs a client granted drafts.",
                new Dictionary<string, object?> { ["code"] = "FORBIDDEN" });
        return status;
    }

    internal static string EncodeCursor(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes("offset:" + offset));

    internal static int DecodeCursor(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            if (text.StartsWith("offset:", StringComparison.Ordinal) && int.TryParse(text[7..], out var offset) && offset >= 0) return offset;
        }
        catch (FormatException)
        {
        }
        throw new GraphQLFieldException($"The cursor \"{cursor}\" is not one this API gave out.");
    }

    internal static Dictionary<string, object?> Limit(string name) => new() { ["code"] = "LIMIT_EXCEEDED", ["limit"] = name };
}
