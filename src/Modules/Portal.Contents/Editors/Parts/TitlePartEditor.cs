using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Html;
using Portal.Core.Content;

namespace Portal.Contents.Editors.Parts;

public sealed class TitlePartEditor : ContentEditor
{
    public override string Name => "TitlePart";
    public override string MainProperty => "Title";

    public override Task<IHtmlContent> ControlsAsync(EditorContext context)
    {
        var input = context.Input("text", "Title", JsonValues.Text(context.Value["Title"]));
        input.Attributes["maxlength"] = "500";
        if (context.Settings.Required) input.Attributes["required"] = "required";
        return Task.FromResult<IHtmlContent>(input);
    }

    public override JsonObject Bind(EditorInput input) => new() { ["Title"] = input.Text("Title") ?? "" };
}
