using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Portal.Core.Content;

namespace Portal.Contents.Editors.Fields;

/// <summary>
/// Images of the media library, one row each (path, alternative text, caption) plus empty rows to add more; a
/// "choose" button per row opens the library picker. Stored in Orchard's shape (<c>Paths</c>, <c>MediaTexts</c>) with
/// the captions beside them (<c>Captions</c>, same order).
/// </summary>
public sealed class MediaFieldEditor : ContentEditor
{
    public override string Name => "MediaField";
    public override EditorLayout Layout(EditorContext context) => EditorLayout.Group;

    public override Task<IHtmlContent> ControlsAsync(EditorContext context)
    {
        var paths = Texts(context.Value, "Paths");
        var alts = Texts(context.Value, "MediaTexts");
        var captions = Texts(context.Value, "Captions");
        var rows = paths.Count + (context.Settings.Multiple ? 2 : paths.Count == 0 ? 1 : 0);
        var pickerId = context.IdOf("Paths") + "-picker";
        var content = new HtmlContentBuilder();
        for (var i = 0; i < rows; i++)
        {
            var row = new TagBuilder("div");
            row.AddCssClass("media-row");
            row.Attributes["data-media-row"] = pickerId;
            var path = paths.ElementAtOrDefault(i);
            if (path is { Length: > 0 })
            {
                var preview = new TagBuilder("img");
                preview.TagRenderMode = TagRenderMode.SelfClosing;
                preview.AddCssClass("media-preview");
                preview.Attributes["src"] = "/media/" + string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
                preview.Attributes["alt"] = "";
                row.InnerHtml.AppendHtml(preview);
            }
            row.InnerHtml.AppendHtml(Labelled(context, "Paths", i, path, context.T["File path {0}", i + 1]));
            row.InnerHtml.AppendHtml(Labelled(context, "MediaTexts", i, alts.ElementAtOrDefault(i), context.T["Alternative text {0}", i + 1]));
            row.InnerHtml.AppendHtml(Labelled(context, "Captions", i, captions.ElementAtOrDefault(i), context.T["Caption {0}", i + 1]));
            var choose = new TagBuilder("button");
            choose.Attributes["type"] = "button";
            choose.Attributes["data-media-pick"] = "true";
            choose.Attributes["hidden"] = "hidden"; // the script shows it
            choose.InnerHtml.Append(context.T["Choose image {0} from the library", i + 1]);
            row.InnerHtml.AppendHtml(choose);
            content.AppendHtml(row);
        }
        content.AppendHtml(Editors.MediaPickerDialog.Render(pickerId, context.T, withAltText: false));
        return Task.FromResult<IHtmlContent>(content);
    }

    private static List<string> Texts(JsonObject value, string key) =>
        value[key] is JsonArray a ? a.Select(n => JsonValues.Text(n) ?? "").ToList() : [];

    private static IHtmlContent Labelled(EditorContext context, string property, int index, string? value, string text)
    {
        var input = context.Input("text", property, value);
        var id = $"{context.IdOf(property)}_{index}";
        input.Attributes["id"] = id;
        input.Attributes["data-media"] = property;
        if (property != "Paths") input.Attributes["maxlength"] = "300";
        var label = new TagBuilder("label");
        label.Attributes["for"] = id;
        label.InnerHtml.Append(text);
        var field = new TagBuilder("div");
        field.AddCssClass("field");
        field.InnerHtml.AppendHtml(label).AppendHtml(input);
        return field;
    }

    /// <summary>Rows without a path are dropped with their texts.</summary>
    public override JsonObject Bind(EditorInput input)
    {
        var paths = input.All("Paths");
        var alts = input.All("MediaTexts");
        var captions = input.All("Captions");
        var rows = paths.Select((path, i) => (Path: path.Trim(), Alt: alts.ElementAtOrDefault(i)?.Trim() ?? "", Caption: captions.ElementAtOrDefault(i)?.Trim() ?? ""))
            .Where(r => r.Path.Length > 0).ToList();
        return new JsonObject
        {
            ["Paths"] = new JsonArray(rows.Select(r => (JsonNode?)r.Path).ToArray()),
            ["MediaTexts"] = new JsonArray(rows.Select(r => (JsonNode?)r.Alt).ToArray()),
            ["Captions"] = new JsonArray(rows.Select(r => (JsonNode?)r.Caption).ToArray()),
        };
    }
}
