using System.Text;
using System.Text.Json.Nodes;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;
using Portal.GraphQL.Engine;
using Portal.GraphQL.Engine.Execution;
using Portal.GraphQL.Engine.Types;
using GraphSchema = Portal.GraphQL.Engine.Types.Schema;

namespace Portal.GraphQL.Schema;

/// <summary>
/// Builds the content schema in Orchard Core's shape from the content definitions: per type a camelCase list
/// field and a connection (total count, cursors), parts as objects, the type's own part collapsed onto it,
/// pickers resolved in batches. Sensitive fields are left out of the schema altogether.
/// </summary>
public sealed class ContentSchemaBuilder
{
    private readonly ContentDefinitionDocument definitions;
    private readonly Dictionary<string, ObjectType> itemTypes = [];
    private readonly Dictionary<string, NamedType> shared = [];
    private readonly ContentFilters filters;

    private ContentSchemaBuilder(ContentDefinitionDocument definitions)
    {
        this.definitions = definitions;
        filters = new ContentFilters(definitions);
    }

    // One per schema: its type resolver knows this schema's object types.
    private readonly InterfaceType ContentItemInterface = BuildInterface();
    private static readonly EnumType StatusEnum = new("Status", ["PUBLISHED", "DRAFT", "LATEST", "ALL"], "Which versions to read; anything but PUBLISHED needs a client granted drafts.");
    private static readonly ObjectType PageInfoType = BuildPageInfo();

    /// <summary>The content type each root list field reads, for scope checks.</summary>
    private readonly Dictionary<string, string> rootFields = [];

    public static ContentSchema Build(ContentDefinitionDocument definitions, IReadOnlyList<IContentMutation> mutations)
    {
        var builder = new ContentSchemaBuilder(definitions);
        return new ContentSchema(builder.BuildSchema(mutations), builder.rootFields, mutations.Select(m => m.Name).ToHashSet());
    }

    private GraphSchema BuildSchema(IReadOnlyList<IContentMutation> mutations)
    {
        var types = definitions.ContentTypes.Where(t => t.TypeSettings.Listable && GraphQLNames.IsValid(GraphQLNames.Type(t.Name))).ToList();
        foreach (var type in types) itemTypes[type.Name] = new ObjectType(GraphQLNames.Type(type.Name), type.DisplayName) { IsTypeOf = v => v is ContentItem i && i.ContentType == type.Name }.Implements(ContentItemInterface);
        foreach (var type in types) AddFields(type, itemTypes[type.Name]);
        ContentItemInterface.ResolveType = (value, _) => value is ContentItem item ? itemTypes.GetValueOrDefault(item.ContentType) : null;

        var query = new ObjectType("Query");
        query.FieldAsync("contentItem", ContentItemInterface, ResolveItemAsync, "One item by its id, of any type the caller may read.")
            .Arg("contentItemId", Scalars.ID.NonNull());
        foreach (var type in types) AddListFields(query, type);
        SearchField.Add(query, ContentItemInterface, PageInfoType);
        ObjectType? mutation = null;
        if (mutations.Count > 0)
        {
            mutation = new ObjectType("Mutation", "What API clients granted the scope of the same name may do.");
            foreach (var contributed in mutations) contributed.AddTo(mutation);
        }
        return new GraphSchema(query, mutation, extraTypes: itemTypes.Values, description: "Portal content");
    }

    private static InterfaceType BuildInterface()
    {
        var item = new InterfaceType("ContentItem", "A content item: the fields every type has.");
        AddItemFields(item);
        return item;
    }

    private static void AddItemFields(ComplexType type)
    {
        type.Field("contentItemId", Scalars.ID.NonNull(), c => Item(c).ContentItemId);
        type.Field("contentItemVersionId", Scalars.ID.NonNull(), c => Item(c).ContentItemVersionId);
        type.Field("contentType", Scalars.String.NonNull(), c => Item(c).ContentType);
        type.Field("displayText", Scalars.String, c => Item(c).DisplayText);
        type.Field("published", Scalars.Boolean.NonNull(), c => Item(c).Published);
        type.Field("latest", Scalars.Boolean.NonNull(), c => Item(c).Latest);
        type.Field("createdUtc", Scalars.DateTime, c => Item(c).CreatedUtc);
        type.Field("modifiedUtc", Scalars.DateTime, c => Item(c).ModifiedUtc);
        type.Field("publishedUtc", Scalars.DateTime, c => Item(c).PublishedUtc);
        type.Field("owner", Scalars.String, c => Item(c).Owner);
        type.Field("author", Scalars.String, c => Item(c).Author);
    }

    private static ContentItem Item(ResolveContext c) => (ContentItem)c.Source!;

