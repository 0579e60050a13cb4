using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Html;
using Portal.Core.Content;

namespace Portal.Contents.Editors.Fields;

/// <summary>A date as <c>yyyy-MM-dd</c>.</summary>
public sealed class DateFieldEditor : ContentEditor
{
    public override string Name => "DateField";

    public override Task<IHtmlContent> ControlsAsync(EditorContext context)
    {
        var node = context.Value["Value"];
        var text = node is JsonValue v && v.TryGetValue<DateTime>(out var date) ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : JsonValues.Text(node) is { Length: >= 10 } s && DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var parsed)
                ? parsed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : JsonValues.Text(node);
        var input = context.Input("date", "Value", text);
        if (context.Settings.Text("Minimum") is { } min) input.Attributes["min"] = min;
        if (context.Settings.Text("Maximum") is { } max) input.Attributes["max"] = max;
        if (context.Settings.Required) input.Attributes["required"] = "required";
        return Task.FromResult<IHtmlContent>(input);
    }

    public override JsonObject Bind(EditorInput input) =>
        input.Text("Value")?.Trim() is { Length: > 0 } text ? new JsonObject { ["Value"] = text } : new JsonObject();
}
