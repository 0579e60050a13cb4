using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Html;
using Portal.Core.Content;

namespace Portal.Contents.Editors.Fields;

/// <summary>User ids, one per line.</summary>
public sealed class UserPickerFieldEditor : ContentEditor
{
    public override string Name => "UserPickerField";
    public override string MainProperty => "UserIds";

    public override Task<IHtmlContent> ControlsAsync(EditorContext context)
    {
        var ids = context.Value["UserIds"] is JsonArray array ? array.Select(JsonValues.Text).OfType<string>() : [];
        return Task.FromResult<IHtmlContent>(context.TextArea("UserIds", string.Join("\n", ids), rows: 3));
    }

    public override JsonObject Bind(EditorInput input) =>
        new()
        {
            ["UserIds"] = new JsonArray((input.Text("UserIds") ?? "")
                .Split(['\n', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Distinct().Select(v => (JsonNode?)v).ToArray()),
        };
}
