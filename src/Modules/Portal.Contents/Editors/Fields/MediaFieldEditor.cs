using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Portal.Core.Content;

namespace Portal.Contents.Editors.Fields;

/// <summary>Paths in the media library with their alternative texts, one row each, plus empty rows to add more.</summary>
public sealed class MediaFieldEditor : ContentEditor
{
    public override string Name => "MediaField";
    public override EditorLayout Layout(EditorContext context) => EditorLayout.Group;

    public override Task<IHtmlContent> ControlsAsync(EditorContext context)
    {
        var paths = context.Value["Paths"] is JsonArray p ? p.Select(n => JsonValues.Text(n) ?? "").ToList() : [];
        var texts = context.Value["MediaTexts"] is JsonArray t ? t.Select(n => JsonValues.Text(n) ?? "").ToList() : [];
        var rows = paths.Count + (context.Settings.Multiple ? 2 : paths.Count == 0 ? 1 : 0);
        var content = new HtmlContentBuilder();
        for (var i = 0; i < rows; i++)
        {
            var row = new TagBuilder("div");
            row.AddCssClass("media-row");
            row.InnerHtml.AppendHtml(Labelled(context, "Paths", i, paths.ElementAtOrDefault(i), context.T["File path {0}", i + 1]));
            row.InnerHtml.AppendHtml(Labelled(context, "MediaTexts", i, texts.ElementAtOrDefault(i), context.T["Alternative text {0}", i + 1]));
            content.AppendHtml(row);
        }
        return Task.FromResult<IHtmlContent>(content);
    }

    private static IHtmlContent Labelled(EditorContext context, string property, int index, string? value, string text)
    {
        var input = context.Input("text", property, value);
        var id = $"{context.IdOf(property)}_{index}";
        input.Attributes["id"] = id;
        var label = new TagBuilder("label");
        label.Attributes["for"] = id;
        label.InnerHtml.Append(text);
        var field = new TagBuilder("div");
        field.AddCssClass("field");
        field.InnerHtml.AppendHtml(label).AppendHtml(input);
        return field;
    }

    /// <summary>Rows without a path are dropped with their text.</summary>
    public override JsonObject Bind(EditorInput input)
    {
        var paths = input.All("Paths");
        var texts = input.All("MediaTexts");
        var rows = paths.Select((path, i) => (Path: path.Trim(), Text: texts.ElementAtOrDefault(i)?.Trim() ?? "")).Where(r => r.Path.Length > 0).ToList();
        return new JsonObject
        {
            ["Paths"] = new JsonArray(rows.Select(r => (JsonNode?)r.Path).ToArray()),
            ["MediaTexts"] = new JsonArray(rows.Select(r => (JsonNode?)r.Text).ToArray()),
        };
    }
}
