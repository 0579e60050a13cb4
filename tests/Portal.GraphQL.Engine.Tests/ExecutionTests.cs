using Portal.GraphQL.Engine.Execution;
using Portal.GraphQL.Engine.Types;

namespace Portal.GraphQL.Engine.Tests;

/// <summary>Spec section 6 (Execution) and 7 (Response): values, errors with paths, null propagation, variables, directives.</summary>
public class ExecutionTests
{
    private static async Task<string> Run(Schema schema, string query, Dictionary<string, object?>? variables = null, string? operationName = null) =>
        (await GraphQLEngine.ExecuteAsync(schema, new ExecutionRequest { Query = query, Variables = variables, OperationName = operationName })).ToJson();

    private static Task<string> Run(string query, Dictionary<string, object?>? variables = null, string? operationName = null) =>
        Run(PetSchema.Schema, query, variables, operationName);

    [Fact]
    public async Task Aliases_fragments_and_typename_shape_the_response()
    {
        var json = await Run("{ dog { n: name ...F ... on Dog { nickname } __typename } } fragment F on Pet { name }");
        Assert.Equal("""{"data":{"dog":{"n":"Rex","name":"Rex","nickname":"Rexy","__typename":"Dog"}}}""", json);
    }

    [Fact]
    public async Task Fragments_on_interfaces_and_unions_select_by_runtime_type()
    {
        var json = await Run("{ human { pets { __typename name ... on Dog { barkVolume } ... on Cat { meowVolume } } } catOrDog { ... on Cat { meowVolume } ... on Dog { nickname } } humanOrAlien { ... on Alien { homePlanet } } }");
        Assert.Equal("""{"data":{"human":{"pets":[{"__typename":"Dog","name":"Rex","barkVolume":3},{"__typename":"Cat","name":"Tom","meowVolume":2}]},"catOrDog":{"nickname":"Rexy"},"humanOrAlien":{"homePlanet":"Mars"}}}""", json);
    }

    [Fact]
    public async Task Skip_and_include_follow_literals_and_variables()
    {
        var json = await Run("query ($yes: Boolean!, $no: Boolean = false) { dog { a: name @skip(if: $yes) b: name @include(if: $yes) c: name @include(if: $no) ... @skip(if: $no) { d: name } ... on Dog @include(if: false) { e: name } } }",
            new() { ["yes"] = true });
        Assert.Equal("""{"data":{"dog":{"b":"Rex","d":"Rex"}}}""", json);
    }

    [Fact]
    public async Task Variables_are_coerced_with_defaults_lists_and_input_objects()
    {
        var json = await Run("query ($x: Int!, $y: Int = 5, $list: [Boolean]!, $f: Float, $input: FindDogInput) { arguments { multipleRequirements(x: $x, y: $y) booleanListArgField(booleanListArg: $list) floatArgField(floatArg: $f) findDogArgField(input: $input) } booleanList(booleanListArg: true) }",
            new() { ["x"] = 2L, ["list"] = true, ["f"] = 3L, ["input"] = new Dictionary<string, object?> { ["name"] = "Fido" } });
        Assert.Equal("""{"data":{"arguments":{"multipleRequirements":7,"booleanListArgField":[true],"floatArgField":3,"findDogArgField":"Fido"},"booleanList":[true]}}""", json);
    }

    public static TheoryData<Dictionary<string, object?>, string> BadVariables => new()
    {
        { new(), """{"errors":[{"message":"Variable \"$x\" of required type \"Int!\" was not provided.","locations":[{"line":1,"column":8}]}]}""" },
        { new() { ["x"] = null }, """{"errors":[{"message":"Variable \"$x\" of non-null type \"Int!\" must not be null.","locations":[{"line":1,"column":8}]}]}""" },
        { new() { ["x"] = 1.5 }, """{"errors":[{"message":"Variable \"$x\" got invalid value 1.5; Int cannot represent non-integer value: 1.5","locations":[{"line":1,"column":8}]}]}""" },
        { new() { ["x"] = 4_000_000_000L }, """{"errors":[{"message":"Variable \"$x\" got invalid value 4000000000; Int cannot represent non 32-bit signed integer value: 4000000000","locations":[{"line":1,"column":8}]}]}""" },
        { new() { ["x"] = 1L, ["input"] = new Dictionary<string, object?> { ["nope"] = 1L, ["name"] = 2L } },
            """{"errors":[{"message":"Variable \"$input\" got invalid value { nope: 1, name: 2 } at \"input.name\"; String cannot represent a non string value: 2","locations":[{"line":1,"column":18}]},{"message":"Variable \"$input\" got invalid value { nope: 1, name: 2 }; Field \"nope\" is not defined by type \"FindDogInput\".","locations":[{"line":1,"column":18}]}]}""" },
    };

