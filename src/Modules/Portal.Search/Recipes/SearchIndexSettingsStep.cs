using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;
using Portal.Core.Recipes;
using Portal.Search.Services;

namespace Portal.Search.Recipes;

/// <summary>
/// <c>{ "name": "SearchIndexSettings", "ContentTypes": { "Story": ["TitlePart", "HtmlBodyPart", "Subtitle"] } }</c>:
/// for each listed type, exactly the named parts and fields (a field by its name, or <c>Part.Field</c>) are indexed
/// for search; the type's published items are then indexed again.
/// </summary>
public sealed class SearchIndexSettingsStep : IRecipeStep
{
    public string Name => "SearchIndexSettings";

    public async Task ExecuteAsync(RecipeStepContext context)
    {
        if (context.Step["ContentTypes"] is not JsonObject types)
        {
            context.Error("ContentTypes must be an object: each type's name with the list of its parts and fields to index.");
            return;
        }
        var wanted = new Dictionary<string, HashSet<string>>();
        foreach (var (typeName, names) in types)
        {
            if (names is not JsonArray array || array.Any(n => JsonValues.Text(n) is null))
                context.Error($"ContentTypes.{typeName} must be a list of part and field names.");
            else
                wanted[typeName] = array.Select(n => JsonValues.Text(n)!).ToHashSet(StringComparer.Ordinal);
        }
        if (context.Errors.Count > 0) return;

        var store = context.Services.GetRequiredService<ContentDefinitionStore>();
        var document = (await store.GetAsync()).Clone();
        foreach (var (typeName, names) in wanted)
        {
            if (document.ContentTypes.FirstOrDefault(t => t.Name == typeName) is not { } type)
                context.Error($"ContentTypes.{typeName}: there is no content type named '{typeName}'.");
            else
                foreach (var unknown in Apply(document, type, names))
                    context.Error($"ContentTypes.{typeName}: the type has no part or field named '{unknown}'.");
        }
        if (context.Errors.Count > 0) return;
        foreach (var error in await store.SaveAsync(document)) context.Error($"{error.Path}: {error.Message}");
        if (context.Errors.Count > 0) return;
        await ReindexAsync(context.Services, wanted.Keys.ToList());
    }

    /// <summary>Sets the flag on the type's parts and fields; returns the names that matched nothing.</summary>
    private static IEnumerable<string> Apply(ContentDefinitionDocument document, ContentTypeDefinition type, HashSet<string> names)
    {
        var matched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var typePart in type.Parts)
        {
            var included = names.Contains(typePart.Name);
            if (included) matched.Add(typePart.Name);
            SearchIndexSettings.SetIncluded(typePart.Settings, included);
            foreach (var field in document.ContentParts.FirstOrDefault(p => p.Name == typePart.PartName)?.Fields ?? [])
            {
                var qualified = $"{typePart.Name}.{field.Name}";
                var fieldIncluded = names.Contains(field.Name) || names.Contains(qualified);
                if (fieldIncluded) matched.UnionWith([field.Name, qualified]);
                SearchIndexSettings.SetIncluded(field.Settings, fieldIncluded);
            }
        }
        return names.Where(n => !matched.Contains(n));
    }

    private static async Task ReindexAsync(IServiceProvider services, IReadOnlyList<string> typeNames)
    {
        var content = services.GetRequiredService<ContentManager>();
        var indexer = services.GetRequiredService<SearchIndexer>();
        var ids = await content.Records.Where(r => r.Published && typeNames.Contains(r.ContentType)).Select(r => r.ContentItemId).ToListAsync();
        foreach (var chunk in ids.Chunk(200)) await indexer.IndexAsync(await content.GetManyAsync(chunk), null);
    }
}
