using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Portal.Core.Content;
using Portal.Core.Content.Parts;

namespace Portal.Benchmarks;

/// <summary>The CPU work of one save or read that is not the database: JSON, permalinks, HTML sanitizing.</summary>
[MemoryDiagnoser]
public class ContentItemBenchmarks
{
    private ContentItem item = null!;
    private string json = "";
    private ContentItemRecord record = null!;
    private readonly AllowListHtmlSanitizer sanitizer = new();

    [GlobalSetup]
    public void Setup()
    {
        item = new ContentItem { ContentItemId = IdGenerator.NewId(), ContentItemVersionId = IdGenerator.NewId(), ContentType = StoryData.Story };
        new StoryData(seed: 1).Fill(item, 1);
        item.DisplayText = item.Content["TitlePart"]!["Title"]!.GetValue<string>();
        json = JsonSerializer.Serialize(item, ContentJson.Options);
        record = new ContentItemRecord
        {
            ContentItemId = item.ContentItemId,
            ContentItemVersionId = item.ContentItemVersionId,
            ContentType = item.ContentType,
            DisplayText = item.DisplayText,
            Data = item.Content.ToJsonString(ContentJson.Options),
        };
    }

    [Benchmark]
    public string Serialize() => JsonSerializer.Serialize(item, ContentJson.Options);

    [Benchmark]
    public ContentItem? Deserialize() => JsonSerializer.Deserialize<ContentItem>(json, ContentJson.Options);

    [Benchmark(Description = "Read a stored record")]
    public ContentItem ReadRecord() => ContentManager.Read(record);

    [Benchmark]
    public string SlugifyChinese() => AutoroutePartHandler.Slugify("社区志愿者为张伟送去了一个新书包：台州幸福社区");

    [Benchmark]
    public string SlugifyEnglish() => AutoroutePartHandler.Slugify("Li Wei's wish: Handcrafted Steel Chair for Taizhou");

    [Benchmark]
    public string SanitizeBody() => sanitizer.Sanitize(item.Content["HtmlBodyPart"]!["Html"]!.GetValue<string>());
}

/// <summary>
/// The GraphQL parser on a partner's query and on the introspection query GraphiQL-style tools send (MB/s = the
/// document's size, printed as Bytes, over the mean time).
/// </summary>
[MemoryDiagnoser]
public class GraphQLParserBenchmarks
{
    public static readonly string Introspection = """
        query IntrospectionQuery {
          __schema {
            queryType { name } mutationType { name } subscriptionType { name }
            types { ...FullType }
            directives { name description locations args { ...InputValue } }
          }
        }
        fragment FullType on __Type {
          kind name description
          fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
          inputFields { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef }
        }
        fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
        fragment TypeRef on __Type {
          kind name
          ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }
        }
        """;

    [Params("partner", "introspection")]
    public string Document { get; set; } = "";

    private string source = "";

    [GlobalSetup]
    public void Setup()
    {
        source = Document == "partner" ? GraphQLBenchmark.PartnerQuery : Introspection;
        Console.WriteLine($"// {Document}: {System.Text.Encoding.UTF8.GetByteCount(source)} bytes");
    }

    [Benchmark]
    public Portal.GraphQL.Engine.Language.Document Parse() => Portal.GraphQL.Engine.Language.Parser.Parse(source);
}
