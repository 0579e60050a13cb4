namespace Portal.GraphQL.Engine.Types;

public enum TypeKind { SCALAR, OBJECT, INTERFACE, UNION, ENUM, INPUT_OBJECT, LIST, NON_NULL }

/// <summary>Any GraphQL type: a named type or a list / non-null wrapper around one.</summary>
public abstract class GraphQLType
{
    public abstract TypeKind Kind { get; }

    /// <summary>The named type under every wrapper.</summary>
    public NamedType Unwrap() => this switch
    {
        ListType l => l.OfType.Unwrap(),
        NonNullType n => n.OfType.Unwrap(),
        _ => (NamedType)this,
    };

    public GraphQLType Nullable => this is NonNullType n ? n.OfType : this;
    public bool IsInputType => Unwrap() is ScalarType or EnumType or InputObjectType;
    public bool IsOutputType => Unwrap() is not InputObjectType;
    public bool IsLeaf => Unwrap() is ScalarType or EnumType;

    public NonNullType NonNull() => new(this);
    public ListType List() => new(this);
}

public sealed class ListType(GraphQLType ofType) : GraphQLType
{
    public GraphQLType OfType { get; } = ofType;
    public override TypeKind Kind => TypeKind.LIST;
    public override string ToString() => $"[{OfType}]";
    public override bool Equals(object? obj) => obj is ListType other && other.OfType.Equals(OfType);
    public override int GetHashCode() => HashCode.Combine(1, OfType);
}

public sealed class NonNullType : GraphQLType
{
    public NonNullType(GraphQLType ofType)
    {
        if (ofType is NonNullType) throw new ArgumentException("A non-null type cannot wrap a non-null type.");
        OfType = ofType;
    }

    public GraphQLType OfType { get; }
    public override TypeKind Kind => TypeKind.NON_NULL;
    public override string ToString() => $"{OfType}!";
    public override bool Equals(object? obj) => obj is NonNullType other && other.OfType.Equals(OfType);
    public override int GetHashCode() => HashCode.Combine(2, OfType);
}

public abstract class NamedType(string name, string? description) : GraphQLType
{
    public string Name { get; } = name;
    public string? Description { get; set; } = description;
    public override string ToString() => Name;
}

/// <summary>An argument, an input object field or a directive argument.</summary>
public sealed class InputValue(string name, GraphQLType type, string? description = null)
{
    public string Name { get; } = name;
    public GraphQLType Type { get; } = type;
    public string? Description { get; set; } = description;
    public bool HasDefault { get; private set; }
    public object? DefaultValue { get; private set; }
    public string? DeprecationReason { get; set; }

    public InputValue WithDefault(object? value)
    {
        HasDefault = true;
        DefaultValue = value;
        return this;
    }
}

/// <summary>Computes a field's value; may return a <see cref="Execution.Deferred"/> to join a batch.</summary>
public delegate ValueTask<object?> Resolver(Execution.ResolveContext context);

public sealed class FieldDefinition(string name, GraphQLType type, Resolver? resolve = null, string? description = null)
{
    public string Name { get; } = name;
    public GraphQLType Type { get; } = type;
    public Resolver? Resolve { get; set; } = resolve;
    public string? Description { get; set; } = description;
    public string? DeprecationReason { get; set; }
    public List<InputValue> Arguments { get; } = [];
    public InputValue? Argument(string argumentName) => Arguments.Find(a => a.Name == argumentName);

    public FieldDefinition Arg(string argumentName, GraphQLType argumentType, string? argumentDescription = null)
    {
        Arguments.Add(new InputValue(argumentName, argumentType, argumentDescription));
        return this;
    }

    public FieldDefinition Arg(InputValue argument)
    {
        Arguments.Add(argument);
        return this;
    }

    public FieldDefinition Deprecated(string reason = "No longer supported")
    {
        DeprecationReason = reason;
        return this;
    }
}

/// <summary>Object and interface types: named sets of fields, possibly implementing interfaces.</summary>
public abstract class ComplexType(string name, string? description) : NamedType(name, description)
{
    private readonly Dictionary<string, FieldDefinition> fields = [];
    private readonly List<FieldDefinition> ordered = [];

