using Portal.GraphQL.Engine.Language;
using Portal.GraphQL.Engine.Types;

namespace Portal.GraphQL.Engine.Validation;

/// <summary>The rules that look at one node, applied in one walk with the schema type of each position.</summary>
public sealed partial class Validator
{
    private Definition current = null!;

    private void Begin(Definition definition)
    {
        current = definition;
        context.Usages[definition] = [];
        context.Spreads[definition] = [];
    }

    private void WalkOperation(OperationDefinition operation)
    {
        Begin(operation);
        // 5.8.1 Variable Uniqueness
        foreach (var group in operation.VariableDefinitions.GroupBy(v => v.Variable.Name.Value).Where(g => g.Count() > 1))
            context.Report($"There can be only one variable named \"${group.Key}\".", [.. group.Select(v => (Node)v.Variable.Name)]);
        foreach (var definition in operation.VariableDefinitions)
        {
            var type = KnownType(definition.Type);
            // 5.8.2 Variables Are Input Types
            if (type is not null && !type.IsInputType)
                context.Report($"Variable \"${definition.Variable.Name.Value}\" cannot be non-input type \"{definition.Type}\".", definition.Type);
            if (definition.DefaultValue is not null && type is { IsInputType: true }) WalkValue(definition.DefaultValue, type, false);
            WalkDirectives(definition.Directives, DirectiveLocation.VARIABLE_DEFINITION);
        }
        WalkDirectives(operation.Directives, operation.Operation switch
        {
            OperationType.Query => DirectiveLocation.QUERY,
            OperationType.Mutation => DirectiveLocation.MUTATION,
            _ => DirectiveLocation.SUBSCRIPTION,
        });
        WalkSelectionSet(operation.SelectionSet, context.Schema.RootType(operation.Operation));
    }

    private void WalkFragmentDefinition(FragmentDefinition fragment)
    {
        Begin(fragment);
        var type = ConditionType(fragment.TypeCondition, fragment.Name.Value);
        WalkDirectives(fragment.Directives, DirectiveLocation.FRAGMENT_DEFINITION);
        WalkSelectionSet(fragment.SelectionSet, type);
    }

    /// <summary>5.5.1.2 Fragment Spread Type Existence and 5.5.1.3 Fragments On Composite Types.</summary>
    private NamedType? ConditionType(NamedTypeNode condition, string? fragmentName)
    {
        var type = context.Schema.GetType(condition.Name.Value);
        if (type is null)
        {
            context.Report($"Unknown type \"{condition.Name.Value}\".", condition);
            return null;
        }
        if (type is ComplexType or UnionType) return type;
        context.Report(fragmentName is null
            ? $"Fragment cannot condition on non composite type \"{type.Name}\"."
            : $"Fragment \"{fragmentName}\" cannot condition on non composite type \"{type.Name}\".", condition);
        return null;
    }

    private GraphQLType? KnownType(TypeNode node)
    {
        var named = node;
        while (named is not NamedTypeNode) named = named is ListTypeNode l ? l.OfType : ((NonNullTypeNode)named).OfType;
        if (context.Schema.GetType(((NamedTypeNode)named).Name.Value) is null)
        {
            context.Report($"Unknown type \"{((NamedTypeNode)named).Name.Value}\".", named);
            return null;
        }
        return context.TypeFromAst(node);
    }

    private void WalkSelectionSet(SelectionSet set, NamedType? parentType)
    {
        foreach (var selection in set.Selections)
        {
            if (context.Aborted) return;
            switch (selection)
            {
                case Field field: WalkField(field, parentType); break;
                case FragmentSpread spread: WalkFragmentSpread(spread, parentType); break;
                case InlineFragment inline:
                    var type = inline.TypeCondition is null ? parentType : ConditionType(inline.TypeCondition, null);
                    if (inline.TypeCondition is not null) SpreadIsPossible(parentType, type, null, inline);
                    WalkDirectives(inline.Directives, DirectiveLocation.INLINE_FRAGMENT);
                    WalkSelectionSet(inline.SelectionSet, type);
                    break;
            }
        }
    }