    private void AddFields(ContentTypeDefinition type, ObjectType objectType)
    {
        AddItemFields(objectType);
        foreach (var typePart in type.OrderedParts())
        {
            var partDefinition = definitions.ContentParts.FirstOrDefault(p => p.Name == typePart.PartName);
            var partName = typePart.Name;
            if (partName == type.Name)
            {
                // The type's own part: its fields sit on the type itself (story { subtitle }).
                foreach (var field in VisibleFields(partDefinition))
                    AddContentField(objectType, field, c => Item(c).Content[partName] as JsonObject);
                continue;
            }
            var fieldName = GraphQLNames.Field(partName);
            if (objectType.GetField(fieldName) is not null || !GraphQLNames.IsValid(fieldName)) continue;
            var partType = PartType(typePart.PartName, partDefinition);
            if (partType.Fields.Count == 0) continue;
            objectType.Field(fieldName, partType, c => Item(c).Content[partName] as JsonObject ?? new JsonObject());
        }
    }

    private static IEnumerable<ContentPartFieldDefinition> VisibleFields(ContentPartDefinition? part) =>
        part?.OrderedFields().Where(f => !ContentFilters.IsSensitive(f) && GraphQLNames.IsValid(GraphQLNames.Field(f.Name))) ?? [];

    /// <summary>The object type of a part, shared by every type that has it: the code part's properties, then its fields.</summary>
    private ObjectType PartType(string partName, ContentPartDefinition? definition)
    {
        var typeName = GraphQLNames.Type(partName);
        if (shared.TryGetValue(typeName, out var existing)) return (ObjectType)existing;
        var type = new ObjectType(typeName);
        shared[typeName] = type;
        foreach (var property in CodePartProperties.GetValueOrDefault(partName) ?? [])
            type.Field(GraphQLNames.Field(property), Scalars.String, c => Text(((JsonObject)c.Source!)[property]));
        foreach (var field in VisibleFields(definition))
            AddContentField(type, field, c => (JsonObject)c.Source!);
        return type;
    }

    private static readonly Dictionary<string, string[]> CodePartProperties = new()
    {
        ["TitlePart"] = ["Title"],
        ["AutoroutePart"] = ["Path"],
        ["HtmlBodyPart"] = ["Html"],
        ["MarkdownBodyPart"] = ["Markdown"],
    };

    private void AddContentField(ComplexType owner, ContentPartFieldDefinition field, Func<ResolveContext, JsonObject?> part)
    {
        var name = GraphQLNames.Field(field.Name);
        if (owner.GetField(name) is not null) return;
        JsonObject? Value(ResolveContext c) => part(c)?[field.Name] as JsonObject;
        var description = field.DisplayName;
        switch (field.FieldName)
        {
            case "TextField": owner.Field(name, Scalars.String, c => Text(Value(c)?["Text"]), description); break;
            case "HtmlField": owner.Field(name, Scalars.String, c => Text(Value(c)?["Html"]), description); break;
            case "MarkdownField": owner.Field(name, Scalars.String, c => Text(Value(c)?["Markdown"]), description); break;
            case "NumericField": owner.Field(name, Scalars.Float, c => Number(Value(c)?["Value"]), description); break;
            case "BooleanField": owner.Field(name, Scalars.Boolean, c => Value(c)?["Value"] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null, description); break;
            case "DateField" or "DateTimeField": owner.Field(name, Scalars.String, c => Text(Value(c)?["Value"]), description); break;
            case "EnumerationField" when field.KindSettings.Multiple:
                owner.Field(name, Scalars.String.NonNull().List(), c => Strings(Value(c)?["Values"]), description);
                break;
            case "EnumerationField": owner.Field(name, Scalars.String, c => Text(Value(c)?["Value"]), description); break;
            case "ContentPickerField": owner.Field(name, PickerType(), c => Value(c) ?? new JsonObject(), description); break;
            case "MediaField": owner.Field(name, MediaType(), c => Value(c) ?? new JsonObject(), description); break;
            case "UserPickerField": owner.Field(name, ListHolder("UserPickerField", "userIds", "UserIds"), c => Value(c) ?? new JsonObject(), description); break;
        }
    }

    private ObjectType PickerType() => Shared("ContentPickerField", () =>
    {
        var type = new ObjectType("ContentPickerField", "Items chosen in a content picker; items of types the caller may not read are left out.");
        type.Field("contentItemIds", Scalars.ID.NonNull().List().NonNull(), c => Strings(((JsonObject)c.Source!)["ContentItemIds"]));
        type.Field("contentItems", ContentItemInterface.NonNull().List().NonNull(), c => ContentLoader.Items(c, Strings(((JsonObject)c.Source!)["ContentItemIds"])));
        return type;
    });

    private ObjectType MediaType() => Shared("MediaField", () =>
    {
        var type = new ObjectType("MediaField");
        type.Field("paths", Scalars.String.NonNull().List().NonNull(), c => Strings(((JsonObject)c.Source!)["Paths"]));
        type.Field("mediaTexts", Scalars.String.NonNull().List().NonNull(), c => Strings(((JsonObject)c.Source!)["MediaTexts"]));
        return type;
    });