    [Theory, MemberData(nameof(BadVariables))]
    public async Task Bad_variables_are_request_errors_without_data(Dictionary<string, object?> variables, string expected)
    {
        var json = await Run("query ($x: Int!, $input: FindDogInput) { arguments { intArgField(intArg: $x) findDogArgField(input: $input) } }", variables);
        Assert.Equal(expected, json);
    }

    private static Schema FailingSchema()
    {
        var item = new ObjectType("Item");
        item.Field("id", Scalars.Int.NonNull(), c => c.Source);
        item.Field("nullableFails", Scalars.String, _ => throw new GraphQLFieldException("broken"));
        item.Field("nonNullFails", Scalars.String.NonNull(), _ => throw new InvalidOperationException("boom"));
        item.Field("nonNullReturnsNull", Scalars.String.NonNull(), _ => null);
        item.Field("badInt", Scalars.Int, _ => "not a number");
        var query = new ObjectType("Query");
        query.Field("item", item, _ => 1);
        query.Field("items", item.NonNull().List(), _ => new object[] { 1, 2 });
        query.Field("nullableItems", item.List(), _ => new object[] { 1, 2 });
        query.Field("strictItem", item.NonNull(), _ => 3);
        query.Field("sibling", Scalars.String, _ => "still here");
        query.Field("notAList", Scalars.Int.List(), _ => 5);
        return new Schema(query);
    }

    [Fact]
    public async Task A_nullable_field_error_gives_null_and_an_error_with_path_and_location()
    {
        var json = await Run(FailingSchema(), "{\n  item { id nullableFails badInt }\n  sibling\n}");
        Assert.Equal("""{"errors":[{"message":"broken","locations":[{"line":2,"column":13}],"path":["item","nullableFails"]},{"message":"Int cannot represent non-integer value: \"not a number\"","locations":[{"line":2,"column":27}],"path":["item","badInt"]}],"data":{"item":{"id":1,"nullableFails":null,"badInt":null},"sibling":"still here"}}""", json);
    }

    [Fact]
    public async Task A_non_null_field_error_nulls_the_nearest_nullable_parent()
    {
        var json = await Run(FailingSchema(), "{ item { id nonNullReturnsNull } sibling }");
        Assert.Equal("""{"errors":[{"message":"Cannot return null for non-nullable field Item.nonNullReturnsNull.","locations":[{"line":1,"column":13}],"path":["item","nonNullReturnsNull"]}],"data":{"item":null,"sibling":"still here"}}""", json);
    }

    [Fact]
    public async Task Null_propagates_through_non_null_list_items_to_the_list()
    {
        var json = await Run(FailingSchema(), "{ items { id nonNullFails } nullableItems { id nonNullFails } }");
        Assert.Equal("""{"errors":[{"message":"boom","locations":[{"line":1,"column":14}],"path":["items",0,"nonNullFails"]},{"message":"boom","locations":[{"line":1,"column":14}],"path":["items",1,"nonNullFails"]},{"message":"boom","locations":[{"line":1,"column":48}],"path":["nullableItems",0,"nonNullFails"]},{"message":"boom","locations":[{"line":1,"column":48}],"path":["nullableItems",1,"nonNullFails"]}],"data":{"items":null,"nullableItems":[null,null]}}""", json);
    }

    [Fact]
    public async Task Null_propagates_up_to_data_when_every_ancestor_is_non_null()
    {
        var json = await Run(FailingSchema(), "{ sibling strictItem { nonNullFails } }");
        Assert.Equal("""{"errors":[{"message":"boom","locations":[{"line":1,"column":24}],"path":["strictItem","nonNullFails"]}],"data":null}""", json);
    }

    [Fact]
    public async Task Unexpected_exception_messages_can_be_hidden()
    {
        var result = await GraphQLEngine.ExecuteAsync(FailingSchema(), new ExecutionRequest { Query = "{ item { nullableFails } i2: item { nonNullFails } }" },
            new ExecutionOptions { ExposeExceptionMessages = false });
        Assert.Equal(["broken", "Internal error while resolving the field."], result.Errors.Select(e => e.Message));
    }

    [Fact]
    public async Task A_non_list_value_for_a_list_field_is_a_field_error()
    {
        var json = await Run(FailingSchema(), "{ notAList }");
        Assert.Equal("""{"errors":[{"message":"Expected Iterable, but did not find one for field \"Query.notAList\".","locations":[{"line":1,"column":3}],"path":["notAList"]}],"data":{"notAList":null}}""", json);
    }

