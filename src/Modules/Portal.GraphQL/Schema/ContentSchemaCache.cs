using System.Runtime.CompilerServices;
using Portal.Core.Content.Definitions;
using Portal.GraphQL.Services;
using GraphSchema = Portal.GraphQL.Engine.Types.Schema;

namespace Portal.GraphQL.Schema;

/// <summary>A built schema and, for each root list field, the content type it reads.</summary>
public sealed record ContentSchema(GraphSchema Schema, IReadOnlyDictionary<string, string> RootFieldTypes)
{
    public IReadOnlyCollection<string> ContentTypes => [.. RootFieldTypes.Values.Distinct()];

    /// <summary>
    /// Why the caller may not run this root field, or null: a list field needs its type, <c>search</c> every type it asks
    /// for (some readable type when it asks none). The endpoint answers a refusal 401 to anonymous callers, 403 to others.
    /// </summary>
    public string? Refusal(GraphQLAccess access, string field, IReadOnlyDictionary<string, object?> arguments) =>
        field == SearchField.Name ? SearchField.Refusal(access, arguments)
        : RootFieldTypes.GetValueOrDefault(field) is { } type && !access.CanRead(type) ? access.Refusal(type)
        : null;
}

/// <summary>
/// The content schema of the current definitions. The definitions store hands out one document per serial, so the
/// schema is rebuilt exactly when an administrator (or a recipe) changes a type.
/// </summary>
public sealed class ContentSchemaCache
{
    private readonly ConditionalWeakTable<ContentDefinitionDocument, ContentSchema> schemas = [];

    public async Task<ContentSchema> GetAsync(ContentDefinitionStore store)
    {
        var document = await store.GetAsync();
        return schemas.GetValue(document, ContentSchemaBuilder.Build);
    }
}
