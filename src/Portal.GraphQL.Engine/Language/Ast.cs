namespace Portal.GraphQL.Engine.Language;

/// <summary>A node of a parsed document; <see cref="Start"/> is the offset of its first character in the source.</summary>
public abstract record Node(int Start);

public sealed record Document(IReadOnlyList<Definition> Definitions, SourceText Source) : Node(0)
{
    public IEnumerable<OperationDefinition> Operations => Definitions.OfType<OperationDefinition>();
    public IEnumerable<FragmentDefinition> Fragments => Definitions.OfType<FragmentDefinition>();
}

public abstract record Definition(int Start) : Node(Start);

public enum OperationType { Query, Mutation, Subscription }

public sealed record OperationDefinition(
    int Start, OperationType Operation, Name? Name, IReadOnlyList<VariableDefinition> VariableDefinitions,
    IReadOnlyList<Directive> Directives, SelectionSet SelectionSet) : Definition(Start);

public sealed record FragmentDefinition(
    int Start, Name Name, NamedTypeNode TypeCondition, IReadOnlyList<Directive> Directives, SelectionSet SelectionSet)
    : Definition(Start);

/// <summary>A type system definition or extension: parsed so that validation can say it is not executable.</summary>
public sealed record TypeSystemDefinition(int Start, string Keyword, Name? Name) : Definition(Start);

public sealed record VariableDefinition(
    int Start, Variable Variable, TypeNode Type, Value? DefaultValue, IReadOnlyList<Directive> Directives) : Node(Start);

public sealed record SelectionSet(int Start, IReadOnlyList<Selection> Selections) : Node(Start);

public abstract record Selection(int Start, IReadOnlyList<Directive> Directives) : Node(Start);

public sealed record Field(
    int Start, Name? Alias, Name Name, IReadOnlyList<Argument> Arguments, IReadOnlyList<Directive> Directives,
    SelectionSet? SelectionSet) : Selection(Start, Directives)
{
    public string ResponseKey => Alias?.Value ?? Name.Value;
}

public sealed record FragmentSpread(int Start, Name Name, IReadOnlyList<Directive> Directives) : Selection(Start, Directives);

public sealed record InlineFragment(
    int Start, NamedTypeNode? TypeCondition, IReadOnlyList<Directive> Directives, SelectionSet SelectionSet)
    : Selection(Start, Directives);

public sealed record Argument(int Start, Name Name, Value Value) : Node(Start);

public sealed record Directive(int Start, Name Name, IReadOnlyList<Argument> Arguments) : Node(Start);

public sealed record Name(int Start, string Value) : Node(Start)
{
    public override string ToString() => Value;
}

public abstract record TypeNode(int Start) : Node(Start);
public sealed record NamedTypeNode(int Start, Name Name) : TypeNode(Start) { public override string ToString() => Name.Value; }
public sealed record ListTypeNode(int Start, TypeNode OfType) : TypeNode(Start) { public override string ToString() => $"[{OfType}]"; }
public sealed record NonNullTypeNode(int Start, TypeNode OfType) : TypeNode(Start) { public override string ToString() => $"{OfType}!"; }

public abstract record Value(int Start) : Node(Start);
public sealed record Variable(int Start, Name Name) : Value(Start) { public override string ToString() => "$" + Name.Value; }
public sealed record IntValue(int Start, string Text) : Value(Start) { public override string ToString() => Text; }
public sealed record FloatValue(int Start, string Text) : Value(Start) { public override string ToString() => Text; }
public sealed record StringValue(int Start, string Text, bool Block) : Value(Start)
{
    public override string ToString() => Printer.Quote(Text);
}
public sealed record BooleanValue(int Start, bool Flag) : Value(Start) { public override string ToString() => Flag ? "true" : "false"; }
public sealed record NullValue(int Start) : Value(Start) { public override string ToString() => "null"; }
public sealed record EnumValue(int Start, string Text) : Value(Start) { public override string ToString() => Text; }
public sealed record ListValue(int Start, IReadOnlyList<Value> Values) : Value(Start)
{
    public override string ToString() => "[" + string.Join(", ", Values) + "]";
}
public sealed record ObjectValue(int Start, IReadOnlyList<ObjectField> Fields) : Value(Start)
{
    public override string ToString() => Fields.Count == 0 ? "{}" : "{ " + string.Join(", ", Fields.Select(f => $"{f.Name.Value}: {f.Value}")) + " }";
}
public sealed record ObjectField(int Start, Name Name, Value Value) : Node(Start);
