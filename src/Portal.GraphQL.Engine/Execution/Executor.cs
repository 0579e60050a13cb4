using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using Portal.GraphQL.Engine.Language;
using Portal.GraphQL.Engine.Types;

namespace Portal.GraphQL.Engine.Execution;

/// <summary>The state of one execution: variables, fragments, collected errors, loaders and deferred completions.</summary>
internal sealed class ExecutionContext
{
    private readonly Dictionary<string, IDispatchable> loaders = [];
    private readonly Dictionary<(ObjectType, Field), Dictionary<string, List<Field>>> subfields = new(SubfieldKeyComparer.Instance);

    public required Schema Schema { get; init; }
    public required ExecutionRequest Request { get; init; }
    public required Document Document { get; init; }
    public required OperationDefinition Operation { get; init; }
    public required IReadOnlyDictionary<string, FragmentDefinition> Fragments { get; init; }
    public required IReadOnlyDictionary<string, object?> Variables { get; init; }
    public required bool ExposeExceptionMessages { get; init; }
    public CancellationToken CancellationToken { get; init; }
    public List<GraphQLError> Errors { get; } = [];
    public List<Pending> Pending { get; } = [];
    public IEnumerable<IDispatchable> Loaders => loaders.Values;

    public DataLoader<TKey, TValue> Loader<TKey, TValue>(string key, BatchLoad<TKey, TValue> load) where TKey : notnull
    {
        if (loaders.TryGetValue(key, out var existing)) return (DataLoader<TKey, TValue>)existing;
        var loader = new DataLoader<TKey, TValue>(load);
        loaders.Add(key, loader);
        return loader;
    }

    public Dictionary<string, List<Field>> CollectSubfields(ObjectType type, IReadOnlyList<Field> fieldNodes)
    {
        if (subfields.TryGetValue((type, fieldNodes[0]), out var cached)) return cached;
        var result = new Dictionary<string, List<Field>>();
        var visited = new HashSet<string>();
        foreach (var node in fieldNodes)
            if (node.SelectionSet is not null) FieldCollector.Collect(this, type, node.SelectionSet, result, visited);
        subfields[(type, fieldNodes[0])] = result;
        return result;
    }

    public IReadOnlyList<Location> LocationsOf(IEnumerable<Node> nodes) => [.. nodes.Select(n => Document.Source.LocationOf(n.Start))];

    private sealed class SubfieldKeyComparer : IEqualityComparer<(ObjectType, Field)>
    {
        public static readonly SubfieldKeyComparer Instance = new();
        public bool Equals((ObjectType, Field) x, (ObjectType, Field) y) => ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2);
        public int GetHashCode((ObjectType, Field) key) => HashCode.Combine(RuntimeHelpers.GetHashCode(key.Item1), RuntimeHelpers.GetHashCode(key.Item2));
    }
}

/// <summary>A field whose resolver returned a <see cref="Deferred"/>: completed after its loader is dispatched.</summary>
internal sealed record Pending(object Container, int Index, GraphQLType Type, FieldDefinition Field, ObjectType ParentType,
    IReadOnlyList<Field> Nodes, ResponsePath Path, Deferred Value);

/// <summary>Spec 6.3.2 CollectFields, with @skip and @include.</summary>
internal static class FieldCollector
{
    public static void Collect(ExecutionContext context, ObjectType type, SelectionSet selectionSet,
        Dictionary<string, List<Field>> fields, HashSet<string> visitedFragments)
    {
        foreach (var selection in selectionSet.Selections)
        {
            if (!ShouldInclude(selection.Directives, context.Variables)) continue;
            switch (selection)
            {
                case Field field:
                    if (!fields.TryGetValue(field.ResponseKey, out var list)) fields[field.ResponseKey] = list = [];
                    list.Add(field);
                    break;
                case FragmentSpread spread:
                    if (!visitedFragments.Add(spread.Name.Value)) continue;
                    if (!context.Fragments.TryGetValue(spread.Name.Value, out var fragment)) continue;
                    if (!Applies(context.Schema, fragment.TypeCondition, type)) continue;
                    Collect(context, type, fragment.SelectionSet, fields, visitedFragments);
                    break;
                case InlineFragment inline:
                    if (inline.TypeCondition is not null && !Applies(context.Schema, inline.TypeCondition, type)) continue;
                    Collect(context, type, inline.SelectionSet, fields, visitedFragments);
                    break;
            }
        }
    }

