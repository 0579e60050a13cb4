using Portal.GraphQL.Engine.Language;
using Portal.GraphQL.Engine.Types;

namespace Portal.GraphQL.Engine.Validation;

/// <summary>
/// Every validation rule of spec section 5 that applies to executable documents. Rules that look at one node run
/// during one walk of the document (Validator.Walk.cs); rules about the whole document run before or after it.
/// Messages follow the reference implementation's wording.
/// </summary>
public sealed partial class Validator
{
    private readonly ValidationContext context;

    private Validator(Schema schema, Document document, int maxErrors) => context = new ValidationContext(schema, document, maxErrors);

    public static IReadOnlyList<GraphQLError> Validate(Schema schema, Document document, int maxErrors = 100)
    {
        var validator = new Validator(schema, document, maxErrors);
        validator.Run();
        return validator.context.Errors;
    }

    private void Run()
    {
        ExecutableDefinitions();
        OperationNameUniqueness();
        LoneAnonymousOperation();
        OperationTypesSupported();
        SubscriptionSingleRootField();
        FragmentNameUniqueness();
        foreach (var definition in context.Document.Definitions)
        {
            if (context.Aborted) return;
            switch (definition)
            {
                case OperationDefinition operation: WalkOperation(operation); break;
                case FragmentDefinition fragment: WalkFragmentDefinition(fragment); break;
            }
        }
        FragmentsMustBeUsed();
        FragmentSpreadsMustNotFormCycles();
        foreach (var operation in context.Document.Operations)
        {
            AllVariableUsesDefined(operation);
            AllVariablesUsed(operation);
            AllVariableUsagesAreAllowed(operation);
        }
        if (!context.Aborted) new OverlappingFields(context).Check();
    }

    // 5.1.1 Executable Definitions
    private void ExecutableDefinitions()
    {
        foreach (var definition in context.Document.Definitions.OfType<TypeSystemDefinition>())
            context.Report(definition.Name is null
                ? "The schema definition is not executable."
                : $"The \"{definition.Name.Value}\" definition is not executable.", definition);
    }

    // 5.2.1.1 Operation Name Uniqueness
    private void OperationNameUniqueness()
    {
        foreach (var group in context.Document.Operations.Where(o => o.Name is not null).GroupBy(o => o.Name!.Value).Where(g => g.Count() > 1))
            context.Report($"There can be only one operation named \"{group.Key}\".", [.. group.Select(o => (Node)o.Name!)]);
    }

    // 5.2.2.1 Lone Anonymous Operation
    private void LoneAnonymousOperation()
    {
        var operations = context.Document.Operations.ToList();
        if (operations.Count < 2) return;
        foreach (var operation in operations.Where(o => o.Name is null))
            context.Report("This anonymous operation must be the only defined operation.", operation);
    }

    private void OperationTypesSupported()
    {
        foreach (var operation in context.Document.Operations)
            if (context.Schema.RootType(operation.Operation) is null)
                context.Report($"The schema does not support {operation.Operation.ToString().ToLowerInvariant()} operations.", operation);
    }

    // 5.2.3.1 Single Root Field (collected as in execution, without variables: @skip/@include are not allowed to hide fields here)
    private void SubscriptionSingleRootField()
    {
        foreach (var operation in context.Document.Operations.Where(o => o.Operation == OperationType.Subscription))
        {
            var fields = new List<Field>();
            CollectRootFields(operation.SelectionSet, fields, []);
            var name = operation.Name is null ? "Anonymous Subscription" : $"Subscription \"{operation.Name.Value}\"";
            var keys = fields.GroupBy(f => f.ResponseKey).ToList();
            if (keys.Count > 1)
                context.Report($"{name} must select only one top level field.", [.. keys.Skip(1).SelectMany(g => g)]);
            foreach (var field in fields.Where(f => f.Name.Value.StartsWith("__", StringComparison.Ordinal)))
                context.Report($"{name} must not select an introspection top level field.", field);
        }
    }

    private void CollectRootFields(SelectionSet set, List<Field> fields, HashSet<string> visited)
    {
        foreach (var selection in set.Selections)
            switch (selection)
            {
                case Field field: fields.Add(field); break;
                case InlineFragment inline: CollectRootFields(inline.SelectionSet, fields, visited); break;
                case FragmentSpread spread when visited.Add(spread.Name.Value) && context.Fragments.TryGetValue(spread.Name.Value, out var fragment):
                    CollectRootFields(fragment.SelectionSet, fields, visited);
                    break;
            }
    }

    // 5.5.1.1 Fragment Name Uniqueness
    private void FragmentNameUniqueness()
    {
        foreach (var group in context.Document.Fragments.GroupBy(f => f.Name.Value).Where(g => g.Count() > 1))
            context.Report($"There can be only one fragment named \"{group.Key}\".", [.. group.Select(f => (Node)f.Name)]);
    }

