using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Portal.Core.Content;

/// <summary>
/// One version of a content item, in Orchard Core's JSON shape: metadata properties side by side with
/// the parts (<c>TitlePart</c>, <c>AutoroutePart</c>, the type's own part named like the type, ...).
/// </summary>
[JsonConverter(typeof(ContentItemJsonConverter))]
public sealed class ContentItem
{
    public string ContentItemId { get; set; } = "";
    public string ContentItemVersionId { get; set; } = "";
    public string ContentType { get; set; } = "";
    public string DisplayText { get; set; } = "";
    public bool Latest { get; set; }
    public bool Published { get; set; }
    public string? Owner { get; set; }
    public string? Author { get; set; }
    public DateTime? CreatedUtc { get; set; }
    public DateTime? ModifiedUtc { get; set; }
    public DateTime? PublishedUtc { get; set; }

    /// <summary>Changes on every write of this version; an update carrying an older stamp is refused.</summary>
    [JsonIgnore]
    public string? ConcurrencyStamp { get; set; }

    /// <summary>The parts, keyed by part name.</summary>
    public JsonObject Content { get; set; } = new();

    /// <summary>The part's JSON, created empty when missing.</summary>
    public JsonObject Part(string partName)
    {
        if (Content[partName] is JsonObject part)
            return part;
        part = new JsonObject();
        Content[partName] = part;
        return part;
    }

    public bool HasPart(string partName) => Content[partName] is JsonObject;

    /// <summary>A field's JSON (for example <c>{"Text": "..."}</c>), created empty when missing.</summary>
    public JsonObject Field(string partName, string fieldName)
    {
        var part = Part(partName);
        if (part[fieldName] is JsonObject field)
            return field;
        field = new JsonObject();
        part[fieldName] = field;
        return field;
    }

    public T? Get<T>(string partName) where T : class =>
        Content[partName] is JsonObject part ? part.Deserialize<T>(ContentJson.Options) : null;

    public void Apply<T>(string partName, T value) where T : class =>
        Content[partName] = JsonSerializer.SerializeToNode(value, ContentJson.Options);

    public ContentItem Clone()
    {
        var copy = (ContentItem)MemberwiseClone();
        copy.Content = (JsonObject)Content.DeepClone();
        return copy;
    }

    public override string ToString() => $"{ContentType} {ContentItemId} '{DisplayText}'";
}

public static class ContentJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static readonly JsonSerializerOptions Indented = new(Options) { WriteIndented = true };
}

internal sealed class ContentItemJsonConverter : JsonConverter<ContentItem>
{
    private static readonly HashSet<string> Metadata =
    [
        nameof(ContentItem.ContentItemId), nameof(ContentItem.ContentItemVersionId), nameof(ContentItem.ContentType),
        nameof(ContentItem.DisplayText), nameof(ContentItem.Latest), nameof(ContentItem.Published),
        nameof(ContentItem.Owner), nameof(ContentItem.Author), nameof(ContentItem.CreatedUtc),
        nameof(ContentItem.ModifiedUtc), nameof(ContentItem.PublishedUtc), "Id",
    ];

    public override ContentItem Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var node = JsonNode.Parse(ref reader) as JsonObject
            ?? throw new JsonException("A content item must be a JSON object.");
        return FromJson(node);
    }

    public static ContentItem FromJson(JsonObject node)
    {
        var item = new ContentItem
        {
            ContentItemId = Text(node, nameof(ContentItem.ContentItemId)) ?? "",
            ContentItemVersionId = Text(node, nameof(ContentItem.ContentItemVersionId)) ?? "",
            ContentType = Text(node, nameof(ContentItem.ContentType)) ?? "",
            DisplayText = Text(node, nameof(ContentItem.DisplayText)) ?? "",
            Latest = Bool(node, nameof(ContentItem.Latest)),
            Published = Bool(node, nameof(ContentItem.Published)),
            Owner = Text(node, nameof(ContentItem.Owner)),
            Author = Text(node, nameof(ContentItem.Author)),
            CreatedUtc = Date(node, nameof(ContentItem.CreatedUtc)),
            ModifiedUtc = Date(node, nameof(ContentItem.ModifiedUtc)),
            PublishedUtc = Date(node, nameof(ContentItem.PublishedUtc)),
        };
        foreach (var (key, value) in node)
        {
            if (!Metadata.Contains(key))
                item.Content[key] = value?.DeepClone();
        }
        return item;
    }

    public override void Write(Utf8JsonWriter writer, ContentItem value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString(nameof(ContentItem.ContentItemId), value.ContentItemId);
        writer.WriteString(nameof(ContentItem.ContentItemVersionId), value.ContentItemVersionId);
        writer.WriteString(nameof(ContentItem.ContentType), value.ContentType);
        writer.WriteString(nameof(ContentItem.DisplayText), value.DisplayText);
        writer.WriteBoolean(nameof(ContentItem.Latest), value.Latest);
        writer.WriteBoolean(nameof(ContentItem.Published), value.Published);
        WriteOptional(writer, nameof(ContentItem.Owner), value.Owner);
        WriteOptional(writer, nameof(ContentItem.Author), value.Author);
        WriteDate(writer, nameof(ContentItem.CreatedUtc), value.CreatedUtc);
        WriteDate(writer, nameof(ContentItem.ModifiedUtc), value.ModifiedUtc);
        WriteDate(writer, nameof(ContentItem.PublishedUtc), value.PublishedUtc);
        foreach (var (key, part) in value.Content)
        {
            writer.WritePropertyName(key);
            if (part is null) writer.WriteNullValue();
            else part.WriteTo(writer, options);
        }
        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null) writer.WriteNull(name);
        else writer.WriteString(name, value);
    }

    private static void WriteDate(Utf8JsonWriter writer, string name, DateTime? value)
    {
        if (value is null) writer.WriteNull(name);
        else writer.WriteString(name, DateTime.SpecifyKind(value.Value, DateTimeKind.Utc));
    }

    private static string? Text(JsonObject node, string name) =>
        node[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static bool Bool(JsonObject node, string name) =>
        node[name] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static DateTime? Date(JsonObject node, string name)
    {
        if (node[name] is not JsonValue v)
            return null;
        if (v.TryGetValue<DateTime>(out var date))
            return date.ToUniversalTime();
        return v.TryGetValue<string>(out var s) && DateTime.TryParse(s, null, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out date)
            ? date
            : null;
    }
}
