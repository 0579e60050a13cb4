using Portal.GraphQL.Engine.Language;

namespace Portal.GraphQL.Engine.Tests;

/// <summary>Spec section 2 (Language): documents that parse, and documents that fail with a message and location.</summary>
public class ParserTests
{
    public static TheoryData<string> ValidDocuments => new()
    {
        "{ a }",
        "query { a }",
        "query Q($id: ID! = \"1\", $list: [Int!]! = [1, 2], $o: In = {a: 1, b: [true, null]}) @dir { a(id: $id) }",
        "mutation M { like(id: 1) { count } }",
        "subscription S { newMessage { body } }",
        "{ alias: field(arg: \"x\") @include(if: true) @skip(if: false) }",
        "{ ... on Dog { name } ... @include(if: true) { name } ...Frag }\nfragment Frag on Dog { name }",
        "{ f(a: 1, b: -1.5e10, c: 0, d: -0, e: 1E2, f: 0.0, g: ENUM_VALUE, h: null, i: true, j: [], k: {}) }",
        "{ f(s: \"\\u00e9\\u{1F600}\\uD83D\\uDE00 \\\" \\\\ \\/ \\b \\f \\n \\r \\t\") }",
        "{ f(s: \"\"\"\n    block\n      indented \\\"\"\" \"\n  \"\"\") }",
        "# comment\n{ a, b,, c } # trailing",
        "\uFEFF{ a }",
        "query ($v: Int @dir) { a }",
        "{ on: a fragment: b query: c null: d true: e }",
        "{ a(x: $var) }",
    };

    [Theory, MemberData(nameof(ValidDocuments))]
    public void Valid_documents_parse(string source) => Assert.NotEmpty(Parser.Parse(source).Definitions);

    public static TheoryData<string, string, int, int> InvalidDocuments => new()
    {
        { "", "Syntax Error: Unexpected <EOF>.", 1, 1 },
        { "{", "Syntax Error: Expected Name, found <EOF>.", 1, 2 },
        { "{ a", "Syntax Error: Expected Name, found <EOF>.", 1, 4 },
        { "{ a(b: ) }", "Syntax Error: Unexpected \")\".", 1, 8 },
        { "query Q { a }}", "Syntax Error: Unexpected \"}\".", 1, 14 },
        { "{ a(b: $) }", "Syntax Error: Expected Name, found \")\".", 1, 9 },
        { "query ($a: Int = $b) { a }", "Syntax Error: Unexpected variable \"$b\" in constant value.", 1, 18 },
        { "fragment on on Dog { a }", "Syntax Error: Unexpected Name \"on\".", 1, 10 },
        { "fragment F Dog { a }", "Syntax Error: Expected \"on\", found Name \"Dog\".", 1, 12 },
        { "{ ...on }", "Syntax Error: Expected Name, found \"}\".", 1, 9 },
        { "{ a(s: \"unterminated) }", "Syntax Error: Unterminated string.", 1, 24 },
        { "{ a(s: \"line\nbreak\") }", "Syntax Error: Unterminated string.", 1, 13 },
        { "{ a(s: \"\"\"never closed) }", "Syntax Error: Unterminated string.", 1, 26 },
        { "{ a(s: \"\\x\") }", "Syntax Error: Invalid character escape sequence: \"\\x\".", 1, 9 },
        { "{ a(s: \"\\u12G4\") }", "Syntax Error: Invalid Unicode escape sequence: \"\\u12G4\".", 1, 9 },
        { "{ a(s: \"\\uD800\") }", "Syntax Error: Invalid Unicode escape sequence: \"\\uD800\".", 1, 9 },
        { "{ a(s: \"\\u{110000}\") }", "Syntax Error: Invalid Unicode escape sequence: \"\\u{110000}\".", 1, 9 },
        { "{ a(s: \"bell\u0007\") }", "Syntax Error: Invalid character within String: U+0007.", 1, 13 },
        { "{ a(n: 01) }", "Syntax Error: Invalid number, unexpected digit after 0: \"1\".", 1, 9 },
        { "{ a(n: 1.) }", "Syntax Error: Invalid number, expected digit but got: \")\".", 1, 10 },
        { "{ a(n: 1.5e) }", "Syntax Error: Invalid number, expected digit but got: \")\".", 1, 12 },
        { "{ a(n: 12abc) }", "Syntax Error: Invalid number, expected digit but got: \"a\".", 1, 10 },
        { "{ a(n: -) }", "Syntax Error: Invalid number, expected digit but got: \")\".", 1, 9 },
        { "{ a ? }", "Syntax Error: Unexpected character: \"?\".", 1, 5 },
        { "{ a \u0000 }", "Syntax Error: Unexpected character: U+0000.", 1, 5 },
        { "{ a .. }", "Syntax Error: Unexpected character: \".\".", 1, 5 },
        { "{ a }\n\n  notAKeyword { b }", "Syntax Error: Unexpected Name \"notAKeyword\".", 3, 3 },
        { "query Q($a) { b }", "Syntax Error: Expected \":\", found \")\".", 1, 11 },
        { "{ a(x: [1, 2) }", "Syntax Error: Unexpected \")\".", 1, 13 },
        { "{ a(x: {b 1}) }", "Syntax Error: Expected \":\", found Int \"1\".", 1, 11 },
        { "\"desc\" query Q { a }", "Syntax Error: Unexpected Name \"query\".", 1, 8 },
    };

