using Portal.GraphQL.Engine.Language;
using Portal.GraphQL.Engine.Types;

namespace Portal.GraphQL.Engine.Execution;

/// <summary>What a resolver knows: its parent value, its coerced arguments and where it is in the response.</summary>
public sealed class ResolveContext
{
    internal ResolveContext(ExecutionContext execution, object? source, ObjectType parentType, FieldDefinition field,
        IReadOnlyList<Field> fieldNodes, IReadOnlyDictionary<string, object?> arguments, ResponsePath path)
    {
        Execution = execution;
        Source = source;
        ParentType = parentType;
        FieldDefinition = field;
        FieldNodes = fieldNodes;
        Arguments = arguments;
        Path = path;
    }

    internal ExecutionContext Execution { get; }
    public object? Source { get; }
    public ObjectType ParentType { get; }
    public FieldDefinition FieldDefinition { get; }
    public IReadOnlyList<Field> FieldNodes { get; }
    public IReadOnlyDictionary<string, object?> Arguments { get; }
    public ResponsePath Path { get; }
    public Schema Schema => Execution.Schema;
    public object? UserContext => Execution.Request.UserContext;
    public IReadOnlyDictionary<string, object?> Variables => Execution.Variables;
    public OperationDefinition Operation => Execution.Operation;
    public CancellationToken CancellationToken => Execution.CancellationToken;

    public T? Argument<T>(string name) => Arguments.TryGetValue(name, out var value) && value is T typed ? typed : default;
    public bool HasArgument(string name) => Arguments.ContainsKey(name);

    /// <summary>The loader of this request registered under <paramref name="key"/>, created on first use.</summary>
    public DataLoader<TKey, TValue> Loader<TKey, TValue>(string key, BatchLoad<TKey, TValue> load) where TKey : notnull =>
        Execution.Loader(key, load);

    /// <summary>The sub-fields this field selects (merged over its field nodes and fragments), for look-ahead.</summary>
    public IReadOnlyList<Field> SubFields(ObjectType type) =>
        [.. Execution.CollectSubfields(type, FieldNodes).Values.Select(list => list[0])];
}

/// <summary>An immutable path from the response root to a field or list item.</summary>
public sealed class ResponsePath(ResponsePath? parent, object key)
{
    public ResponsePath? Parent { get; } = parent;
    public object Key { get; } = key;

    public IReadOnlyList<object> ToList()
    {
        var list = new List<object>();
        for (var p = this; p is not null; p = p.Parent) list.Add(p.Key);
        list.Reverse();
        return list;
    }
}
