namespace Portal.GraphQL.Engine.Types;

public enum DirectiveLocation
{
    QUERY, MUTATION, SUBSCRIPTION, FIELD, FRAGMENT_DEFINITION, FRAGMENT_SPREAD, INLINE_FRAGMENT, VARIABLE_DEFINITION,
    SCHEMA, SCALAR, OBJECT, FIELD_DEFINITION, ARGUMENT_DEFINITION, INTERFACE, UNION, ENUM, ENUM_VALUE, INPUT_OBJECT,
    INPUT_FIELD_DEFINITION,
}

public sealed class DirectiveDefinition(string name, IEnumerable<DirectiveLocation> locations, string? description = null, bool isRepeatable = false)
{
    public string Name { get; } = name;
    public string? Description { get; } = description;
    public IReadOnlyList<DirectiveLocation> Locations { get; } = [.. locations];
    public bool IsRepeatable { get; } = isRepeatable;
    public List<InputValue> Arguments { get; } = [];

    public DirectiveDefinition Arg(InputValue argument)
    {
        Arguments.Add(argument);
        return this;
    }

    private static readonly DirectiveLocation[] Conditional =
        [DirectiveLocation.FIELD, DirectiveLocation.FRAGMENT_SPREAD, DirectiveLocation.INLINE_FRAGMENT];

    public static readonly DirectiveDefinition Skip = new DirectiveDefinition("skip", Conditional,
            "Directs the executor to skip this field or fragment when the `if` argument is true.")
        .Arg(new InputValue("if", Scalars.Boolean.NonNull(), "Skipped when true."));

    public static readonly DirectiveDefinition Include = new DirectiveDefinition("include", Conditional,
            "Directs the executor to include this field or fragment only when the `if` argument is true.")
        .Arg(new InputValue("if", Scalars.Boolean.NonNull(), "Included when true."));

    public const string DefaultDeprecationReason = "No longer supported";

    public static readonly DirectiveDefinition Deprecated = new DirectiveDefinition("deprecated",
            [DirectiveLocation.FIELD_DEFINITION, DirectiveLocation.ARGUMENT_DEFINITION, DirectiveLocation.INPUT_FIELD_DEFINITION, DirectiveLocation.ENUM_VALUE],
            "Marks an element of a GraphQL schema as no longer supported.")
        .Arg(new InputValue("reason", Scalars.String,
            "Explains why this element was deprecated, usually also including a suggestion for how to access supported similar data. Formatted using the Markdown syntax, as specified by [CommonMark](https://commonmark.org/).")
            .WithDefault(DefaultDeprecationReason));

    public static readonly DirectiveDefinition SpecifiedBy = new DirectiveDefinition("specifiedBy", [DirectiveLocation.SCALAR],
            "Exposes a URL that specifies the behavior of this scalar.")
        .Arg(new InputValue("url", Scalars.String.NonNull(), "The URL that specifies the behavior of this scalar."));

    public static IReadOnlyList<DirectiveDefinition> BuiltIn { get; } = [Include, Skip, Deprecated, SpecifiedBy];
}

/// <summary>A schema: root types, every type reachable from them, and directives. Immutable once built.</summary>
public sealed class Schema
{
    private readonly Dictionary<string, NamedType> types = [];
    private readonly Dictionary<string, List<ObjectType>> implementations = [];

    public Schema(ObjectType query, ObjectType? mutation = null, ObjectType? subscription = null,
        IEnumerable<NamedType>? extraTypes = null, IEnumerable<DirectiveDefinition>? directives = null, string? description = null)
    {
        Query = query;
        Mutation = mutation;
        Subscription = subscription;
        Description = description;
        Directives = [.. DirectiveDefinition.BuiltIn, .. directives ?? []];
        foreach (var t in Scalars.BuiltIn) Collect(t);
        Collect(query);
        if (mutation is not null) Collect(mutation);
        if (subscription is not null) Collect(subscription);
        foreach (var t in extraTypes ?? []) Collect(t);
        foreach (var d in Directives)
            foreach (var a in d.Arguments) Collect(a.Type.Unwrap());
        Collect(Introspection.SchemaType);
        foreach (var t in types.Values.OfType<ObjectType>())
            foreach (var i in t.Interfaces) AddImplementation(i, t);
    }

    public string? Description { get; }
    public ObjectType Query { get; }
    public ObjectType? Mutation { get; }
    public ObjectType? Subscription { get; }
    public IReadOnlyList<DirectiveDefinition> Directives { get; }
    public IEnumerable<NamedType> Types => types.Values;

    public NamedType? GetType(string name) => types.GetValueOrDefault(name);
    public DirectiveDefinition? GetDirective(string name) => Directives.FirstOrDefault(d => d.Name == name);

    public ObjectType? RootType(Language.OperationType operation) => operation switch
    {
        Language.OperationType.Query => Query,
        Language.OperationType.Mutation => Mutation,
        _ => Subscription,
    };

    /// <summary>The object types a value of an abstract type may have.</summary>
    public IReadOnlyList<ObjectType> PossibleTypes(NamedType type) => type switch
    {
        UnionType u => u.Types,
        InterfaceType i => implementations.TryGetValue(i.Name, out var list) ? list : [],
        ObjectType o => [o],
        _ => [],
    };

    /// <summary>Interfaces and object types that implement an interface (for introspection's possibleTypes).</summary>
    public bool IsSubType(NamedType abstractType, NamedType maybeSub) => abstractType switch
    {
        UnionType u => maybeSub is ObjectType o && u.Types.Contains(o),
        InterfaceType i => maybeSub is ComplexType c && c.Interfaces.Contains(i),
        _ => false,
    };

    private void AddImplementation(InterfaceType i, ObjectType t)
    {
        if (!implementations.TryGetValue(i.Name, out var list)) implementations[i.Name] = list = [];
        if (!list.Contains(t)) list.Add(t);
        foreach (var inner in i.Interfaces) AddImplementation(inner, t);
    }

    private void Collect(NamedType type)
    {
        if (types.TryGetValue(type.Name, out var existing))
        {
            if (!ReferenceEquals(existing, type))
                throw new InvalidOperationException($"Schema must contain uniquely named types but contains multiple types named \"{type.Name}\".");
            return;
        }
        types.Add(type.Name, type);
        switch (type)
        {
            case ComplexType c:
                foreach (var i in c.Interfaces) Collect(i);
                foreach (var f in c.Fields)
                {
                    Collect(f.Type.Unwrap());
                    foreach (var a in f.Arguments) Collect(a.Type.Unwrap());
                }
                break;
            case UnionType u:
                foreach (var t in u.Types) Collect(t);
                break;
            case InputObjectType io:
                foreach (var f in io.Fields) Collect(f.Type.Unwrap());
                break;
        }
    }
}