    [Theory, MemberData(nameof(InvalidDocuments))]
    public void Invalid_documents_fail_with_message_and_location(string source, string message, int line, int column)
    {
        var error = Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse(source)).ToError();
        Assert.Equal(message, error.Message);
        Assert.Equal(new Location(line, column), error.Locations.Single());
    }

    [Fact]
    public void Literals_keep_their_values()
    {
        var doc = Parser.Parse("{ f(s: \"\\u00e9\\u{1F600}\\uD83D\\uDE00\\t\", b: \"\"\"\n    first\n      second \\\"\"\"\n\n  \"\"\", i: -12, x: 1.5e3, e: RED) }");
        var args = ((Field)((OperationDefinition)doc.Definitions[0]).SelectionSet.Selections[0]).Arguments;
        Assert.Equal("é😀😀\t", ((StringValue)args[0].Value).Text);
        Assert.Equal("first\n  second \"\"\"", ((StringValue)args[1].Value).Text);
        Assert.True(((StringValue)args[1].Value).Block);
        Assert.Equal("-12", ((IntValue)args[2].Value).Text);
        Assert.Equal("1.5e3", ((FloatValue)args[3].Value).Text);
        Assert.Equal("RED", ((EnumValue)args[4].Value).Text);
    }

    [Fact]
    public void Nodes_know_where_they_start()
    {
        var source = "query Q {\r\n  dog {\n    name: nickname\n  }\n}";
        var doc = Parser.Parse(source);
        var dog = (Field)((OperationDefinition)doc.Definitions[0]).SelectionSet.Selections[0];
        var name = (Field)dog.SelectionSet!.Selections[0];
        Assert.Equal(new Location(2, 3), doc.Source.LocationOf(dog.Start));
        Assert.Equal(new Location(3, 5), doc.Source.LocationOf(name.Start));
        Assert.Equal("name", name.ResponseKey);
        Assert.Equal("nickname", name.Name.Value);
    }

    [Fact]
    public void Type_system_definitions_are_parsed_so_validation_can_refuse_them()
    {
        var doc = Parser.Parse("{ a }\n\"described\" type Foo implements Bar @dir { a(x: Int = 1): [String!]! }\nextend schema { query: Q }\ndirective @d(a: Int) on FIELD\nscalar S");
        var names = doc.Definitions.OfType<TypeSystemDefinition>().Select(d => d.Keyword + " " + d.Name?.Value).ToList();
        Assert.Equal(["type Foo", "extend schema ", "directive d", "scalar S"], names);
    }

    [Fact]
    public void Nesting_beyond_the_limit_is_a_syntax_error_not_a_stack_overflow()
    {
        var deep = new string('{', 100_000);
        var error = Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse("{ a" + deep.Replace("{", " { a")));
        Assert.Contains("maximum nesting depth of 64", error.Message);
        var list = Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse("{ a(x: " + new string('[', 100_000) + ") }"));
        Assert.Contains("maximum nesting depth", list.Message);
    }

    [Fact]
    public void Token_count_is_limited()
    {
        var many = "{ " + string.Join(" ", Enumerable.Repeat("a", 30_000)) + " }";
        var error = Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse(many));
        Assert.Contains("more than 20000 tokens", error.Message);
    }
}
