using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portal.Core.Content;

/// <summary>Reads JSON values whatever backs them (parsed text or a CLR value such as an int).</summary>
public static class JsonValues
{
    public static double? Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d
            : null;

    /// <summary>A number, or a string holding one (as HTML forms send them).</summary>
    public static double? NumberOrNumericText(JsonNode? node) =>
        Number(node) ?? (Text(node) is { } s && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null);

    public static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static bool? Boolean(JsonNode? node) =>
        node is JsonValue v ? v.GetValueKind() switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => null } : null;
}
