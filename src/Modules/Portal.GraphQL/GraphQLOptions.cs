namespace Portal.GraphQL;

/// <summary><c>Portal:GraphQL</c>: what anonymous callers may read and the limits every request must keep.</summary>
public sealed class GraphQLOptions
{
    /// <summary>Content types anyone may read (published items only), without a client secret.</summary>
    public List<string> PublicTypes { get; set; } = [];
    public int DefaultPageSize { get; set; } = 20;
    public int MaxPageSize { get; set; } = 100;
    public int MaxQueryLength { get; set; } = 20_000;
    public int MaxDepth { get; set; } = 10;
    public int MaxComplexity { get; set; } = 20_000;
    /// <summary>The size complexity assumes for a list without <c>first</c> (picked items).</summary>
    public int AssumedListSize { get; set; } = 5;
    public int TimeoutMilliseconds { get; set; } = 5_000;
    /// <summary>Largest request body read, in bytes; more is refused with 413 before parsing.</summary>
    public int MaxRequestBytes { get; set; } = 256 * 1024;
}
