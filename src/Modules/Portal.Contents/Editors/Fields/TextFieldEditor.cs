using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Html;
using Portal.Core.Content;

namespace Portal.Contents.Editors.Fields;

public sealed class TextFieldEditor : ContentEditor
{
    public override string Name => "TextField";
    public override string MainProperty => "Text";

    public override Task<IHtmlContent> ControlsAsync(EditorContext context)
    {
        var text = JsonValues.Text(context.Value["Text"]);
        var control = context.EditorOption == "TextArea" ? context.TextArea("Text", text, rows: 4) : context.Input("text", "Text", text);
        if (context.Settings.MaxLength is { } max) control.Attributes["maxlength"] = max.ToString();
        if (context.Settings.Required) control.Attributes["required"] = "required";
        return Task.FromResult<IHtmlContent>(control);
    }

    public override JsonObject Bind(EditorInput input) =>
        input.Text("Text") is { } text ? new JsonObject { ["Text"] = text } : new JsonObject();
}
