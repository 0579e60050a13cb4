using Portal.GraphQL.Engine.Language;
using Portal.GraphQL.Engine.Types;

namespace Portal.GraphQL.Engine.Validation;

/// <summary>
/// 5.3.2 Field Selection Merging. Every selection set is checked with its fragments expanded; two fields with one
/// response name are compared, and their sub-selections compared across the two sides. Comparisons are memoised
/// and capped so that a hostile document cannot make validation exponential.
/// </summary>
internal sealed class OverlappingFields(ValidationContext context)
{
    private const int MaxComparisons = 100_000;
    private readonly HashSet<(Field, Field)> reported = [];
    private readonly Dictionary<(Field, Field, bool), Conflict?> memo = [];
    private int comparisons;

    private sealed record FieldInfo(Field Node, NamedType? ParentType, FieldDefinition? Definition);
    private sealed record Conflict(string ResponseKey, string Reason, List<Field> FieldsA, List<Field> FieldsB);

    public void Check()
    {
        foreach (var definition in context.Document.Definitions)
        {
            var (set, type) = definition switch
            {
                OperationDefinition o => (o.SelectionSet, (NamedType?)context.Schema.RootType(o.Operation)),
                FragmentDefinition f => (f.SelectionSet, context.Schema.GetType(f.TypeCondition.Name.Value)),
                _ => (null, null),
            };
            if (set is not null) CheckSelectionSet(set, type);
            if (comparisons > MaxComparisons)
            {
                context.Report("The document is too complex to validate: too many overlapping fields.");
                return;
            }
        }
    }

    private void CheckSelectionSet(SelectionSet set, NamedType? parentType)
    {
        var fields = Collect(set, parentType);
        foreach (var group in fields.Values)
            for (var i = 0; i < group.Count; i++)
                for (var j = i + 1; j < group.Count; j++)
                    if (Compare(group[i], group[j], false) is { } conflict) Report(conflict);
        foreach (var selection in set.Selections)
        {
            if (comparisons > MaxComparisons) return;
            switch (selection)
            {
                case Field field when field.SelectionSet is not null:
                    CheckSelectionSet(field.SelectionSet, context.FieldDefinition(parentType, field.Name.Value)?.Type.Unwrap());
                    break;
                case InlineFragment inline:
                    CheckSelectionSet(inline.SelectionSet, inline.TypeCondition is null ? parentType : context.Schema.GetType(inline.TypeCondition.Name.Value));
                    break;
            }
        }
    }

    private void Report(Conflict conflict)
    {
        var key = (conflict.FieldsA[0], conflict.FieldsB[0]);
        if (!reported.Add(key) || !reported.Add((key.Item2, key.Item1))) return;
        context.Report($"Fields \"{conflict.ResponseKey}\" conflict because {conflict.Reason}. Use different aliases on the fields to fetch both if this was intentional.",
            [.. conflict.FieldsA.Concat(conflict.FieldsB).Distinct()]);
    }

    private Conflict? Compare(FieldInfo a, FieldInfo b, bool parentsExclusive)
    {
        if (ReferenceEquals(a.Node, b.Node)) return null;
        if (++comparisons > MaxComparisons) return null;
        var exclusive = parentsExclusive || (a.ParentType != b.ParentType && a.ParentType is ObjectType && b.ParentType is ObjectType);
        if (memo.TryGetValue((a.Node, b.Node, exclusive), out var known)) return known;
        var result = CompareUncached(a, b, exclusive);
        memo[(a.Node, b.Node, exclusive)] = result;
        return result;
    }

    private Conflict? CompareUncached(FieldInfo a, FieldInfo b, bool exclusive)
    {
        var key = a.Node.ResponseKey;
        if (!exclusive)
        {
            if (a.Node.Name.Value != b.Node.Name.Value)
                return new Conflict(key, $"\"{a.Node.Name.Value}\" and \"{b.Node.Name.Value}\" are different fields", [a.Node], [b.Node]);
            if (!SameArguments(a.Node.Arguments, b.Node.Arguments))
                return new Conflict(key, "they have differing arguments", [a.Node], [b.Node]);
        }
        var typeA = a.Definition?.Type;
        var typeB = b.Definition?.Type;
        if (typeA is not null && typeB is not null && TypesConflict(typeA, typeB))
            return new Conflict(key, $"they return conflicting types \"{typeA}\" and \"{typeB}\"", [a.Node], [b.Node]);
        if (a.Node.SelectionSet is null || b.Node.SelectionSet is null) return null;
        var subA = Collect(a.Node.SelectionSet, typeA?.Unwrap());
        var subB = Collect(b.Node.SelectionSet, typeB?.Unwrap());
        var reasons = new List<Conflict>();
        foreach (var (responseKey, fieldsA) in subA)
        {
            if (!subB.TryGetValue(responseKey, out var fieldsB)) continue;
            foreach (var fa in fieldsA)
                foreach (var fb in fieldsB)
                    if (Compare(fa, fb, exclusive) is { } conflict && reasons.All(r => r.ResponseKey != conflict.ResponseKey))
                        reasons.Add(conflict);
        }
        if (reasons.Count == 0) return null;
        var reason = "subfields " + string.Join(" and ", reasons.Select(r => $"\"{r.ResponseKey}\" conflict because {r.Reason}"));
        return new Conflict(key, reason, [a.Node, .. reasons.SelectMany(r => r.FieldsA)], [b.Node, .. reasons.SelectMany(r => r.FieldsB)]);
    }

    private static bool SameArguments(IReadOnlyList<Argument> a, IReadOnlyList<Argument> b) =>
        a.Count == b.Count && a.All(x => b.FirstOrDefault(y => y.Name.Value == x.Name.Value) is { } match && match.Value.ToString() == x.Value.ToString());

    private static bool TypesConflict(GraphQLType a, GraphQLType b)
    {
        if (a is ListType la) return b is not ListType lb || TypesConflict(la.OfType, lb.OfType);
        if (b is ListType) return true;
        if (a is NonNullType na) return b is not NonNullType nb || TypesConflict(na.OfType, nb.OfType);
        if (b is NonNullType) return true;
        if (a.IsLeaf || b.IsLeaf) return !ReferenceEquals(a, b);
        return false;
    }

    private Dictionary<string, List<FieldInfo>> Collect(SelectionSet set, NamedType? parentType)
    {
        var result = new Dictionary<string, List<FieldInfo>>();
        Collect(set, parentType, result, []);
        return result;
    }

    private void Collect(SelectionSet set, NamedType? parentType, Dictionary<string, List<FieldInfo>> result, HashSet<string> visited)
    {
        foreach (var selection in set.Selections)
            switch (selection)
            {
                case Field field:
                    if (!result.TryGetValue(field.ResponseKey, out var list)) result[field.ResponseKey] = list = [];
                    list.Add(new FieldInfo(field, parentType, context.FieldDefinition(parentType, field.Name.Value)));
                    break;
                case InlineFragment inline:
                    Collect(inline.SelectionSet, inline.TypeCondition is null ? parentType : context.Schema.GetType(inline.TypeCondition.Name.Value), result, visited);
                    break;
                case FragmentSpread spread when visited.Add(spread.Name.Value) && context.Fragments.TryGetValue(spread.Name.Value, out var fragment):
                    Collect(fragment.SelectionSet, context.Schema.GetType(fragment.TypeCondition.Name.Value), result, visited);
                    break;
            }
    }
}
