using System.Text.Json.Nodes;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;
using Portal.GraphQL.Engine;
using Portal.GraphQL.Engine.Types;

namespace Portal.GraphQL.Schema;

/// <summary>
/// The <c>where</c> and <c>orderBy</c> inputs of a type (Orchard Core's operator suffixes, AND / OR / NOT) and their
/// translation into a <see cref="ContentCondition"/> and a <see cref="ContentOrder"/>.
/// </summary>
public sealed class ContentFilters(ContentDefinitionDocument definitions)
{
    private enum Kind { Text, Number, Date, Boolean }

    private sealed record Filterable(string GraphQLName, Kind Kind, string? Column, string? PartName, string? FieldName);

    private static readonly string[] TextOperators = ["", "_not", "_in", "_not_in", "_contains", "_not_contains", "_starts_with", "_not_starts_with", "_ends_with", "_not_ends_with"];
    private static readonly string[] RangeOperators = ["", "_not", "_gt", "_gte", "_lt", "_lte"];
    private static readonly EnumType Direction = new("OrderByDirection", ["ASC", "DESC"]);

    private readonly Dictionary<string, InputObjectType> whereInputs = [];
    private readonly Dictionary<string, List<Filterable>> filterables = [];

    /// <summary>Fields marked sensitive (personal data) are never part of the partner schema.</summary>
    public static bool IsSensitive(ContentPartFieldDefinition field) =>
        field.Settings["ContentPartFieldSettings"]?["Sensitive"] is JsonValue v && (v.TryGetValue<bool>(out var b) ? b : v.ToString() is "true" or "True");

    public InputObjectType WhereInput(ContentTypeDefinition type)
    {
        var input = new InputObjectType(GraphQLNames.Type(type.Name) + "WhereInput", $"Filters for {type.DisplayName}: all given conditions must hold.");
        whereInputs[type.Name] = input;
        input.Field("AND", input.NonNull().List(), "Every one of these must hold.");
        input.Field("OR", input.NonNull().List(), "At least one of these must hold.");
        input.Field("NOT", input, "This must not hold.");
        foreach (var f in Filterables(type))
        {
            var scalar = f.Kind switch { Kind.Number => Scalars.Float, Kind.Date => Scalars.DateTime, Kind.Boolean => Scalars.Boolean, _ => f.GraphQLName == "contentItemId" ? Scalars.ID : Scalars.String };
            var operators = f.Kind switch { Kind.Text => TextOperators, Kind.Boolean => ["", "_not"], _ => RangeOperators };
            foreach (var op in operators)
                input.Field(f.GraphQLName + op, op.EndsWith("_in", StringComparison.Ordinal) ? scalar.NonNull().List() : scalar);
        }
        return input;
    }

    public InputObjectType OrderByInput(ContentTypeDefinition type)
    {
        var input = new InputObjectType(GraphQLNames.Type(type.Name) + "OrderByInput", "Order by one field.");
        foreach (var f in Filterables(type).Where(f => f.GraphQLName != "contentItemId" && f.Column is not ("Owner" or "Author")))
            input.Field(f.GraphQLName, Direction);
        return input;
    }

    private List<Filterable> Filterables(ContentTypeDefinition type)
    {
        if (filterables.TryGetValue(type.Name, out var known)) return known;
        var list = new List<Filterable>
        {
            new("contentItemId", Kind.Text, "ContentItemId", null, null),
            new("displayText", Kind.Text, "DisplayText", null, null),
            new("owner", Kind.Text, "Owner", null, null),
            new("author", Kind.Text, "Author", null, null),
            new("createdUtc", Kind.Date, "CreatedUtc", null, null),
            new("modifiedUtc", Kind.Date, "ModifiedUtc", null, null),
            new("publishedUtc", Kind.Date, "PublishedUtc", null, null),
        };
        var own = type.Parts.FirstOrDefault(p => p.Name == type.Name);
        var part = own is null ? null : definitions.ContentParts.FirstOrDefault(p => p.Name == own.PartName);
        foreach (var field in part?.OrderedFields() ?? [])
        {
            if (IsSensitive(field)) continue;
            var name = GraphQLNames.Field(field.Name);
            if (!GraphQLNames.IsValid(name) || list.Any(f => f.GraphQLName == name)) continue;
            Kind? kind = field.FieldName switch
            {
                "TextField" or "EnumerationField" or "ContentPickerField" or "UserPickerField" => Kind.Text,
                "NumericField" => Kind.Number,
                "DateField" or "DateTimeField" => Kind.Date,
                "BooleanField" => Kind.Boolean,
                _ => null,
            };
            if (kind is { } k) list.Add(new Filterable(name, k, null, type.Name, field.Name));
        }
        filterables[type.Name] = list;
        return list;
    }