    private void WalkField(Field field, NamedType? parentType)
    {
        var name = field.Name.Value;
        var definition = context.FieldDefinition(parentType, name);
        // 5.3.1 Field Selections
        if (parentType is not null && definition is null)
            context.Report($"Cannot query field \"{name}\" on type \"{parentType.Name}\".", field);
        WalkArguments(field.Arguments, definition?.Arguments, $"field \"{parentType?.Name}.{name}\"", $"Field \"{name}\"", field);
        WalkDirectives(field.Directives, DirectiveLocation.FIELD);
        var type = definition?.Type.Unwrap();
        // 5.3.3 Leaf Field Selections
        if (type is not null)
        {
            if (type is ScalarType or EnumType && field.SelectionSet is not null)
                context.Report($"Field \"{name}\" must not have a selection since type \"{definition!.Type}\" has no subfields.", field.SelectionSet);
            else if (type is not (ScalarType or EnumType) && field.SelectionSet is null)
                context.Report($"Field \"{name}\" of type \"{definition!.Type}\" must have a selection of subfields. Did you mean \"{name} {{ ... }}\"?", field);
        }
        if (field.SelectionSet is not null) WalkSelectionSet(field.SelectionSet, type is ComplexType or UnionType ? type : null);
    }

    private void WalkFragmentSpread(FragmentSpread spread, NamedType? parentType)
    {
        context.Spreads[current].Add(spread);
        WalkDirectives(spread.Directives, DirectiveLocation.FRAGMENT_SPREAD);
        // 5.5.2.1 Fragment spread target defined
        if (!context.Fragments.TryGetValue(spread.Name.Value, out var fragment))
        {
            context.Report($"Unknown fragment \"{spread.Name.Value}\".", spread.Name);
            return;
        }
        var type = context.Schema.GetType(fragment.TypeCondition.Name.Value);
        SpreadIsPossible(parentType, type is ComplexType or UnionType ? type : null, spread.Name.Value, spread);
    }

    // 5.5.2.3 Fragment spread is possible
    private void SpreadIsPossible(NamedType? parentType, NamedType? fragmentType, string? fragmentName, Node node)
    {
        if (parentType is null || fragmentType is null) return;
        var parentPossible = context.Schema.PossibleTypes(parentType);
        if (context.Schema.PossibleTypes(fragmentType).Any(parentPossible.Contains)) return;
        context.Report(fragmentName is null
            ? $"Fragment cannot be spread here as objects of type \"{parentType.Name}\" can never be of type \"{fragmentType.Name}\"."
            : $"Fragment \"{fragmentName}\" cannot be spread here as objects of type \"{parentType.Name}\" can never be of type \"{fragmentType.Name}\".", node);
    }

    private void WalkDirectives(IReadOnlyList<Directive> directives, DirectiveLocation location)
    {
        var seen = new Dictionary<string, Directive>();
        foreach (var directive in directives)
        {
            var name = directive.Name.Value;
            var definition = context.Schema.GetDirective(name);
            // 5.7.1 Directives Are Defined, 5.7.2 Directives Are In Valid Locations
            if (definition is null) context.Report($"Unknown directive \"@{name}\".", directive);
            else if (!definition.Locations.Contains(location)) context.Report($"Directive \"@{name}\" may not be used on {location}.", directive);
            // 5.7.3 Directives Are Unique Per Location
            if (definition is { IsRepeatable: false } && !seen.TryAdd(name, directive))
                context.Report($"The directive \"@{name}\" can only be used once at this location.", seen[name], directive);
            WalkArguments(directive.Arguments, definition?.Arguments, $"directive \"@{name}\"", $"Directive \"@{name}\"", directive);
        }
    }

    private void WalkArguments(IReadOnlyList<Argument> arguments, IReadOnlyList<InputValue>? definitions, string owner, string ownerTitle, Node ownerNode)
    {
        // 5.4.2 Argument Uniqueness
        foreach (var group in arguments.GroupBy(a => a.Name.Value).Where(g => g.Count() > 1))
            context.Report($"There can be only one argument named \"{group.Key}\".", [.. group.Select(a => (Node)a.Name)]);
        foreach (var argument in arguments)
        {
            var definition = definitions?.FirstOrDefault(d => d.Name == argument.Name.Value);
            // 5.4.1 Argument Names
            if (definitions is not null && definition is null)
                context.Report($"Unknown argument \"{argument.Name.Value}\" on {owner}.", argument);
            WalkValue(argument.Value, definition?.Type, definition?.HasDefault ?? false);
        }
        // 5.4.2.1 Required Arguments
        foreach (var definition in definitions ?? [])
            if (definition.Type is NonNullType && !definition.HasDefault && arguments.All(a => a.Name.Value != definition.Name))
                context.Report($"{ownerTitle} argument \"{definition.Name}\" of type \"{definition.Type}\" is required, but it was not provided.", ownerNode);
    }
}
