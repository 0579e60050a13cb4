using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Html;
using Portal.Core.Content;

namespace Portal.Contents.Editors;

/// <summary>An editor that is one text area holding one string property.</summary>
public abstract class TextAreaEditor(string name, string property, int rows) : ContentEditor
{
    public override string Name => name;
    public override string MainProperty => property;

    public override Task<IHtmlContent> ControlsAsync(EditorContext context) =>
        Task.FromResult<IHtmlContent>(context.TextArea(property, JsonValues.Text(context.Value[property]), rows));

    public override JsonObject Bind(EditorInput input) =>
        input.Text(property) is { } text ? new JsonObject { [property] = text } : new JsonObject();
}
