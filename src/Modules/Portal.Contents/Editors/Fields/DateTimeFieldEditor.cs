using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Html;
using Portal.Core.Content;

namespace Portal.Contents.Editors.Fields;

/// <summary>Shown in the site's time zone, stored in UTC (<c>2026-11-22T02:30:00Z</c>).</summary>
public sealed class DateTimeFieldEditor : ContentEditor
{
    private const string LocalFormat = "yyyy-MM-ddTHH:mm";

    public override string Name => "DateTimeField";

    public override Task<IHtmlContent> ControlsAsync(EditorContext context)
    {
        var node = context.Value["Value"];
        var text = Utc(node) is { } utc
            ? TimeZoneInfo.ConvertTimeFromUtc(utc, context.TimeZone).ToString(LocalFormat, CultureInfo.InvariantCulture)
            : JsonValues.Text(node);
        var input = context.Input("datetime-local", "Value", text);
        if (context.Settings.Required) input.Attributes["required"] = "required";
        return Task.FromResult<IHtmlContent>(input);
    }

    /// <summary>Text the browser did not format as a date and time is kept, so the field reports it.</summary>
    public override JsonObject Bind(EditorInput input)
    {
        var text = input.Text("Value")?.Trim();
        if (string.IsNullOrEmpty(text)) return new JsonObject();
        if (!DateTime.TryParseExact(text, [LocalFormat, "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return new JsonObject { ["Value"] = text };
        var utc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), input.TimeZone);
        return new JsonObject { ["Value"] = utc.ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture) };
    }

    private static DateTime? Utc(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<DateTime>(out var d) ? d.ToUniversalTime()
        : JsonValues.Text(node) is { } s && DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed) ? parsed
        : null;
}