    private static bool Applies(Schema schema, NamedTypeNode condition, ObjectType type)
    {
        var conditionType = schema.GetType(condition.Name.Value);
        return conditionType == type || (conditionType is not null && schema.IsSubType(conditionType, type));
    }

    public static bool ShouldInclude(IReadOnlyList<Directive> directives, IReadOnlyDictionary<string, object?> variables)
    {
        foreach (var directive in directives)
        {
            var name = directive.Name.Value;
            if (name is not ("skip" or "include")) continue;
            var argument = directive.Arguments.FirstOrDefault(a => a.Name.Value == "if");
            var value = argument is null ? null : Values.ValueFromAst(argument.Value, Scalars.Boolean.NonNull(), variables);
            if (name == "skip" && value is true) return false;
            if (name == "include" && value is not true) return false;
        }
        return true;
    }
}

/// <summary>
/// Executes an operation (spec section 6). Fields run one after another, so resolvers may share one database
/// connection; resolvers that return a <see cref="Deferred"/> are completed after their loaders run in batches.
/// Null propagation is settled in a final pass over the result: an invalid (null in a non-null position) entry
/// nulls the nearest nullable parent.
/// </summary>
internal sealed class Executor(ExecutionContext context)
{
    private static readonly object Invalid = new();
    private static readonly object Placeholder = new();
    private static readonly ConcurrentDictionary<(Type, string), PropertyInfo?> Properties = new();

    public async Task<ExecutionResult> ExecuteAsync(object? rootValue)
    {
        var rootType = context.Schema.RootType(context.Operation.Operation)!;
        var fields = new Dictionary<string, List<Field>>();
        FieldCollector.Collect(context, rootType, context.Operation.SelectionSet, fields, []);
        var data = await ExecuteFieldsAsync(rootType, rootValue, fields, null);
        await DrainPendingAsync();
        var finalData = Settle(data);
        return new ExecutionResult(finalData as ResultMap, context.Errors);
    }

    private async ValueTask<ResultMap> ExecuteFieldsAsync(ObjectType type, object? source, Dictionary<string, List<Field>> fields, ResponsePath? path)
    {
        var map = new ResultMap();
        foreach (var (key, nodes) in fields)
        {
            var name = nodes[0].Name.Value;
            if (name == "__typename")
            {
                map.Add(key, type.Name, true);
                continue;
            }
            var definition = FieldDefinitionOf(type, name);
            if (definition is null) continue;
            var index = map.Add(key, Placeholder, definition.Type is NonNullType);
            map.Set(index, await ExecuteFieldAsync(map, index, type, source, definition, nodes, new ResponsePath(path, key)));
        }
        return map;
    }

    private FieldDefinition? FieldDefinitionOf(ObjectType type, string name)
    {
        if (type == context.Schema.Query)
        {
            if (name == "__schema") return Introspection.SchemaField;
            if (name == "__type") return Introspection.TypeField;
        }
        return type.GetField(name);
    }

