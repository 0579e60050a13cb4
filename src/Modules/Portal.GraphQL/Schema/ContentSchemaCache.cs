using System.Runtime.CompilerServices;
using Portal.Core.Content.Definitions;
using GraphSchema = Portal.GraphQL.Engine.Types.Schema;

namespace Portal.GraphQL.Schema;

/// <summary>A built schema and, for each root list field, the content type it reads.</summary>
public sealed record ContentSchema(GraphSchema Schema, IReadOnlyDictionary<string, string> RootFieldTypes)
{
    public IReadOnlyCollection<string> ContentTypes => [.. RootFieldTypes.Values.Distinct()];
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