    [Fact]
    public async Task Operation_name_selects_the_operation()
    {
        const string query = "query A { dog { name } } query B { dog { nickname } }";
        Assert.Equal("""{"data":{"dog":{"nickname":"Rexy"}}}""", await Run(query, operationName: "B"));
        Assert.Equal("""{"errors":[{"message":"Must provide operation name if query contains multiple operations."}]}""", await Run(query));
        Assert.Equal("""{"errors":[{"message":"Unknown operation named \"C\"."}]}""", await Run(query, operationName: "C"));
    }

    [Fact]
    public async Task Mutations_run_and_can_be_refused()
    {
        Assert.Equal("""{"data":{"mutateDog":{"name":"Rex"}}}""", await Run("mutation { mutateDog { name } }"));
        var refused = await GraphQLEngine.ExecuteAsync(PetSchema.Schema, new ExecutionRequest
        {
            Query = "mutation { mutateDog { name } }",
            AllowedOperations = new HashSet<Language.OperationType> { Language.OperationType.Query },
        });
        Assert.Equal(RequestFailure.OperationNotAllowed, refused.Failure);
        Assert.False(refused.HasData);
    }

    [Fact]
    public async Task Argument_defaults_apply_and_variables_override_them()
    {
        var json = await Run("query ($b: Boolean) { arguments { a: optionalNonNullBooleanArgField b: optionalNonNullBooleanArgField(optionalBooleanArg: $b) } }", new() { ["b"] = true });
        Assert.Equal("""{"data":{"arguments":{"a":false,"b":true}}}""", json);
        var absent = await Run("query ($b: Boolean) { arguments { b: optionalNonNullBooleanArgField(optionalBooleanArg: $b) } }");
        Assert.Equal("""{"data":{"arguments":{"b":false}}}""", absent);
    }

    [Fact]
    public async Task Deferred_values_are_loaded_in_one_batch_per_level()
    {
        var batches = new List<IReadOnlyList<int>>();
        var author = new ObjectType("Author");
        author.Field("name", Scalars.String);
        var post = new ObjectType("Post");
        post.Field("id", Scalars.Int, c => c.Source);
        post.Field("author", author, c => c.Loader<int, object>("authors", (keys, _) =>
        {
            batches.Add(keys);
            return Task.FromResult<IReadOnlyDictionary<int, object>>(keys.ToDictionary(k => k, k => (object)new Dictionary<string, object?> { ["name"] = $"A{k % 3}" }));
        }).Load((int)c.Source! % 3));
        var query = new ObjectType("Query");
        query.Field("posts", post.List(), _ => Enumerable.Range(0, 100).Cast<object>().ToList());
        var result = await GraphQLEngine.ExecuteAsync(new Schema(query), new ExecutionRequest { Query = "{ posts { id author { name } again: author { name } } }" });
        Assert.Empty(result.Errors);
        Assert.Single(batches);
        Assert.Equal([0, 1, 2], batches[0].Order());
        Assert.Contains("\"again\":{\"name\":\"A2\"}", result.ToJson());
    }

    [Fact]
    public async Task Timeout_is_an_error_naming_the_limit()
    {
        var query = new ObjectType("Query");
        query.FieldAsync("slow", Scalars.Int, async c =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), c.CancellationToken);
            return 1;
        });
        var result = await GraphQLEngine.ExecuteAsync(new Schema(query), new ExecutionRequest { Query = "{ slow }" },
            new ExecutionOptions { Timeout = TimeSpan.FromMilliseconds(100) });
        Assert.Equal("timeout", result.Errors.Single().Extensions!["limit"]);
        Assert.Contains("timed out", result.Errors.Single().Message);
    }

    [Theory]
    [InlineData("{ human { pets { ... on Dog { owner { pets { ... on Dog { owner { name } } } } } } } }", 3, "maxDepth")]
    [InlineData("{ human { pets { name } } }", 1, "maxComplexity")]
    public async Task Depth_and_complexity_limits_are_errors_naming_the_limit(string query, int limit, string name)
    {
        var options = name == "maxDepth" ? new ExecutionOptions { MaxDepth = limit } : new ExecutionOptions { MaxComplexity = limit };
        var result = await GraphQLEngine.ExecuteAsync(PetSchema.Schema, new ExecutionRequest { Query = query }, options);
        Assert.Equal(RequestFailure.Limit, result.Failure);
        Assert.Equal(name, result.Errors.Single().Extensions!["limit"]);
        Assert.Contains(name, result.Errors.Single().Message);
    }

    [Fact]
    public async Task Introspection_does_not_count_towards_depth()
    {
        var result = await GraphQLEngine.ExecuteAsync(PetSchema.Schema, new ExecutionRequest { Query = Types.Introspection.FullQuery },
            new ExecutionOptions { MaxDepth = 2, MaxComplexity = 1 });
        Assert.Empty(result.Errors);
    }
}