    public ContentCondition Condition(string contentType, IReadOnlyDictionary<string, object?> where)
    {
        var type = definitions.ContentTypes.First(t => t.Name == contentType);
        var all = new List<ContentCondition>();
        foreach (var (key, value) in where)
        {
            if (value is null) continue;
            switch (key)
            {
                case "AND": all.Add(new AllOf([.. Nested(value).Select(w => Condition(contentType, w))])); continue;
                case "OR": all.Add(new AnyOf([.. Nested(value).Select(w => Condition(contentType, w))])); continue;
                case "NOT": all.Add(new NotCondition(Condition(contentType, (IReadOnlyDictionary<string, object?>)value))); continue;
            }
            var (filterable, op) = Resolve(type, key);
            all.Add(Leaf(filterable, op, value));
        }
        return new AllOf(all);
    }

    private static IEnumerable<IReadOnlyDictionary<string, object?>> Nested(object value) =>
        ((IEnumerable<object?>)value).OfType<IReadOnlyDictionary<string, object?>>();

    private (Filterable, string) Resolve(ContentTypeDefinition type, string key)
    {
        foreach (var f in Filterables(type).OrderByDescending(f => f.GraphQLName.Length))
            if (key.StartsWith(f.GraphQLName, StringComparison.Ordinal) && (key.Length == f.GraphQLName.Length || key[f.GraphQLName.Length] == '_'))
                return (f, key[f.GraphQLName.Length..]);
        throw new GraphQLFieldException($"Cannot filter by \"{key}\".");
    }

    private static ContentCondition Leaf(Filterable f, string op, object value)
    {
        var negate = op.StartsWith("_not", StringComparison.Ordinal);
        var bare = negate ? op[4..] : op;
        var @operator = bare switch
        {
            "" => FieldOperator.Equals,
            "_in" => FieldOperator.In,
            "_contains" => FieldOperator.Contains,
            "_starts_with" => FieldOperator.StartsWith,
            "_ends_with" => FieldOperator.EndsWith,
            "_gt" => FieldOperator.GreaterThan,
            "_gte" => FieldOperator.GreaterOrEqual,
            "_lt" => FieldOperator.LessThan,
            "_lte" => FieldOperator.LessOrEqual,
            _ => throw new GraphQLFieldException($"Unknown operator \"{op}\"."),
        };
        object? typed = value is IEnumerable<object?> list && value is not string ? list.Select(v => v?.ToString() ?? "").ToList() : value;
        ContentCondition leaf = f.Column is { } column
            ? new ColumnCondition(column, @operator, typed)
            : new FieldCondition(new FieldFilter(f.PartName!, f.FieldName!, @operator, typed));
        return negate ? new NotCondition(leaf) : leaf;
    }

    public ContentOrder Order(string contentType, IReadOnlyDictionary<string, object?>? orderBy)
    {
        var given = orderBy?.Where(p => p.Value is not null).ToList() ?? [];
        if (given.Count == 0) return new ContentOrder("PublishedUtc");
        if (given.Count > 1) throw new GraphQLFieldException("orderBy takes one field.");
        var type = definitions.ContentTypes.First(t => t.Name == contentType);
        var (f, _) = Resolve(type, given[0].Key);
        return new ContentOrder(f.Column ?? $"{f.PartName}.{f.FieldName}", (string)given[0].Value! == "DESC");
    }
}
