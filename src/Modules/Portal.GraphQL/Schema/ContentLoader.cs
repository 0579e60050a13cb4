using System.Text;
using Portal.Core.Content;
using Portal.GraphQL.Engine;
using Portal.GraphQL.Engine.Execution;

namespace Portal.GraphQL.Schema;

public sealed record ContentEdge(string Cursor, ContentItem Node);

public sealed record ContentConnection(int TotalCount, int Skip, IReadOnlyList<ContentEdge> Edges, bool HasNextPage);

/// <summary>Reads pages of items for list fields and loads picked items in one batch per level of the response.</summary>
internal static class ContentLoader
{
    public static async Task<ContentPage> PageAsync(ResolveContext c, string contentType, ContentFilters filters, bool countTotal, int? skipOverride = null, int extra = 0)
    {
        var request = ContentRequest.Of(c);
        var status = Status(c, request);
        var first = c.Argument<int?>("first") ?? request.Options.DefaultPageSize;
        if (first > request.Options.MaxPageSize)
            throw new GraphQLFieldException($"first is {first}, more than the limit maxPageSize of {request.Options.MaxPageSize}.", Limit("maxPageSize"));
        if (first < 0) throw new GraphQLFieldException("first must not be negative.");
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

    public static async ValueTask<object?> ConnectionAsync(ResolveContext c, string contentType, ContentFilters filters)
    {
        var skip = c.Argument<string>("after") is { } after ? DecodeCursor(after) + 1 : 0;
        var wantsTotal = c.FieldNodes.Any(n => n.SelectionSet?.Selections.OfType<Engine.Language.Field>().Any(f => f.Name.Value == "totalCount") != false);
        // One more than asked tells whether there is a next page without a second query.
        var page = await PageAsync(c, contentType, filters, wantsTotal, skip, extra: 1);
        var first = page.Take - 1;
        var items = page.Items.Take(first).ToList();
        var edges = items.Select((item, i) => new ContentEdge(EncodeCursor(skip + i), item)).ToList();
        return new ContentConnection(page.TotalCount, skip, edges, page.Items.Count > first);
    }

    /// <summary>The picked items a caller may read, loaded with every other picker of the same level in one query.</summary>
    public static Deferred Items(ResolveContext c, IReadOnlyList<string> ids)
    {
        var request = ContentRequest.Of(c);
        var loader = c.Loader<string, ContentItem>("items", async (keys, _) =>
            (await request.Content.GetManyAsync(keys)).Where(i => request.Access.CanRead(i.ContentType)).ToDictionary(i => i.ContentItemId));
        return loader.LoadMany(ids);
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

    private static string EncodeCursor(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes("offset:" + offset));

    private static int DecodeCursor(string cursor)
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

    private static Dictionary<string, object?> Limit(string name) => new() { ["code"] = "LIMIT_EXCEEDED", ["limit"] = name };
}
