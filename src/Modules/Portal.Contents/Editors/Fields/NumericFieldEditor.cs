using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Html;
using Portal.Core.Content;

namespace Portal.Contents.Editors.Fields;

public sealed class NumericFieldEditor : ContentEditor
{
    public override string Name => "NumericField";

    public override Task<IHtmlContent> ControlsAsync(EditorContext context)
    {
        var node = context.Value["Value"];
        var value = JsonValues.Number(node)?.ToString(CultureInfo.InvariantCulture) ?? JsonValues.Text(node);
        var input = context.Input("number", "Value", value);
        var settings = context.Settings;
        if (settings.Minimum is { } min) input.Attributes["min"] = min.ToString(CultureInfo.InvariantCulture);
        if (settings.Maximum is { } max) input.Attributes["max"] = max.ToString(CultureInfo.InvariantCulture);
        input.Attributes["step"] = settings.Number("Scale") is { } scale ? Math.Pow(10, -scale).ToString(CultureInfo.InvariantCulture) : "any";
        if (settings.Required) input.Attributes["required"] = "required";
        return Task.FromResult<IHtmlContent>(input);
    }

    /// <summary>Text that is not a number is kept as text, so the field reports it and the form shows it again.</summary>
    public override JsonObject Bind(EditorInput input)
    {
        var text = input.Text("Value")?.Trim();
        if (string.IsNullOrEmpty(text)) return new JsonObject();
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? new JsonObject { ["Value"] = number }
            : new JsonObject { ["Value"] = text };
    }
}
