using Portal.GraphQL.Engine.Execution;

namespace Portal.GraphQL.Engine.Types;

/// <summary>The introspection types of spec section 4.5, built with the same API as any schema.</summary>
public static class Introspection
{
    /// <summary>The query GraphiQL and code generators send (graphql-js getIntrospectionQuery with every option on).</summary>
    public const string FullQuery = """
        query IntrospectionQuery {
          __schema {
            description
            queryType { name } mutationType { name } subscriptionType { name }
            types { ...FullType }
            directives { name description isRepeatable locations args(includeDeprecated: true) { ...InputValue } }
          }
        }
        fragment FullType on __Type {
          kind name description specifiedByURL
          fields(includeDeprecated: true) { name description args(includeDeprecated: true) { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
          inputFields(includeDeprecated: true) { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef }
        }
        fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue isDeprecated deprecationReason }
        fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }
        """;

    public static readonly ObjectType SchemaType = new("__Schema",
        "A GraphQL Schema defines the capabilities of a GraphQL server. It exposes all available types and directives on the server, as well as the entry points for query, mutation, and subscription operations.");
    public static readonly ObjectType TypeType = new("__Type",
        "The fundamental unit of any GraphQL Schema is the type. There are many kinds of types in GraphQL as represented by the `__TypeKind` enum.\n\nDepending on the kind of a type, certain fields describe information about that type. Scalar types provide no information beyond a name, description and optional `specifiedByURL`, while Enum types provide their values. Object and Interface types provide the fields they describe. Abstract types, Union and Interface, provide the Object types possible at runtime. List and NonNull types compose other types.");
    public static readonly ObjectType FieldType = new("__Field",
        "Object and Interface types are described by a list of Fields, each of which has a name, potentially a list of arguments, and a return type.");
    public static readonly ObjectType InputValueType = new("__InputValue",
        "Arguments provided to Fields or Directives and the input fields of an InputObject are represented as Input Values which describe their type and optionally a default value.");
    public static readonly ObjectType EnumValueType = new("__EnumValue",
        "One possible value for a given Enum. Enum values are unique values, not a placeholder for a string or numeric value. However an Enum value is returned in a JSON response as a string.");
    public static readonly ObjectType DirectiveType = new("__Directive",
        "A Directive provides a way to describe alternate runtime execution and type validation behavior in a GraphQL document.\n\nIn some cases, you need to provide options to alter GraphQL's execution behavior in ways field arguments will not suffice, such as conditionally including or skipping a field. Directives provide this by describing additional information to the executor.");
    public static readonly EnumType TypeKindType = new("__TypeKind", Enum.GetNames<TypeKind>(),
        "An enum describing what kind of type a given `__Type` is.");
    public static readonly EnumType DirectiveLocationType = new("__DirectiveLocation", Enum.GetNames<DirectiveLocation>(),
        "A Directive can be adjacent to many parts of the GraphQL language, a __DirectiveLocation describes one such possible adjacencies.");

    public static readonly FieldDefinition SchemaField = new("__schema", SchemaType.NonNull(),
        ctx => new ValueTask<object?>(ctx.Schema), "Access the current type schema of this server.");

    public static readonly FieldDefinition TypeField = new FieldDefinition("__type", TypeType,
        ctx => new ValueTask<object?>(ctx.Schema.GetType(ctx.Argument<string>("name")!)), "Request the type information of a single type.")
        .Arg("name", Scalars.String.NonNull());

