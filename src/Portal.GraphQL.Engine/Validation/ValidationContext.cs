using System.Runtime.CompilerServices;
using Portal.GraphQL.Engine.Language;
using Portal.GraphQL.Engine.Types;

namespace Portal.GraphQL.Engine.Validation;

/// <summary>A variable used where a value of <see cref="Type"/> is expected.</summary>
internal sealed record VariableUsage(Variable Node, GraphQLType? Type, bool LocationHasDefault);

/// <summary>What the walk learns and the rules share: the schema, fragments, variable usages and the errors so far.</summary>
internal sealed class ValidationContext(Schema schema, Document document, int maxErrors)
{
    public Schema Schema { get; } = schema;
    public Document Document { get; } = document;
    public List<GraphQLError> Errors { get; } = [];
    public bool Aborted { get; private set; }

    public Dictionary<string, FragmentDefinition> Fragments { get; } = document.Fragments
        .GroupBy(f => f.Name.Value).ToDictionary(g => g.Key, g => g.First());

    /// <summary>Variable usages and spreads per operation or fragment definition, filled during the walk.</summary>
    public Dictionary<Definition, List<VariableUsage>> Usages { get; } = new(ReferenceEqualityComparer.Instance);
    public Dictionary<Definition, List<FragmentSpread>> Spreads { get; } = new(ReferenceEqualityComparer.Instance);

    public void Report(string message, params Node[] nodes)
    {
        if (Aborted) return;
        if (Errors.Count >= maxErrors)
        {
            Errors.Add(new GraphQLError("Too many validation errors, error limit reached. Validation aborted."));
            Aborted = true;
            return;
        }
        Errors.Add(new GraphQLError(message, [.. nodes.Select(n => Document.Source.LocationOf(n.Start))]));
    }

    /// <summary>Every fragment an operation or fragment reaches through spreads, each once.</summary>
    public List<FragmentDefinition> RecursivelyReferencedFragments(Definition definition)
    {
        var result = new List<FragmentDefinition>();
        var seen = new HashSet<string>();
        var stack = new Stack<Definition>([definition]);
        while (stack.Count > 0)
            foreach (var spread in Spreads.GetValueOrDefault(stack.Pop()) ?? [])
                if (seen.Add(spread.Name.Value) && Fragments.TryGetValue(spread.Name.Value, out var fragment))
                {
                    result.Add(fragment);
                    stack.Push(fragment);
                }
        return result;
    }

    public IEnumerable<VariableUsage> RecursiveUsages(OperationDefinition operation) =>
        (Usages.GetValueOrDefault(operation) ?? []).Concat(RecursivelyReferencedFragments(operation).SelectMany(f => Usages.GetValueOrDefault(f) ?? []));

    public GraphQLType? TypeFromAst(TypeNode node) => Execution.Values.TypeFromAst(Schema, node);

    /// <summary>The definition of a field on a type, including the meta fields.</summary>
    public FieldDefinition? FieldDefinition(NamedType? parent, string name)
    {
        if (name == "__typename" && parent is ComplexType or UnionType) return TypenameField;
        if (parent == Schema.Query && name == "__schema") return Introspection.SchemaField;
        if (parent == Schema.Query && name == "__type") return Introspection.TypeField;
        return (parent as ComplexType)?.GetField(name);
    }

    private static readonly FieldDefinition TypenameField = new("__typename", Scalars.String.NonNull(), null, "The name of the current Object type at runtime.");

    public static int Identity(object o) => RuntimeHelpers.GetHashCode(o);
}
