using System.Text.Json;
using Portal.GraphQL.Engine.Types;

namespace Portal.GraphQL.Engine.Tests;

/// <summary>Spec section 4 (Introspection): what GraphiQL and schema tools ask, and the SDL printer.</summary>
public class IntrospectionTests
{

    private static async Task<JsonElement> Introspect(Schema schema)
    {
        var result = await GraphQLEngine.ExecuteAsync(schema, new ExecutionRequest { Query = Introspection.FullQuery });
        Assert.Empty(result.Errors);
        return JsonDocument.Parse(result.ToJson()).RootElement.GetProperty("data").GetProperty("__schema");
    }

    [Fact]
    public async Task The_full_introspection_query_describes_types_fields_and_directives()
    {
        var schema = await Introspect(PetSchema.Schema);
        Assert.Equal("Query", schema.GetProperty("queryType").GetProperty("name").GetString());
        Assert.Equal("Subscription", schema.GetProperty("subscriptionType").GetProperty("name").GetString());
        var types = schema.GetProperty("types").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        Assert.Contains("__TypeKind", types.Keys);
        Assert.Contains("String", types.Keys);
        var dog = types["Dog"];
        Assert.Equal("OBJECT", dog.GetProperty("kind").GetString());
        Assert.Equal(["Pet"], dog.GetProperty("interfaces").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        var command = dog.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "doesKnowCommand");
        var arg = command.GetProperty("args")[0];
        Assert.Equal("NON_NULL", arg.GetProperty("type").GetProperty("kind").GetString());
        Assert.Equal("DogCommand", arg.GetProperty("type").GetProperty("ofType").GetProperty("name").GetString());
        Assert.Equal(["Dog", "Cat"], types["Pet"].GetProperty("possibleTypes").EnumerateArray().Select(t => t.GetProperty("name").GetString()).Order().Reverse());
        var optional = types["Arguments"].GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "optionalNonNullBooleanArgField");
        Assert.Equal("false", optional.GetProperty("args")[0].GetProperty("defaultValue").GetString());
        Assert.Equal(JsonValueKind.Null, types["Dog"].GetProperty("inputFields").ValueKind);
        var directives = schema.GetProperty("directives").EnumerateArray().Select(d => d.GetProperty("name").GetString()).ToList();
        Assert.Equal(["include", "skip", "deprecated", "specifiedBy"], directives);
    }

    [Fact]
    public async Task Deprecated_fields_and_enum_values_show_only_when_asked()
    {
        var color = new EnumType("Color");
        color.Value("RED");
        color.Value("OLD").DeprecationReason = "Use RED";
        var query = new ObjectType("Query");
        query.Field("now", Scalars.String, _ => "x");
        query.Field("then", Scalars.String, _ => "y").Deprecated("Use now");
        query.Field("color", color, _ => "RED");
        var schema = new Schema(query);
        var result = await GraphQLEngine.ExecuteAsync(schema, new ExecutionRequest
        {
            Query = "{ __type(name: \"Query\") { fields { name } all: fields(includeDeprecated: true) { name isDeprecated deprecationReason } } color: __type(name: \"Color\") { enumValues { name } } }",
        });
        Assert.Equal("""{"data":{"__type":{"fields":[{"name":"now"},{"name":"color"}],"all":[{"name":"now","isDeprecated":false,"deprecationReason":null},{"name":"then","isDeprecated":true,"deprecationReason":"Use now"},{"name":"color","isDeprecated":false,"deprecationReason":null}]},"color":{"enumValues":[{"name":"RED"}]}}}""", result.ToJson());
    }

    [Fact]
    public void The_printer_writes_sdl()
    {
        var episode = new EnumType("Episode", "A film");
        episode.Value("NEWHOPE");
        episode.Value("EMPIRE").DeprecationReason = DirectiveDefinition.DefaultDeprecationReason;
        var node = new InterfaceType("Node");
        node.Field("id", Scalars.ID.NonNull());
        var character = new ObjectType("Character", "Someone in the films.\nWith a second line.").Implements(node);
        character.Field("id", Scalars.ID.NonNull());
        character.Field("name", Scalars.String, description: "What they are called");
        character.Field("friends", character.List()).Arg(new InputValue("first", Scalars.Int).WithDefault(10)).Deprecated("Use friendsConnection");
        var filter = new InputObjectType("Filter");
        filter.Field("episodes", episode.NonNull().List()).WithDefault(new List<object?> { "NEWHOPE" });
        filter.Field("text", Scalars.String).WithDefault("a \"quoted\" text");
        var query = new ObjectType("Root");
        query.Field("hero", character).Arg("filter", filter);
        query.Field("search", new UnionType("SearchResult", [character]).List());
        var sdl = SchemaPrinter.Print(new Schema(query, extraTypes: [Scalars.DateTime]));
        Assert.Equal("""
            schema {
              query: Root
            }

            ""${"\""}
            Someone in the films.
            With a second line.
            ""${"\""}
            type Character implements Node {
              id: ID!
              "What they are called"
              name: String
              friends(first: Int = 10): [Character] @deprecated(reason: "Use friendsConnection")
            }

            "A date and time in ISO 8601 format, in UTC."
            scalar DateTime

            "A film"
            enum Episode {
              NEWHOPE
              EMPIRE @deprecated
            }

            input Filter {
              episodes: [Episode!] = [NEWHOPE]
              text: String = "a \"quoted\" text"
            }

            interface Node {
              id: ID!
            }

            type Root {
              hero(filter: Filter): Character
              search: [SearchResult]
            }

            union SearchResult = Character

            """.Replace("${\"\\\"\"}", "\""), sdl);
    }
}
