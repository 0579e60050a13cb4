using Portal.GraphQL.Engine.Language;
using Portal.GraphQL.Engine.Types;

namespace Portal.GraphQL.Engine.Validation;

/// <summary>5.6 Values: literals of the right type, known and unique input fields, required input fields; records variable usages.</summary>
public sealed partial class Validator
{
    private void WalkValue(Value value, GraphQLType? type, bool locationHasDefault)
    {
        if (value is Variable variable)
        {
            context.Usages[current].Add(new VariableUsage(variable, type, locationHasDefault));
            return;
        }
        // A single value where a list is expected is coerced to a list of one (spec 3.1.7 Input Coercion).
        while (type?.Nullable is ListType list && value is not (ListValue or NullValue)) type = list.OfType;
        if (type is NonNullType && value is NullValue)
        {
            context.Report($"Expected value of type \"{type}\", found null.", value);
            return;
        }
        var nullable = type?.Nullable;
        switch (value)
        {
            case ListValue items:
                var itemType = (nullable as ListType)?.OfType;
                if (nullable is not null and not ListType) CheckLeaf(value, nullable);
                foreach (var item in items.Values) WalkValue(item, itemType, false);
                break;
            case ObjectValue obj:
                var input = nullable as InputObjectType;
                if (nullable is not null and not InputObjectType) CheckLeaf(value, nullable);
                // 5.6.3 Input Object Field Uniqueness
                foreach (var group in obj.Fields.GroupBy(f => f.Name.Value).Where(g => g.Count() > 1))
                    context.Report($"There can be only one input field named \"{group.Key}\".", [.. group.Select(f => (Node)f.Name)]);
                foreach (var field in obj.Fields)
                {
                    var definition = input?.GetField(field.Name.Value);
                    // 5.6.2 Input Object Field Names
                    if (input is not null && definition is null)
                        context.Report($"Field \"{field.Name.Value}\" is not defined by type \"{input.Name}\".", field);
                    WalkValue(field.Value, definition?.Type, definition?.HasDefault ?? false);
                }
                // 5.6.4 Input Object Required Fields
                foreach (var definition in input?.Fields ?? [])
                    if (definition.Type is NonNullType && !definition.HasDefault && obj.Fields.All(f => f.Name.Value != definition.Name))
                        context.Report($"Field \"{input!.Name}.{definition.Name}\" of required type \"{definition.Type}\" was not provided.", obj);
                break;
            case NullValue:
                break;
            default:
                if (nullable is not null) CheckLeaf(value, nullable);
                break;
        }
    }

    // 5.6.1 Values of Correct Type, for a literal in a position of a (nullable) type
    private void CheckLeaf(Value value, GraphQLType type)
    {
        switch (type)
        {
            case EnumType e:
                if (value is not EnumValue ev) context.Report($"Enum \"{e.Name}\" cannot represent non-enum value: {value}.", value);
                else if (e.ByName(ev.Text) is null) context.Report($"Value \"{ev.Text}\" does not exist in \"{e.Name}\" enum.", value);
                break;
            case ScalarType scalar:
                try
                {
                    scalar.ParseLiteral(value);
                }
                catch (GraphQLValueException ex)
                {
                    context.Report(ex.Message, value);
                }
                break;
            default:
                context.Report($"Expected value of type \"{type}\", found {value}.", value);
                break;
        }
    }
}
