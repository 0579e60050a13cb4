using System.Collections;
using System.Text.Json;

namespace Portal.GraphQL.Engine.Execution;

/// <summary>Why a request produced no data; the transport maps this to a status code.</summary>
public enum RequestFailure { None, Syntax, Validation, OperationNotAllowed, VariableCoercion, OperationSelection, Limit }

/// <summary>The response: data (absent when the request failed before execution) and errors.</summary>
public sealed class ExecutionResult
{
    public ExecutionResult(ResultMap? data, IReadOnlyList<GraphQLError> errors, bool hasData = true)
    {
        Data = data;
        Errors = errors;
        HasData = hasData;
    }

    public static ExecutionResult RequestError(RequestFailure failure, IReadOnlyList<GraphQLError> errors) =>
        new(null, errors, hasData: false) { Failure = failure };

    public ResultMap? Data { get; }
    public bool HasData { get; }
    public IReadOnlyList<GraphQLError> Errors { get; }
    public RequestFailure Failure { get; private init; }

    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        if (Errors.Count > 0)
        {
            writer.WritePropertyName("errors");
            writer.WriteStartArray();
            foreach (var error in Errors) WriteError(writer, error);
            writer.WriteEndArray();
        }
        if (HasData)
        {
            writer.WritePropertyName("data");
            WriteValue(writer, Data);
        }
        writer.WriteEndObject();
    }

    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            WriteTo(writer);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteError(Utf8JsonWriter writer, GraphQLError error)
    {
        writer.WriteStartObject();
        writer.WriteString("message", error.Message);
        if (error.Locations.Count > 0)
        {
            writer.WritePropertyName("locations");
            writer.WriteStartArray();
            foreach (var location in error.Locations)
            {
                writer.WriteStartObject();
                writer.WriteNumber("line", location.Line);
                writer.WriteNumber("column", location.Column);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        if (error.Path is not null)
        {
            writer.WritePropertyName("path");
            WriteValue(writer, error.Path);
        }
        if (error.Extensions is { Count: > 0 })
        {
            writer.WritePropertyName("extensions");
            WriteValue(writer, error.Extensions);
        }
        writer.WriteEndObject();
    }

    public static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case int i: writer.WriteNumberValue(i); break;
            case long l: writer.WriteNumberValue(l); break;
            case double d: writer.WriteNumberValue(d); break;
            case decimal m: writer.WriteNumberValue(m); break;
            case ResultMap map:
                writer.WriteStartObject();
                for (var i = 0; i < map.Count; i++)
                {
                    writer.WritePropertyName(map.KeyAt(i));
                    WriteValue(writer, map.ValueAt(i));
                }
                writer.WriteEndObject();
                break;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                writer.WriteStartObject();
                foreach (var (k, v) in pairs)
                {
                    writer.WritePropertyName(k);
                    WriteValue(writer, v);
                }
                writer.WriteEndObject();
                break;
            case IEnumerable items:
                writer.WriteStartArray();
                foreach (var item in items) WriteValue(writer, item);
                writer.WriteEndArray();
                break;
            default: writer.WriteStringValue(value.ToString()); break;
        }
    }
}

/// <summary>An object in the response, in field order; remembers which entries are non-null for null propagation.</summary>
public sealed class ResultMap : IEnumerable<KeyValuePair<string, object?>>
{
    private readonly List<string> keys = [];
    private readonly List<object?> values = [];
    private readonly List<bool> nonNull = [];

    public int Count => keys.Count;
    public string KeyAt(int index) => keys[index];
    public object? ValueAt(int index) => values[index];
    public object? this[string key] => keys.IndexOf(key) is var i and >= 0 ? values[i] : throw new KeyNotFoundException(key);
    public bool ContainsKey(string key) => keys.Contains(key);

    internal int Add(string key, object? value, bool isNonNull)
    {
        keys.Add(key);
        values.Add(value);
        nonNull.Add(isNonNull);
        return keys.Count - 1;
    }

    internal void Set(int index, object? value) => values[index] = value;
    internal bool IsNonNull(int index) => nonNull[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < keys.Count; i++) yield return new(keys[i], values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>A list in the response.</summary>
public sealed class ResultList(bool itemsNonNull) : List<object?>
{
    internal bool ItemsNonNull { get; } = itemsNonNull;
}