    // 5.5.1.4 Fragments Must Be Used
    private void FragmentsMustBeUsed()
    {
        var used = context.Document.Operations.SelectMany(context.RecursivelyReferencedFragments).Select(f => f.Name.Value).ToHashSet();
        foreach (var fragment in context.Document.Fragments.Where(f => !used.Contains(f.Name.Value)))
            context.Report($"Fragment \"{fragment.Name.Value}\" is never used.", fragment);
    }

    // 5.5.2.2 Fragment spreads must not form cycles
    private void FragmentSpreadsMustNotFormCycles()
    {
        var visited = new HashSet<string>();
        var pathIndex = new Dictionary<string, int>();
        var path = new List<FragmentSpread>();
        foreach (var fragment in context.Document.Fragments)
            if (!visited.Contains(fragment.Name.Value)) Detect(fragment);

        void Detect(FragmentDefinition fragment)
        {
            var name = fragment.Name.Value;
            if (!visited.Add(name)) return;
            var spreads = context.Spreads.GetValueOrDefault(fragment) ?? [];
            pathIndex[name] = path.Count;
            foreach (var spread in spreads)
            {
                var target = spread.Name.Value;
                path.Add(spread);
                if (pathIndex.TryGetValue(target, out var cycleStart))
                {
                    var cycle = path.Skip(cycleStart).ToList();
                    var via = string.Join(", ", cycle.SkipLast(1).Select(s => $"\"{s.Name.Value}\""));
                    context.Report($"Cannot spread fragment \"{target}\" within itself" + (via.Length > 0 ? $" via {via}." : "."), [.. cycle]);
                }
                else if (context.Fragments.TryGetValue(target, out var next)) Detect(next);
                path.RemoveAt(path.Count - 1);
            }
            pathIndex.Remove(name);
        }
    }

    // 5.8.3 All Variable Uses Defined
    private void AllVariableUsesDefined(OperationDefinition operation)
    {
        var defined = operation.VariableDefinitions.Select(v => v.Variable.Name.Value).ToHashSet();
        var reported = new HashSet<string>();
        foreach (var usage in context.RecursiveUsages(operation))
        {
            var name = usage.Node.Name.Value;
            if (defined.Contains(name) || !reported.Add(name + "@" + usage.Node.Start)) continue;
            context.Report(operation.Name is null
                ? $"Variable \"${name}\" is not defined."
                : $"Variable \"${name}\" is not defined by operation \"{operation.Name.Value}\".", usage.Node, operation);
        }
    }

    // 5.8.4 All Variables Used
    private void AllVariablesUsed(OperationDefinition operation)
    {
        var used = context.RecursiveUsages(operation).Select(u => u.Node.Name.Value).ToHashSet();
        foreach (var definition in operation.VariableDefinitions.Where(v => !used.Contains(v.Variable.Name.Value)))
            context.Report(operation.Name is null
                ? $"Variable \"${definition.Variable.Name.Value}\" is never used."
                : $"Variable \"${definition.Variable.Name.Value}\" is never used in operation \"{operation.Name.Value}\".", definition);
    }

    // 5.8.5 All Variable Usages Are Allowed
    private void AllVariableUsagesAreAllowed(OperationDefinition operation)
    {
        var definitions = operation.VariableDefinitions.GroupBy(v => v.Variable.Name.Value).ToDictionary(g => g.Key, g => g.First());
        foreach (var usage in context.RecursiveUsages(operation))
        {
            if (usage.Type is null || !definitions.TryGetValue(usage.Node.Name.Value, out var definition)) continue;
            var variableType = context.TypeFromAst(definition.Type);
            if (variableType is null) continue;
            if (!IsAllowed(variableType, definition.DefaultValue, usage.Type, usage.LocationHasDefault))
                context.Report($"Variable \"${usage.Node.Name.Value}\" of type \"{variableType}\" used in position expecting type \"{usage.Type}\".",
                    definition, usage.Node);
        }
    }

    private bool IsAllowed(GraphQLType variableType, Value? variableDefault, GraphQLType locationType, bool locationHasDefault)
    {
        if (locationType is NonNullType nonNullLocation && variableType is not NonNullType)
        {
            var hasNonNullDefault = variableDefault is not null and not NullValue;
            return (hasNonNullDefault || locationHasDefault) && IsSubType(variableType, nonNullLocation.OfType);
        }
        return IsSubType(variableType, locationType);
    }

    private bool IsSubType(GraphQLType maybeSub, GraphQLType super)
    {
        if (maybeSub.Equals(super) || ReferenceEquals(maybeSub, super)) return true;
        if (super is NonNullType superNonNull) return maybeSub is NonNullType sub && IsSubType(sub.OfType, superNonNull.OfType);
        if (maybeSub is NonNullType nonNull) return IsSubType(nonNull.OfType, super);
        if (super is ListType superList) return maybeSub is ListType subList && IsSubType(subList.OfType, superList.OfType);
        if (maybeSub is ListType) return false;
        return super is NamedType s && maybeSub is NamedType m && context.Schema.IsSubType(s, m);
    }
}