    static Introspection()
    {
        var types = TypeType.NonNull().List().NonNull();
        SchemaType.Field("description", Scalars.String, c => S(c).Description);
        SchemaType.Field("types", types, c => S(c).Types.ToList(), "A list of all types supported by this server.");
        SchemaType.Field("queryType", TypeType.NonNull(), c => S(c).Query, "The type that query operations will be rooted at.");
        SchemaType.Field("mutationType", TypeType, c => S(c).Mutation, "If this server supports mutation, the type that mutation operations will be rooted at.");
        SchemaType.Field("subscriptionType", TypeType, c => S(c).Subscription, "If this server support subscription, the type that subscription operations will be rooted at.");
        SchemaType.Field("directives", DirectiveType.NonNull().List().NonNull(), c => S(c).Directives, "A list of all directives supported by this server.");

        TypeType.Field("kind", TypeKindType.NonNull(), c => T(c).Kind.ToString());
        TypeType.Field("name", Scalars.String, c => (c.Source as NamedType)?.Name);
        TypeType.Field("description", Scalars.String, c => (c.Source as NamedType)?.Description);
        TypeType.Field("specifiedByURL", Scalars.String, c => (c.Source as ScalarType)?.SpecifiedByUrl);
        TypeType.Field("fields", FieldType.NonNull().List(), c => c.Source is ComplexType t
                ? t.Fields.Where(f => IncludeDeprecated(c) || f.DeprecationReason is null).ToList()
                : null)
            .Arg(new InputValue("includeDeprecated", Scalars.Boolean).WithDefault(false));
        TypeType.Field("interfaces", TypeType.NonNull().List(), c => c.Source is ComplexType t ? t.Interfaces : null);
        TypeType.Field("possibleTypes", TypeType.NonNull().List(), c => c.Source is InterfaceType or UnionType ? c.Schema.PossibleTypes((NamedType)c.Source) : null);
        TypeType.Field("enumValues", EnumValueType.NonNull().List(), c => c.Source is EnumType e
                ? e.Values.Where(v => IncludeDeprecated(c) || v.DeprecationReason is null).ToList()
                : null)
            .Arg(new InputValue("includeDeprecated", Scalars.Boolean).WithDefault(false));
        TypeType.Field("inputFields", InputValueType.NonNull().List(), c => c.Source is InputObjectType io
                ? io.Fields.Where(v => IncludeDeprecated(c) || v.DeprecationReason is null).ToList()
                : null)
            .Arg(new InputValue("includeDeprecated", Scalars.Boolean).WithDefault(false));
        TypeType.Field("ofType", TypeType, c => c.Source switch { ListType l => l.OfType, NonNullType n => n.OfType, _ => null });

        FieldType.Field("name", Scalars.String.NonNull(), c => F(c).Name);
        FieldType.Field("description", Scalars.String, c => F(c).Description);
        FieldType.Field("args", InputValueType.NonNull().List().NonNull(), c => F(c).Arguments.Where(a => IncludeDeprecated(c) || a.DeprecationReason is null).ToList())
            .Arg(new InputValue("includeDeprecated", Scalars.Boolean).WithDefault(false));
        FieldType.Field("type", TypeType.NonNull(), c => F(c).Type);
        FieldType.Field("isDeprecated", Scalars.Boolean.NonNull(), c => F(c).DeprecationReason is not null);
        FieldType.Field("deprecationReason", Scalars.String, c => F(c).DeprecationReason);

        InputValueType.Field("name", Scalars.String.NonNull(), c => I(c).Name);
        InputValueType.Field("description", Scalars.String, c => I(c).Description);
        InputValueType.Field("type", TypeType.NonNull(), c => I(c).Type);
        InputValueType.Field("defaultValue", Scalars.String, c => I(c).HasDefault ? Values.PrintLiteral(I(c).DefaultValue, I(c).Type) : null,
            "A GraphQL-formatted string representing the default value for this input value.");
        InputValueType.Field("isDeprecated", Scalars.Boolean.NonNull(), c => I(c).DeprecationReason is not null);
        InputValueType.Field("deprecationReason", Scalars.String, c => I(c).DeprecationReason);

        EnumValueType.Field("name", Scalars.String.NonNull(), c => E(c).Name);
        EnumValueType.Field("description", Scalars.String, c => E(c).Description);
        EnumValueType.Field("isDeprecated", Scalars.Boolean.NonNull(), c => E(c).DeprecationReason is not null);
        EnumValueType.Field("deprecationReason", Scalars.String, c => E(c).DeprecationReason);

        DirectiveType.Field("name", Scalars.String.NonNull(), c => D(c).Name);
        DirectiveType.Field("description", Scalars.String, c => D(c).Description);
        DirectiveType.Field("isRepeatable", Scalars.Boolean.NonNull(), c => D(c).IsRepeatable);
        DirectiveType.Field("locations", DirectiveLocationType.NonNull().List().NonNull(), c => D(c).Locations.Select(l => l.ToString()).ToList());
        DirectiveType.Field("args", InputValueType.NonNull().List().NonNull(), c => D(c).Arguments.Where(a => IncludeDeprecated(c) || a.DeprecationReason is null).ToList())
            .Arg(new InputValue("includeDeprecated", Scalars.Boolean).WithDefault(false));
    }

    public static bool IsIntrospectionType(NamedType type) => type.Name.StartsWith("__", StringComparison.Ordinal);

    private static bool IncludeDeprecated(ResolveContext c) => c.Argument<bool>("includeDeprecated");
    private static Schema S(ResolveContext c) => (Schema)c.Source!;
    private static GraphQLType T(ResolveContext c) => (GraphQLType)c.Source!;
    private static FieldDefinition F(ResolveContext c) => (FieldDefinition)c.Source!;
    private static InputValue I(ResolveContext c) => (InputValue)c.Source!;
    private static EnumValueDefinition E(ResolveContext c) => (EnumValueDefinition)c.Source!;
    private static DirectiveDefinition D(ResolveContext c) => (DirectiveDefinition)c.Source!;
}