    private async ValueTask<object?> ExecuteFieldAsync(object container, int index, ObjectType parentType, object? source,
        FieldDefinition definition, List<Field> nodes, ResponsePath path)
    {
        context.CancellationToken.ThrowIfCancellationRequested();
        object? result;
        try
        {
            var arguments = Values.CoerceArguments(definition.Arguments, nodes[0].Arguments, context.Variables, definition.Name);
            var resolveContext = new ResolveContext(context, source, parentType, definition, nodes, arguments, path);
            result = definition.Resolve is null ? DefaultResolve(source, definition.Name) : await definition.Resolve(resolveContext);
        }
        catch (ArgumentCoercionException ex)
        {
            var location = ex.Offset is { } offset ? context.Document.Source.LocationOf(offset) : context.Document.Source.LocationOf(nodes[0].Start);
            return FieldError(new GraphQLError(ex.Message, [location], path.ToList()), definition.Type);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return FieldError(ResolverError(ex, nodes, path), definition.Type);
        }
        if (result is Deferred deferred)
        {
            context.Pending.Add(new Pending(container, index, definition.Type, definition, parentType, nodes, path, deferred));
            return Placeholder;
        }
        return await CompleteCatchingAsync(definition.Type, definition, parentType, nodes, result, path);
    }

    private GraphQLError ResolverError(Exception ex, List<Field> nodes, ResponsePath path)
    {
        var message = ex is GraphQLFieldException or GraphQLValueException || context.ExposeExceptionMessages
            ? ex.Message
            : "Internal error while resolving the field.";
        return new GraphQLError(message, context.LocationsOf(nodes), path.ToList(), (ex as GraphQLFieldException)?.Extensions);
    }

    private object? FieldError(GraphQLError error, GraphQLType type)
    {
        context.Errors.Add(error);
        return type is NonNullType ? Invalid : null;
    }

    private async ValueTask<object?> CompleteCatchingAsync(GraphQLType type, FieldDefinition field, ObjectType parentType,
        List<Field> nodes, object? result, ResponsePath path)
    {
        try
        {
            return await CompleteValueAsync(type, field, parentType, nodes, result, path);
        }
        catch (CompletionException ex)
        {
            return FieldError(new GraphQLError(ex.Message, context.LocationsOf(nodes), ex.Path.ToList()), type);
        }
    }

    private async ValueTask<object?> CompleteValueAsync(GraphQLType type, FieldDefinition field, ObjectType parentType,
        List<Field> nodes, object? result, ResponsePath path)
    {
        if (type is NonNullType nonNull)
        {
            var completed = await CompleteValueAsync(nonNull.OfType, field, parentType, nodes, result, path);
            if (completed is null)
                throw new CompletionException($"Cannot return null for non-nullable field {parentType.Name}.{field.Name}.", path);
            return completed;
        }
        if (result is null) return null;
        switch (type)
        {
            case ListType list:
                if (result is not IEnumerable items || result is string || result is IDictionary)
                    throw new CompletionException($"Expected Iterable, but did not find one for field \"{parentType.Name}.{field.Name}\".", path);
                var resultList = new ResultList(list.OfType is NonNullType);
                var i = 0;
                foreach (var item in items)
                {
                    var itemPath = new ResponsePath(path, i++);
                    if (item is Deferred deferred)
                    {
                        resultList.Add(Placeholder);
                        context.Pending.Add(new Pending(resultList, resultList.Count - 1, list.OfType, field, parentType, nodes, itemPath, deferred));
                        continue;
                    }
                    resultList.Add(await CompleteCatchingAsync(list.OfType, field, parentType, nodes, item, itemPath));
                }
                return resultList;
            case ScalarType scalar:
                return Serialize(() => scalar.Serialize(result), path);
            case EnumType enumType:
                return Serialize(() => (enumType.ByValue(result) ?? (result is string s ? enumType.ByName(s) : null))?.Name
                    ?? throw new GraphQLValueException($"Enum \"{enumType.Name}\" cannot represent value: {Inspect.Value(result)}"), path);
            case ObjectType objectType:
                if (objectType.IsTypeOf is { } isTypeOf && !isTypeOf(result))
                    throw new CompletionException($"Expected value of type \"{objectType.Name}\" but got: {Inspect.Value(result)}.", path);
                return await ExecuteFieldsAsync(objectType, result, context.CollectSubfields(objectType, nodes), path);
            case InterfaceType or UnionType:
                var runtimeType = ResolveAbstractType((NamedType)type, result, field, parentType, nodes, path);
                return await ExecuteFieldsAsync(runtimeType, result, context.CollectSubfields(runtimeType, nodes), path);
            default:
                throw new CompletionException($"Cannot complete value of unexpected output type: \"{type}\".", path);
        }
    }

