using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Portal.Core.Content;

namespace Portal.Contents.Editors.Fields;

/// <summary>A select of the configured options, or checkboxes when several may be chosen.</summary>
public sealed class EnumerationFieldEditor : ContentEditor
{
    public override string Name => "EnumerationField";
    public override EditorLayout Layout(EditorContext context) => context.Settings.Multiple ? EditorLayout.Group : EditorLayout.Labelled;

    public override Task<IHtmlContent> ControlsAsync(EditorContext context)
    {
        var options = context.Settings.Options;
        if (!context.Settings.Multiple)
        {
            var select = context.Tag("select", "Value");
            if (context.Settings.Required) select.Attributes["required"] = "required";
            var current = JsonValues.Text(context.Value["Value"]) ?? "";
            select.InnerHtml.AppendHtml(Option("", context.T["(none)"], current == ""));
            foreach (var (value, text) in options)
                select.InnerHtml.AppendHtml(Option(value, text, value == current));
            return Task.FromResult<IHtmlContent>(select);
        }
        var chosen = context.Value["Values"] is JsonArray array ? array.Select(JsonValues.Text).ToHashSet() : [];
        var list = new HtmlContentBuilder();
        var index = 0;
        foreach (var (value, text) in options)
        {
            var box = new TagBuilder("input") { TagRenderMode = TagRenderMode.SelfClosing };
            box.Attributes["type"] = "checkbox";
            box.Attributes["name"] = context.NameOf("Values");
            box.Attributes["id"] = $"{context.IdOf("Values")}_{index++}";
            box.Attributes["value"] = value;
            if (chosen.Contains(value)) box.Attributes["checked"] = "checked";
            context.Describe(box);
            var label = new TagBuilder("label");
            label.AddCssClass("checkbox");
            label.InnerHtml.AppendHtml(box).Append(" " + text);
            list.AppendHtml(label);
        }
        return Task.FromResult<IHtmlContent>(list);
    }

    public override JsonObject Bind(EditorInput input)
    {
        if (input.Settings.Multiple)
            return new JsonObject { ["Values"] = new JsonArray(input.All("Values").Where(v => v.Length > 0).Select(v => (JsonNode?)v).ToArray()) };
        return input.Text("Value") is { Length: > 0 } value ? new JsonObject { ["Value"] = value } : new JsonObject();
    }
}
