using System.Text;
using Portal.GraphQL.Engine.Execution;

namespace Portal.GraphQL.Engine.Tests;

/// <summary>Hostile and broken input always ends in an error response: never an exception, a stack overflow or a hang.</summary>
public class MalformedInputTests
{
    private static async Task<ExecutionResult> Run(string query, Dictionary<string, object?>? variables = null, ExecutionOptions? options = null) =>
        await GraphQLEngine.ExecuteAsync(PetSchema.Schema, new ExecutionRequest { Query = query, Variables = variables }, options);

    public static TheoryData<string, string> Corpus()
    {
        var data = new TheoryData<string, string>
        {
            { "deep selection sets", "{ dog " + string.Concat(Enumerable.Repeat("{ owner ", 5000)) + new string('}', 5001) },
            { "deep list literal", "{ booleanList(booleanListArg: " + new string('[', 50_000) + new string(']', 50_000) + ") }" },
            { "deep object literal", "{ findDog(searchBy: " + string.Concat(Enumerable.Repeat("{ a: ", 50_000)) + "1" + new string('}', 50_000) + ") { name } }" },
            { "deep type reference", "query ($a: " + new string('[', 20_000) + "Int" + new string(']', 20_000) + ") { dog { name } }" },
            { "1 MB of fields", "{ " + string.Concat(Enumerable.Repeat("dog { name } ", 1024 * 1024 / 13)) + "}" },
            { "unterminated 1 MB string", "{ findDog(searchBy: { name: \"" + new string('x', 1024 * 1024) + " }) { name } }" },
            { "replacement characters from invalid UTF-8", Encoding.UTF8.GetString([0x7B, 0x20, 0xC3, 0x28, 0xFF, 0xFE, 0x20, 0x7D]) },
            { "NUL bytes", "{ dog\0 { name } }" },
            { "only whitespace", "   \n\t  " },
            { "fragment bomb", "{ dog { ...F30 } }\nfragment F0 on Dog { name }\n" + string.Join("\n", Enumerable.Range(1, 30).Select(i => $"fragment F{i} on Dog {{ a{i}: owner {{ ...F{i - 1} }} b{i}: owner {{ ...F{i - 1} }} }}")) },
            { "alias flood", "{ " + string.Concat(Enumerable.Range(0, 15_000).Select(i => $"a{i}: dog {{ name }} ")) + "}" },
            { "unclosed block string", "{ dog(a: \"\"\"" + new string('"', 10_000) },
            { "number soup", "{ dog(a: " + new string('9', 100_000) + ") { name } }" },
        };
        return data;
    }

    [Theory, MemberData(nameof(Corpus))]
    public async Task Malformed_documents_get_an_error_response(string name, string query)
    {
        var result = await Run(query, options: new ExecutionOptions { MaxQueryLength = 2_000_000, MaxComplexity = 1000 });
        Assert.True(result.Errors.Count > 0, name);
        Assert.Null(result.Data);
    }

    [Fact]
    public async Task A_lone_surrogate_is_a_syntax_error()
    {
        var result = await Run("{ findDog(searchBy: { name: \"\uD800\" }) { name } }");
        Assert.Equal("Syntax Error: Invalid character within String: U+D800.", result.Errors.Single().Message);
    }

    [Fact]
    public async Task The_query_length_limit_names_the_limit()
    {
        var result = await Run("{ " + new string(' ', 200_000) + "dog { name } }");
        Assert.Equal("maxQueryLength", result.Errors.Single().Extensions!["limit"]);
    }

    [Fact]
    public async Task Huge_variables_are_refused_by_coercion()
    {
        var huge = Enumerable.Range(0, 200_000).Select(i => (object?)(i % 2 == 0)).ToList();
        var big = await Run("query ($l: [Boolean]) { booleanList(booleanListArg: $l) }", new() { ["l"] = huge });
        Assert.Empty(big.Errors);
        var wrong = Enumerable.Range(0, 10_000).Select(i => (object?)"x").ToList();
        var bad = await Run("query ($l: [Boolean]) { booleanList(booleanListArg: $l) }", new() { ["l"] = wrong });
        Assert.False(bad.HasData);
        Assert.Equal(50, bad.Errors.Count);
        Assert.StartsWith("Variable \"$l\" got invalid value [10000 items] at \"l[0]\"; Boolean cannot represent", bad.Errors[0].Message);
    }

    [Fact]
    public async Task Random_mutations_of_valid_documents_never_throw()
    {
        string[] seeds =
        [
            "query Q($x: Int! = 1, $b: Boolean) { arguments { multipleRequirements(x: $x, y: 2) } dog @include(if: $b) { ...F name: nickname } }",
            "fragment F on Dog { name owner { name pets { ... on Cat { meowVolume } } } }",
            "{ findDog(searchBy: { name: \"a\\u00e9\", owner: \"\"\"b\"\"\" }) { doesKnowCommand(dogCommand: SIT) } __schema { types { name } } }",
        ];
        const string alphabet = "{}()[]:$@!=.|&\"\\#,\n abcxyz019-_eE\u00e9\uD83D\uDE00";
        var random = new Random(20261122);
        for (var i = 0; i < 3000; i++)
        {
            var text = new StringBuilder(seeds[i % seeds.Length] + (i % 3 == 1 ? "\n{ dog { ...F } }" : ""));
            for (var edits = random.Next(1, 6); edits > 0; edits--)
            {
                var at = random.Next(text.Length);
                switch (random.Next(3))
                {
                    case 0: text.Remove(at, 1); break;
                    case 1: text.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                    default: text[at] = alphabet[random.Next(alphabet.Length)]; break;
                }
            }
            var result = await Run(text.ToString(), new() { ["x"] = 3L, ["b"] = true });
            Assert.True(result.Data is not null || result.Errors.Count > 0, text.ToString());
        }
    }
}
