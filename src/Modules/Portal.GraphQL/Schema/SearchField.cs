using Portal.Core.Content;
using Portal.GraphQL.Services;
using Portal.GraphQL.Engine;
using Portal.GraphQL.Engine.Execution;
using Portal.GraphQL.Engine.Types;
using Portal.Search.Services;

namespace Portal.GraphQL.Schema;

public sealed record SearchEdge(string Cursor, SearchHit Hit);

public sealed record SearchConnection(int TotalCount, bool TotalCountIsEstimate, int Skip, IReadOnlyList<SearchEdge> Edges, bool HasNextPage) : IPageInfo
{
    public string? StartCursor => Edges.FirstOrDefault()?.Cursor;
    public string? EndCursor => Edges.LastOrDefault()?.Cursor;
}

/// <summary>
/// The <c>search</c> root field: full-text search (the search module's service, ranked, Chinese-aware) over the types the
/// caller may read. A type outside the caller's scopes is refused; without a type, only readable types are searched.
/// </summary>
internal static class SearchField
{
    public const string Name = "search";

    /// <summary>Why this caller may not search with these arguments, or null (checked before execution, see <see cref="ContentSchema.Refusal"/>).</summary>
    public static string? Refusal(GraphQLAccess access, IReadOnlyDictionary<string, object?> arguments)
    {
        if (access.ReadableTypes.Count == 0)
            return access.IsAnonymous ? "Searching needs an API client: send Authorization: Bearer <secret>." : "This client is granted no content type to search.";
        return AskedTypes(arguments)?.FirstOrDefault(t => !access.CanRead(t)) is { } denied ? access.Refusal(denied) : null;
    }

    private static List<string>? AskedTypes(IReadOnlyDictionary<string, object?> arguments) =>
        (arguments.GetValueOrDefault("type") as IEnumerable<object?>)?.OfType<string>().ToList();

    public static void Add(ObjectType query, InterfaceType contentItem, ObjectType pageInfo)
    {
        var hit = new ObjectType("SearchHit", "One result: the item, its title and a snippet with the matches marked, and its rank.");
        hit.Field("item", contentItem, c => ContentLoader.Item(c, Hit(c).ContentItemId),
            "The item found (its published version).");
        hit.Field("contentItemId", Scalars.ID.NonNull(), c => Hit(c).ContentItemId);
        hit.Field("contentType", Scalars.String.NonNull(), c => Hit(c).ContentType);
        hit.Field("title", Scalars.String.NonNull(), c => Hit(c).TitleHtml, "The title as HTML: encoded, the matches in <mark>.");
        hit.Field("snippet", Scalars.String.NonNull(), c => Hit(c).SnippetHtml, "About 160 characters around the first match, as HTML: encoded, the matches in <mark>.");
        hit.Field("rank", Scalars.Float.NonNull(), c => Hit(c).Score, "Higher is better; title matches weigh ten times body matches.");
        hit.Field("publishedUtc", Scalars.DateTime, c => Hit(c).PublishedUtc);

        var edge = new ObjectType("SearchHitEdge");
        edge.Field("cursor", Scalars.String.NonNull(), c => ((SearchEdge)c.Source!).Cursor);
        edge.Field("node", hit.NonNull(), c => ((SearchEdge)c.Source!).Hit);
        var connection = new ObjectType("SearchConnection");
        connection.Field("totalCount", Scalars.Int.NonNull(), c => ((SearchConnection)c.Source!).TotalCount,
            $"How many match; an estimate when totalCountIsEstimate, and then only the newest {SearchStore.RankedCandidates} are ranked and paged.");
        connection.Field("totalCountIsEstimate", Scalars.Boolean.NonNull(), c => ((SearchConnection)c.Source!).TotalCountIsEstimate);
        connection.Field("pageInfo", pageInfo.NonNull(), c => c.Source);
        connection.Field("edges", edge.NonNull().List().NonNull(), c => ((SearchConnection)c.Source!).Edges);
        connection.Field("nodes", hit.NonNull().List().NonNull(), c => ((SearchConnection)c.Source!).Edges.Select(e => e.Hit).ToList());

        query.FieldAsync(Name, connection.NonNull(), SearchAsync, "Full-text search over published items of the types the caller may read, best first.")
            .Arg("query", Scalars.String, "Words to find: each word or Chinese run must match; text in quotes is one phrase. Traditional and Simplified Chinese find each other.")
            .Arg("type", Scalars.String.NonNull().List(), "Only these content types (each must be readable by the caller).")
            .Arg("category", Scalars.String, "The value of the items' Category field.")
            .Arg("community", Scalars.ID, "The id of a Community the items belong to.")
            .Arg("campaign", Scalars.ID, "The id of a Campaign the items belong to.")
            .Arg("from", Scalars.DateTime, "Published at or after.")
            .Arg("to", Scalars.DateTime, "Published before.")
            .Arg("first", Scalars.Int, $"How many results (at most {SearchRequest.MaxPageSize}).")
            .Arg("after", Scalars.String, "The cursor of the last result of the previous page.");
    }

    private static SearchHit Hit(ResolveContext c) => (SearchHit)c.Source!;

    /// <summary>The argument a problem of the search service is about (the service names the public page's parameters).</summary>
    private static string Argument(string path) => path == "q" ? "query" : path;

    private static async ValueTask<object?> SearchAsync(ResolveContext c)
    {
        var request = ContentRequest.Of(c);
        var first = ContentLoader.First(c, Math.Min(SearchRequest.MaxPageSize, request.Options.MaxPageSize));
        var skip = c.Argument<string>("after") is { } after ? ContentLoader.DecodeCursor(after) + 1 : 0;
        var asked = AskedTypes(c.Arguments);
        var results = await request.Search.SearchAsync(new SearchRequest(c.Argument<string>("query"), asked, c.Argument<string>("category"),
            c.Argument<string>("community"), c.Argument<string>("campaign"), c.Argument<DateTime?>("from"), c.Argument<DateTime?>("to"),
            PageSize: Math.Max(first, 1), Skip: skip, Readable: request.Access.ReadableTypes));
        if (!results.Succeeded) throw new GraphQLFieldException(string.Join(" ", results.Problems.Select(p => p.Message)),
            new Dictionary<string, object?> { ["code"] = "BAD_USER_INPUT", ["argument"] = Argument(results.Problems[0].Path) });
        var hits = results.Hits.Take(first).ToList();
        var edges = hits.Select((h, i) => new SearchEdge(ContentLoader.EncodeCursor(skip + i), h)).ToList();
        return new SearchConnection(results.Total, results.TotalIsEstimate, skip, edges, skip + edges.Count < results.Reachable);
    }
}
