using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;

namespace Portal.Contents.Editors.Fields;

/// <summary>A select of items of the allowed types (<c>DisplayedContentTypes</c>; all types when none are set).</summary>
public sealed class ContentPickerFieldEditor : ContentEditor
{
    private const int MaxChoices = 500;

    public override string Name => "ContentPickerField";

    // The label points at the select (it pointed at a "Value" input that does not exist, so the select had no name).
    public override string MainProperty => "ContentItemIds";

    public override async Task<IHtmlContent> ControlsAsync(EditorContext context)
    {
        var content = context.Services.GetRequiredService<ContentManager>();
        var types = context.Settings.Json["DisplayedContentTypes"] is JsonArray array ? array.Select(JsonValues.Text).OfType<string>().ToList() : [];
        var chosen = context.Value["ContentItemIds"] is JsonArray ids ? ids.Select(JsonValues.Text).OfType<string>().ToList() : [];
        var query = content.Records.Where(r => r.Latest);
        if (types.Count > 0) query = query.Where(r => types.Contains(r.ContentType));
        var choices = await query.OrderBy(r => r.DisplayText).Take(MaxChoices)
            .Select(r => new { r.ContentItemId, r.DisplayText, r.ContentType }).ToListAsync();
        var missing = chosen.Except(choices.Select(c => c.ContentItemId)).ToList();
        if (missing.Count > 0)
            choices.AddRange(await content.Records.Where(r => r.Latest && missing.Contains(r.ContentItemId))
                .Select(r => new { r.ContentItemId, r.DisplayText, r.ContentType }).ToListAsync());

        var select = context.Tag("select", "ContentItemIds");
        if (context.Settings.Multiple) select.Attributes["multiple"] = "multiple";
        else select.InnerHtml.AppendHtml(Option("", context.T["(none)"], chosen.Count == 0));
        if (context.Settings.Required) select.Attributes["required"] = "required";
        foreach (var choice in choices)
        {
            var text = choice.DisplayText.Length > 0 ? choice.DisplayText : choice.ContentItemId;
            select.InnerHtml.AppendHtml(Option(choice.ContentItemId, types.Count == 1 ? text : $"{text} ({choice.ContentType})", chosen.Contains(choice.ContentItemId)));
        }
        return select;
    }

    public override JsonObject Bind(EditorInput input) =>
        new() { ["ContentItemIds"] = new JsonArray(input.All("ContentItemIds").Where(v => v.Length > 0).Distinct().Select(v => (JsonNode?)v).ToArray()) };
}
