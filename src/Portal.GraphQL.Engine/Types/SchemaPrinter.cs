using System.Text;
using Portal.GraphQL.Engine.Execution;
using Portal.GraphQL.Engine.Language;

namespace Portal.GraphQL.Engine.Types;

/// <summary>Prints a schema as SDL, leaving out built-in scalars, directives and introspection types.</summary>
public static class SchemaPrinter
{
    public static string Print(Schema schema)
    {
        var blocks = new List<string>();
        if (schema.Description is not null || schema.Query.Name != "Query" || schema.Mutation is { Name: not "Mutation" } || schema.Subscription is { Name: not "Subscription" })
        {
            var sb = new StringBuilder(Description(schema.Description, "")).Append("schema {\n").Append($"  query: {schema.Query.Name}\n");
            if (schema.Mutation is not null) sb.Append($"  mutation: {schema.Mutation.Name}\n");
            if (schema.Subscription is not null) sb.Append($"  subscription: {schema.Subscription.Name}\n");
            blocks.Add(sb.Append('}').ToString());
        }
        foreach (var directive in schema.Directives.Where(d => !DirectiveDefinition.BuiltIn.Contains(d)).OrderBy(d => d.Name, StringComparer.Ordinal))
            blocks.Add(Description(directive.Description, "") + $"directive @{directive.Name}{Arguments(directive.Arguments, "")}"
                + (directive.IsRepeatable ? " repeatable" : "") + " on " + string.Join(" | ", directive.Locations));
        foreach (var type in schema.Types.Where(t => !Introspection.IsIntrospectionType(t) && !Scalars.BuiltIn.Contains(t)).OrderBy(t => t.Name, StringComparer.Ordinal))
            blocks.Add(PrintType(type));
        return string.Join("\n\n", blocks) + "\n";
    }

    public static string PrintType(NamedType type) => Description(type.Description, "") + type switch
    {
        ScalarType s => $"scalar {s.Name}" + (s.SpecifiedByUrl is null ? "" : $" @specifiedBy(url: {Printer.Quote(s.SpecifiedByUrl)})"),
        ObjectType o => $"type {o.Name}{Implements(o)}{Fields(o)}",
        InterfaceType i => $"interface {i.Name}{Implements(i)}{Fields(i)}",
        UnionType u => $"union {u.Name}" + (u.Types.Count > 0 ? " = " + string.Join(" | ", u.Types.Select(t => t.Name)) : ""),
        EnumType e => $"enum {e.Name}" + Block(e.Values.Select(v => Description(v.Description, "  ") + "  " + v.Name + Deprecated(v.DeprecationReason))),
        InputObjectType io => $"input {io.Name}" + Block(io.Fields.Select(f => Description(f.Description, "  ") + "  " + InputValue(f))),
        _ => throw new InvalidOperationException($"Unknown type {type}"),
    };

    private static string Implements(ComplexType type) =>
        type.Interfaces.Count == 0 ? "" : " implements " + string.Join(" & ", type.Interfaces.Select(i => i.Name));

    private static string Fields(ComplexType type) => Block(type.Fields.Select(f =>
        Description(f.Description, "  ") + $"  {f.Name}{Arguments(f.Arguments, "  ")}: {f.Type}{Deprecated(f.DeprecationReason)}"));

    private static string Block(IEnumerable<string> lines)
    {
        var list = lines.ToList();
        return list.Count == 0 ? "" : " {\n" + string.Join("\n", list) + "\n}";
    }

    private static string Arguments(IReadOnlyList<InputValue> arguments, string indent)
    {
        if (arguments.Count == 0) return "";
        if (arguments.All(a => a.Description is null)) return "(" + string.Join(", ", arguments.Select(InputValue)) + ")";
        return "(\n" + string.Join("\n", arguments.Select(a => Description(a.Description, indent + "  ") + indent + "  " + InputValue(a))) + "\n" + indent + ")";
    }

    private static string InputValue(InputValue value) =>
        $"{value.Name}: {value.Type}" + (value.HasDefault ? " = " + Values.PrintLiteral(value.DefaultValue, value.Type) : "") + Deprecated(value.DeprecationReason);

    private static string Deprecated(string? reason) => reason switch
    {
        null => "",
        DirectiveDefinition.DefaultDeprecationReason => " @deprecated",
        _ => $" @deprecated(reason: {Printer.Quote(reason)})",
    };

    private static string Description(string? description, string indent)
    {
        if (description is null) return "";
        if (!description.Contains('\n') && description.Length < 70 && !description.Contains('"'))
            return indent + Printer.Quote(description) + "\n";
        var body = description.Replace("\"\"\"", "\\\"\"\"");
        return indent + "\"\"\"\n" + string.Join("\n", body.Split('\n').Select(l => l.Length == 0 ? "" : indent + l)) + "\n" + indent + "\"\"\"\n";
    }
}
