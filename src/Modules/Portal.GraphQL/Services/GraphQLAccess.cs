namespace Portal.GraphQL.Services;

/// <summary>What the caller of one request may do: read these types, see drafts, call these mutations (e.g. submitWish).</summary>
public sealed record GraphQLAccess(IReadOnlySet<string> ReadableTypes, bool Drafts, IReadOnlySet<string> Mutations, string? ClientName = null)
{
    public bool IsAnonymous => ClientName is null && !Drafts;
    public bool CanRead(string contentType) => ReadableTypes.Contains(contentType);
    public bool CanCall(string mutation) => Mutations.Contains(mutation);

    /// <summary>Why calling a mutation this caller is not granted is refused.</summary>
    public string MutationRefusal(string mutation) => IsAnonymous
        ? $"{mutation} needs an API client: send Authorization: Bearer <secret>."
        : $"This client is not granted the scope \"{mutation}\".";

    /// <summary>Why reading a type this caller may not read is refused.</summary>
    public string Refusal(string contentType) => IsAnonymous
        ? $"Reading {contentType} needs an API client: send Authorization: Bearer <secret>."
        : $"This client is not granted the scope \"{contentType}\".";
}