    public IReadOnlyList<FieldDefinition> Fields => ordered;
    public List<InterfaceType> Interfaces { get; } = [];

    public FieldDefinition? GetField(string fieldName) => fields.GetValueOrDefault(fieldName);

    public FieldDefinition AddField(FieldDefinition field)
    {
        if (!fields.TryAdd(field.Name, field)) throw new InvalidOperationException($"Type \"{Name}\" already has a field \"{field.Name}\".");
        ordered.Add(field);
        return field;
    }

    public FieldDefinition Field(string fieldName, GraphQLType type, Func<Execution.ResolveContext, object?>? resolve = null, string? description = null) =>
        AddField(new FieldDefinition(fieldName, type, resolve is null ? null : ctx => new ValueTask<object?>(resolve(ctx)), description));

    public FieldDefinition FieldAsync(string fieldName, GraphQLType type, Resolver resolve, string? description = null) =>
        AddField(new FieldDefinition(fieldName, type, resolve, description));
}

public sealed class ObjectType(string name, string? description = null) : ComplexType(name, description)
{
    public override TypeKind Kind => TypeKind.OBJECT;

    /// <summary>Tells whether a value belongs to this type, for interfaces and unions that do not resolve it themselves.</summary>
    public Func<object, bool>? IsTypeOf { get; set; }

    public ObjectType Implements(params InterfaceType[] interfaces)
    {
        Interfaces.AddRange(interfaces);
        return this;
    }
}

/// <summary>Picks the object type of a value of an abstract type.</summary>
public delegate ObjectType? TypeResolver(object value, Execution.ResolveContext context);

public sealed class InterfaceType(string name, string? description = null) : ComplexType(name, description)
{
    public override TypeKind Kind => TypeKind.INTERFACE;
    public TypeResolver? ResolveType { get; set; }
}

public sealed class UnionType(string name, IEnumerable<ObjectType> types, string? description = null) : NamedType(name, description)
{
    public override TypeKind Kind => TypeKind.UNION;
    public List<ObjectType> Types { get; } = [.. types];
    public TypeResolver? ResolveType { get; set; }
}

public sealed class EnumValueDefinition(string name, object? value, string? description = null)
{
    public string Name { get; } = name;
    public object? Value { get; } = value;
    public string? Description { get; set; } = description;
    public string? DeprecationReason { get; set; }
}

public sealed class EnumType : NamedType
{
    private readonly List<EnumValueDefinition> values = [];
    private readonly Dictionary<string, EnumValueDefinition> byName = [];

    public EnumType(string name, string? description = null) : base(name, description) { }

    public EnumType(string name, IEnumerable<string> names, string? description = null) : base(name, description)
    {
        foreach (var n in names) Value(n);
    }

    public override TypeKind Kind => TypeKind.ENUM;
    public IReadOnlyList<EnumValueDefinition> Values => values;

    /// <summary>Adds a value; its internal value defaults to its name.</summary>
    public EnumValueDefinition Value(string valueName, object? internalValue = null, string? description = null)
    {
        var value = new EnumValueDefinition(valueName, internalValue ?? valueName, description);
        values.Add(value);
        byName.Add(valueName, value);
        return value;
    }

    public EnumValueDefinition? ByName(string valueName) => byName.GetValueOrDefault(valueName);
    public EnumValueDefinition? ByValue(object? internalValue) => values.Find(v => Equals(v.Value, internalValue));
}

public sealed class InputObjectType(string name, string? description = null) : NamedType(name, description)
{
    private readonly List<InputValue> ordered = [];
    private readonly Dictionary<string, InputValue> fields = [];

    public override TypeKind Kind => TypeKind.INPUT_OBJECT;
    public IReadOnlyList<InputValue> Fields => ordered;
    public InputValue? GetField(string fieldName) => fields.GetValueOrDefault(fieldName);

    public InputValue Field(string fieldName, GraphQLType type, string? description = null) => Add(new InputValue(fieldName, type, description));

    public InputValue Add(InputValue field)
    {
        fields.Add(field.Name, field);
        ordered.Add(field);
        return field;
    }
}
