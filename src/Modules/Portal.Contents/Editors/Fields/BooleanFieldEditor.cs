using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Portal.Core.Content;

namespace Portal.Contents.Editors.Fields;

public sealed class BooleanFieldEditor : ContentEditor
{
    public override string Name => "BooleanField";
    public override EditorLayout Layout(EditorContext context) => EditorLayout.Checkbox;

    public override Task<IHtmlContent> ControlsAsync(EditorContext context)
    {
        var content = new HtmlContentBuilder();
        // Unchecked boxes send nothing; the hidden "false" says the box was on the form.
        var hidden = new TagBuilder("input") { TagRenderMode = TagRenderMode.SelfClosing };
        hidden.Attributes["type"] = "hidden";
        hidden.Attributes["name"] = context.NameOf("Value");
        hidden.Attributes["value"] = "false";
        var box = context.Input("checkbox", "Value", "true");
        if (JsonValues.Boolean(context.Value["Value"]) == true) box.Attributes["checked"] = "checked";
        return Task.FromResult<IHtmlContent>(content.AppendHtml(hidden).AppendHtml(box));
    }

    public override JsonObject Bind(EditorInput input) =>
        new() { ["Value"] = input.All("Value").Contains("true") };
}