    private static object? Serialize(Func<object?> serialize, ResponsePath path)
    {
        try
        {
            return serialize();
        }
        catch (GraphQLValueException ex)
        {
            throw new CompletionException(ex.Message, path);
        }
    }

    private ObjectType ResolveAbstractType(NamedType type, object value, FieldDefinition field, ObjectType parentType, List<Field> nodes, ResponsePath path)
    {
        var resolveContext = new ResolveContext(context, value, parentType, field, nodes, new Dictionary<string, object?>(), path);
        var resolver = type switch { InterfaceType i => i.ResolveType, UnionType u => u.ResolveType, _ => null };
        var possible = context.Schema.PossibleTypes(type);
        var runtime = resolver is not null ? resolver(value, resolveContext) : possible.FirstOrDefault(t => t.IsTypeOf?.Invoke(value) == true);
        if (runtime is null)
            throw new CompletionException($"Abstract type \"{type.Name}\" must resolve to an Object type at runtime for field \"{parentType.Name}.{field.Name}\". " +
                $"Either the \"{type.Name}\" type should provide a \"resolveType\" function or each possible type should provide an \"isTypeOf\" function.", path);
        if (!possible.Contains(runtime))
            throw new CompletionException($"Runtime Object type \"{runtime.Name}\" is not a possible type for \"{type.Name}\".", path);
        return runtime;
    }

    private async Task DrainPendingAsync()
    {
        while (context.Pending.Count > 0)
        {
            foreach (var loader in context.Loaders.Where(l => l.HasPending).ToList())
                await loader.DispatchAsync(context.CancellationToken);
            var batch = context.Pending.ToList();
            context.Pending.Clear();
            foreach (var pending in batch)
            {
                object? value;
                try
                {
                    value = pending.Value.GetResult();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Store(pending, FieldError(ResolverError(ex, [.. pending.Nodes], pending.Path), pending.Type));
                    continue;
                }
                if (value is Deferred again)
                {
                    context.Pending.Add(pending with { Value = again });
                    continue;
                }
                Store(pending, await CompleteCatchingAsync(pending.Type, pending.Field, pending.ParentType, [.. pending.Nodes], value, pending.Path));
            }
        }
    }

    private static void Store(Pending pending, object? value)
    {
        if (pending.Container is ResultMap map) map.Set(pending.Index, value);
        else ((ResultList)pending.Container)[pending.Index] = value;
    }

    /// <summary>Replaces invalid entries by null at the nearest nullable position (spec 6.4.4 "Handling Field Errors").</summary>
    private static object? Settle(object? value)
    {
        switch (value)
        {
            case ResultMap map:
                for (var i = 0; i < map.Count; i++)
                {
                    var settled = Settle(map.ValueAt(i));
                    if (settled == Invalid)
                    {
                        if (map.IsNonNull(i)) return Invalid;
                        settled = null;
                    }
                    map.Set(i, settled);
                }
                return map;
            case ResultList list:
                for (var i = 0; i < list.Count; i++)
                {
                    var settled = Settle(list[i]);
                    if (settled == Invalid)
                    {
                        if (list.ItemsNonNull) return Invalid;
                        settled = null;
                    }
                    list[i] = settled;
                }
                return list;
            default:
                return value;
        }
    }

    private static object? DefaultResolve(object? source, string name)
    {
        switch (source)
        {
            case null: return null;
            case IReadOnlyDictionary<string, object?> map: return map.GetValueOrDefault(name);
            case IDictionary<string, object?> dictionary: return dictionary.TryGetValue(name, out var v) ? v : null;
        }
        var property = Properties.GetOrAdd((source.GetType(), name), key =>
            key.Item1.GetProperty(key.Item2, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase));
        return property?.GetValue(source);
    }

    private sealed class CompletionException(string message, ResponsePath path) : Exception(message)
    {
        public ResponsePath Path { get; } = path;
    }
}
