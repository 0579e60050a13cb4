using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;
using Portal.Core.Content;

namespace Portal.Contents.Editors.Parts;

/// <summary>The permalink; a generated path is shown as the placeholder and made again from the title when left empty.</summary>
public sealed class AutoroutePartEditor : ContentEditor
{
    public override string Name => "AutoroutePart";
    public override string MainProperty => "Path";

    public override string? Hint(IStringLocalizer T) =>
        T["Leave empty to make the permalink from the title, for example stories/路灯亮了."];

    public override Task<IHtmlContent> ControlsAsync(EditorContext context)
    {
        var path = JsonValues.Text(context.Value["Path"]);
        var generated = JsonValues.Boolean(context.Value["Generated"]) == true;
        var input = context.Input("text", "Path", generated ? "" : path);
        if (generated && path is not null) input.Attributes["placeholder"] = path;
        input.Attributes["maxlength"] = "1024";
        return Task.FromResult<IHtmlContent>(input);
    }

    public override JsonObject Bind(EditorInput input) => new() { ["Path"] = input.Text("Path")?.Trim() ?? "" };
}