    private ObjectType ListHolder(string typeName, string fieldName, string property) => Shared(typeName, () =>
    {
        var type = new ObjectType(typeName);
        type.Field(fieldName, Scalars.ID.NonNull().List().NonNull(), c => Strings(((JsonObject)c.Source!)[property]));
        return type;
    });

    private ObjectType Shared(string name, Func<ObjectType> create)
    {
        if (!shared.TryGetValue(name, out var type)) shared[name] = type = create();
        return (ObjectType)type;
    }

    private void AddListFields(ObjectType query, ContentTypeDefinition type)
    {
        var objectType = itemTypes[type.Name];
        var fieldName = GraphQLNames.Field(type.Name);
        rootFields[fieldName] = rootFields[fieldName + "Connection"] = type.Name;
        var where = filters.WhereInput(type);
        var orderBy = filters.OrderByInput(type);
        query.FieldAsync(fieldName, objectType.NonNull().List().NonNull(), async c => (await ContentLoader.PageAsync(c, type.Name, filters, countTotal: false)).Items,
                $"{type.DisplayName}: a page of items (Orchard Core's shape).")
            .Arg(new InputValue("status", StatusEnum).WithDefault("PUBLISHED"))
            .Arg("first", Scalars.Int, "How many items (at most the page size limit).")
            .Arg(new InputValue("skip", Scalars.Int).WithDefault(0))
            .Arg("orderBy", orderBy)
            .Arg("where", where);

        var edge = new ObjectType(objectType.Name + "Edge");
        edge.Field("cursor", Scalars.String.NonNull(), c => ((ContentEdge)c.Source!).Cursor);
        edge.Field("node", objectType.NonNull(), c => ((ContentEdge)c.Source!).Node);
        var connection = new ObjectType(objectType.Name + "Connection");
        connection.Field("totalCount", Scalars.Int.NonNull(), c => ((ContentConnection)c.Source!).TotalCount);
        connection.Field("pageInfo", PageInfoType.NonNull(), c => c.Source);
        connection.Field("edges", edge.NonNull().List().NonNull(), c => ((ContentConnection)c.Source!).Edges);
        connection.Field("nodes", objectType.NonNull().List().NonNull(), c => ((ContentConnection)c.Source!).Edges.Select(e => e.Node).ToList());
        query.FieldAsync(fieldName + "Connection", connection.NonNull(), c => ContentLoader.ConnectionAsync(c, type.Name, filters),
                $"{type.DisplayName}: a page with the total count and cursors.")
            .Arg(new InputValue("status", StatusEnum).WithDefault("PUBLISHED"))
            .Arg("first", Scalars.Int)
            .Arg("after", Scalars.String, "The cursor of the last item of the previous page.")
            .Arg("orderBy", orderBy)
            .Arg("where", where);
    }

    private static ObjectType BuildPageInfo()
    {
        var type = new ObjectType("PageInfo");
        type.Field("hasNextPage", Scalars.Boolean.NonNull(), c => ((IPageInfo)c.Source!).HasNextPage);
        type.Field("hasPreviousPage", Scalars.Boolean.NonNull(), c => ((IPageInfo)c.Source!).Skip > 0);
        type.Field("startCursor", Scalars.String, c => ((IPageInfo)c.Source!).StartCursor);
        type.Field("endCursor", Scalars.String, c => ((IPageInfo)c.Source!).EndCursor);
        return type;
    }

    private static async ValueTask<object?> ResolveItemAsync(ResolveContext c)
    {
        var request = ContentRequest.Of(c);
        var item = await request.Content.GetAsync(c.Argument<string>("contentItemId")!);
        return item is not null && request.Access.CanRead(item.ContentType) ? item : null;
    }

    internal static string? Text(JsonNode? node) => node is JsonValue v ? v.ToString() : null;

    private static double? Number(JsonNode? node) => node is JsonValue v && double.TryParse(v.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : null;

    internal static List<string> Strings(JsonNode? node) =>
        node is JsonArray array ? [.. array.OfType<JsonValue>().Select(v => v.ToString())] : [];
}

/// <summary>GraphQL names for content names: types keep their name, fields and list fields are camelCase.</summary>
public static class GraphQLNames
{
    public static string Type(string name) => Clean(name);

    public static string Field(string name)
    {
        var clean = Clean(name);
        return clean.Length == 0 ? clean : char.ToLowerInvariant(clean[0]) + clean[1..];
    }

    public static bool IsValid(string name) =>
        name.Length > 0 && !name.StartsWith("__", StringComparison.Ordinal) && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static string Clean(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name) if (char.IsAsciiLetterOrDigit(c) || c == '_') sb.Append(c);
        return sb.ToString();
    }
}
