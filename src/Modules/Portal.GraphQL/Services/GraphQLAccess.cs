namespace Portal.GraphQL.Services;

/// <summary>What the caller of one request may do: read these types, see drafts, submit wishes.</summary>
public sealed record GraphQLAccess(IReadOnlySet<string> ReadableTypes, bool Drafts, bool SubmitWish, string? ClientName = null)
{
    public bool IsAnonymous => ClientName is null && !Drafts;
    public bool CanRead(string contentType) => ReadableTypes.Contains(contentType);

    /// <summary>Why reading a type this caller may not read is refused.</summary>
    public string Refusal(string contentType) => IsAnonymous
        ? $"Reading {contentType} needs an API client: send Authorization: Bearer <secret>."
        : $"This client is not granted the scope \"{contentType}\".";
}
