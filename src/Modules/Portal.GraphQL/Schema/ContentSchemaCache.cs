using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Portal.Core.Content.Definitions;
using Portal.GraphQL.Services;
using GraphSchema = Portal.GraphQL.Engine.Types.Schema;

namespace Portal.GraphQL.Schema;

/// <summary>A built schema, for each root list field the content type it reads, and the mutations it holds.</summary>
public sealed record ContentSchema(GraphSchema Schema, IReadOnlyDictionary<string, string> RootFieldTypes, IReadOnlySet<string> Mutations)
{
    public IReadOnlyCollection<string> ContentTypes => [.. RootFieldTypes.Values.Distinct()];

    /// <summary>
    /// Why the caller may not run this root field, or null: a list field needs its type, <c>search</c> every type it asks
    /// for (some readable type when it asks none), a mutation its scope. The endpoint answers a refusal 401 to anonymous
    /// callers, 403 to others.
    /// </summary>
    public string? Refusal(GraphQLAccess access, string field, IReadOnlyDictionary<string, object?> arguments) =>
        Mutations.Contains(field) ? (access.CanCall(field) ? null : access.MutationRefusal(field))
        : field == SearchField.Name ? SearchField.Refusal(access, arguments)
        : RootFieldTypes.GetValueOrDefault(field) is { } type && !access.CanRead(type) ? access.Refusal(type)
        : null;
}

/// <summary>
/// The schemas of one definitions document: <see cref="Full"/> holds every mutation modules add, and each caller is
/// served the variant holding only the mutations it is granted, so a read-only partner's introspection shows no
/// mutation and no input that asks for personal data.
/// </summary>
public sealed class ContentSchemas(ContentDefinitionDocument definitions, IReadOnlyList<IContentMutation> mutations)
{
    private readonly ConcurrentDictionary<string, ContentSchema> variants = [];

    public ContentSchema Full { get; } = ContentSchemaBuilder.Build(definitions, mutations);

    public IReadOnlyCollection<string> ContentTypes => Full.ContentTypes;

    public ContentSchema For(GraphQLAccess access)
    {
        var granted = mutations.Where(m => access.CanCall(m.Name)).ToList();
        if (granted.Count == mutations.Count) return Full;
        return variants.GetOrAdd(string.Join(',', granted.Select(m => m.Name)), _ => ContentSchemaBuilder.Build(definitions, granted));
    }
}

/// <summary>
/// The content schemas of the current definitions. The definitions store hands out one document per serial, so the
/// schemas are rebuilt exactly when an administrator (or a recipe) changes a type.
/// </summary>
public sealed class ContentSchemaCache(IEnumerable<IContentMutation> mutations)
{
    private readonly ConditionalWeakTable<ContentDefinitionDocument, ContentSchemas> schemas = [];
    private readonly IReadOnlyList<IContentMutation> mutations = [.. mutations];

    public async Task<ContentSchemas> GetAsync(ContentDefinitionStore store)
    {
        var document = await store.GetAsync();
        return schemas.GetValue(document, d => new ContentSchemas(d, mutations));
    }
}
