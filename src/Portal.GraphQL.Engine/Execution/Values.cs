using System.Globalization;
using System.Text.Json;
using Portal.GraphQL.Engine.Language;
using Portal.GraphQL.Engine.Types;

namespace Portal.GraphQL.Engine.Execution;

/// <summary>Input coercion (spec 3.x "Input Coercion" and 6.1.2, 6.4.1): literals, variables and arguments.</summary>
public static class Values
{
    /// <summary>Marks a value that is absent or invalid (distinct from null).</summary>
    public static readonly object Undefined = new();

    /// <summary>Converts a JSON value into the plain values the engine works with.</summary>
    public static object? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Aggregate(new Dictionary<string, object?>(), (d, p) =>
        {
            d[p.Name] = FromJson(p.Value);
            return d;
        }),
        JsonValueKind.Array => element.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var l) ? l : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    public static (Dictionary<string, object?> Values, List<GraphQLError> Errors) CoerceVariableValues(
        Schema schema, OperationDefinition operation, SourceText source, IReadOnlyDictionary<string, object?>? inputs, int maxErrors = 50)
    {
        var coerced = new Dictionary<string, object?>();
        var errors = new List<GraphQLError>();
        foreach (var definition in operation.VariableDefinitions)
        {
            if (errors.Count >= maxErrors) break;
            var name = definition.Variable.Name.Value;
            var location = source.LocationOf(definition.Start);
            var type = TypeFromAst(schema, definition.Type);
            if (type is null || !type.IsInputType)
            {
                errors.Add(new GraphQLError($"Variable \"${name}\" expected value of type \"{definition.Type}\" which cannot be used as an input type.", [location]));
                continue;
            }
            var hasValue = inputs is not null && inputs.ContainsKey(name);
            if (!hasValue)
            {
                if (definition.DefaultValue is not null) coerced[name] = ValueFromAst(definition.DefaultValue, type, null);
                else if (type is NonNullType)
                    errors.Add(new GraphQLError($"Variable \"${name}\" of required type \"{definition.Type}\" was not provided.", [location]));
                continue;
            }
            var value = inputs![name];
            if (value is null && type is NonNullType)
            {
                errors.Add(new GraphQLError($"Variable \"${name}\" of non-null type \"{definition.Type}\" must not be null.", [location]));
                continue;
            }
            string? shown = null;
            coerced[name] = CoerceInputValue(value, type, (path, message) =>
            {
                if (errors.Count >= maxErrors) return;
                shown ??= Inspect.Value(value, 200);
                var at = path.Count == 0 ? "" : " at \"" + name + string.Concat(path.Select(p => p is int i ? $"[{i}]" : "." + p)) + "\"";
                errors.Add(new GraphQLError($"Variable \"${name}\" got invalid value {shown}{at}; {message}", [location]));
            });
        }
        return (coerced, errors);
    }

    /// <summary>Coerces an external (JSON) value; reports each problem with its path inside the value.</summary>
    public static object? CoerceInputValue(object? value, GraphQLType type, Action<IReadOnlyList<object>, string> onError) =>
        CoerceInputValue(value, type, onError, []);

    private static object? CoerceInputValue(object? value, GraphQLType type, Action<IReadOnlyList<object>, string> onError, List<object> path)
    {
        if (type is NonNullType nonNull)
        {
            if (value is null)
            {
                onError(path, $"Expected non-nullable type \"{type}\" not to be null.");
                return Undefined;
            }
            return CoerceInputValue(value, nonNull.OfType, onError, path);
        }
        if (value is null) return null;
        switch (type)
        {
            case ListType list:
                if (value is IReadOnlyList<object?> items)
                    return items.Select((item, i) => CoerceInputValue(item, list.OfType, onError, [.. path, i])).ToList();
                return new List<object?> { CoerceInputValue(value, list.OfType, onError, path) };
            case InputObjectType input:
                if (value is not IReadOnlyDictionary<string, object?> map)
                {
                    onError(path, $"Expected type \"{input.Name}\" to be an object.");
                    return Undefined;
                }
                var result = new Dictionary<string, object?>();
                foreach (var field in input.Fields)
                {
                    if (map.TryGetValue(field.Name, out var fieldValue))
                        result[field.Name] = CoerceInputValue(fieldValue, field.Type, onError, [.. path, field.Name]);
                    else if (field.HasDefault) result[field.Name] = field.DefaultValue;
                    else if (field.Type is NonNullType)
                        onError(path, $"Field \"{field.Name}\" of required type \"{field.Type}\" was not provided.");
                }
                foreach (var key in map.Keys)
                    if (input.GetField(key) is null)
                        onError(path, $"Field \"{key}\" is not defined by type \"{input.Name}\".");
                return result;
            case ScalarType scalar:
                try
                {
                    return scalar.ParseValue(value);
                }
                catch (GraphQLValueException ex)
                {
                    onError(path, ex.Message);
                    return Undefined;
                }
            case EnumType e:
                if (value is string s && e.ByName(s) is { } v) return v.Value;
                onError(path, value is string
                    ? $"Value {Inspect.Value(value)} does not exist in \"{e.Name}\" enum."
                    : $"Enum \"{e.Name}\" cannot represent non-string value: {Inspect.Value(value)}.");
                return Undefined;
            default:
                onError(path, $"Type \"{type}\" is not an input type.");
                return Undefined;
        }
    }

    /// <summary>The value of a literal for a type, or <see cref="Undefined"/> when it is not valid (spec 5.6 makes that rare).</summary>
    public static object? ValueFromAst(Value? node, GraphQLType type, IReadOnlyDictionary<string, object?>? variables)
    {
        if (node is null) return Undefined;
        if (node is Variable variable)
        {
            if (variables is null || !variables.TryGetValue(variable.Name.Value, out var variableValue)) return Undefined;
            return variableValue is null && type is NonNullType ? Undefined : variableValue;
        }
        if (type is NonNullType nonNull)
            return node is NullValue ? Undefined : ValueFromAst(node, nonNull.OfType, variables);
        if (node is NullValue) return null;
        switch (type)
        {
            case ListType list:
                if (node is ListValue items)
                {
                    var result = new List<object?>();
                    foreach (var item in items.Values)
                    {
                        if (IsMissingVariable(item, variables))
                        {
                            if (list.OfType is NonNullType) return Undefined;
                            result.Add(null);
                            continue;
                        }
                        var value = ValueFromAst(item, list.OfType, variables);
                        if (value == Undefined) return Undefined;
                        result.Add(value);
                    }
                    return result;
                }
                var single = ValueFromAst(node, list.OfType, variables);
                return single == Undefined ? Undefined : new List<object?> { single };
            case InputObjectType input:
                if (node is not ObjectValue obj) return Undefined;
                var fields = new Dictionary<string, object?>();
                var byName = obj.Fields.GroupBy(f => f.Name.Value).ToDictionary(g => g.Key, g => g.First());
                foreach (var field in input.Fields)
                {
                    if (!byName.TryGetValue(field.Name, out var fieldNode) || IsMissingVariable(fieldNode.Value, variables))
                    {
                        if (field.HasDefault) fields[field.Name] = field.DefaultValue;
                        else if (field.Type is NonNullType) return Undefined;
                        continue;
                    }
                    var value = ValueFromAst(fieldNode.Value, field.Type, variables);
                    if (value == Undefined) return Undefined;
                    fields[field.Name] = value;
                }
                return byName.Keys.Any(k => input.GetField(k) is null) ? Undefined : fields;
            case EnumType e:
                return node is EnumValue ev && e.ByName(ev.Text) is { } v ? v.Value : Undefined;
            case ScalarType scalar:
                try
                {
                    return scalar.ParseLiteral(node);
                }
                catch (GraphQLValueException)
                {
                    return Undefined;
                }
            default:
                return Undefined;
        }
    }

    private static bool IsMissingVariable(Value node, IReadOnlyDictionary<string, object?>? variables) =>
        node is Variable v && (variables is null || !variables.ContainsKey(v.Name.Value));

    /// <summary>Spec 6.4.1 CoerceArgumentValues; throws a field error naming the argument.</summary>
    public static Dictionary<string, object?> CoerceArguments(IReadOnlyList<InputValue> definitions, IReadOnlyList<Argument> nodes,
        IReadOnlyDictionary<string, object?> variables, string ownerName)
    {
        var result = new Dictionary<string, object?>();
        foreach (var definition in definitions)
        {
            var node = nodes.FirstOrDefault(a => a.Name.Value == definition.Name);
            var hasValue = node is not null;
            if (node?.Value is Variable v)
                hasValue = variables.ContainsKey(v.Name.Value);
            if (!hasValue)
            {
                if (definition.HasDefault) result[definition.Name] = definition.DefaultValue;
                else if (definition.Type is NonNullType)
                    throw new ArgumentCoercionException(
                        $"Argument \"{definition.Name}\" of required type \"{definition.Type}\" was not provided.", node?.Start);
                continue;
            }
            var value = node!.Value is Variable variable ? variables[variable.Name.Value] : ValueFromAst(node.Value, definition.Type, variables);
            if (value is null && definition.Type is NonNullType)
                throw new ArgumentCoercionException(
                    $"Argument \"{definition.Name}\" of non-null type \"{definition.Type}\" must not be null.", node.Value.Start);
            if (value == Undefined)
                throw new ArgumentCoercionException($"Argument \"{definition.Name}\" has invalid value {node.Value}.", node.Value.Start);
            result[definition.Name] = value;
        }
        return result;
    }

    /// <summary>The schema type a type reference names, or null when a named type is unknown.</summary>
    public static GraphQLType? TypeFromAst(Schema schema, TypeNode node) => node switch
    {
        NamedTypeNode named => schema.GetType(named.Name.Value),
        ListTypeNode list => TypeFromAst(schema, list.OfType) is { } inner ? new ListType(inner) : null,
        NonNullTypeNode nonNull => TypeFromAst(schema, nonNull.OfType) is { } inner ? new NonNullType(inner) : null,
        _ => null,
    };

    /// <summary>Prints an internal input value as a GraphQL literal (default values in introspection and SDL).</summary>
    public static string? PrintLiteral(object? value, GraphQLType type)
    {
        if (type is NonNullType nonNull) return PrintLiteral(value, nonNull.OfType);
        if (value is null) return "null";
        switch (type)
        {
            case ListType list:
                if (value is System.Collections.IEnumerable items and not string)
                    return "[" + string.Join(", ", items.Cast<object?>().Select(i => PrintLiteral(i, list.OfType))) + "]";
                return PrintLiteral(value, list.OfType);
            case InputObjectType input:
                if (value is not IReadOnlyDictionary<string, object?> map) return null;
                var parts = input.Fields.Where(f => map.ContainsKey(f.Name)).Select(f => $"{f.Name}: {PrintLiteral(map[f.Name], f.Type)}");
                return "{" + string.Join(", ", parts) + "}";
            case EnumType e:
                return e.ByValue(value)?.Name;
            case ScalarType scalar:
                var serialized = scalar.Serialize(value);
                return serialized switch
                {
                    string s when scalar == Scalars.ID && long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) => s,
                    string s => Printer.Quote(s),
                    bool b => b ? "true" : "false",
                    double d => d.ToString("R", CultureInfo.InvariantCulture),
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    _ => serialized?.ToString(),
                };
            default:
                return null;
        }
    }
}

/// <summary>An argument that cannot be coerced; becomes a field error at the argument's location.</summary>
public sealed class ArgumentCoercionException(string message, int? offset) : Exception(message)
{
    public int? Offset { get; } = offset;
}
