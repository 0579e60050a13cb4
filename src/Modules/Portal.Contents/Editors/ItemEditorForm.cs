using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using Portal.Contents.Models;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;
using Portal.Core.Content.Privacy;
using Portal.Core.Security;
using Portal.Core.Settings;

namespace Portal.Contents.Editors;

/// <summary>One editor of the item form: a built-in part or a field of a part.</summary>
internal sealed record EditorSlot(ContentEditor Editor, string Prefix, string ErrorPath, string Label, FieldSettings Settings, string? EditorOption, string PartName, string? FieldName,
    bool Sensitive = false);

/// <summary>
/// The item editor generated from the type definition: the built-in parts and the fields of the type's parts, in
/// their configured order, each drawn and read by the <see cref="ContentEditor"/> named like its kind.
/// Sensitive fields are shown and read only for users who may see personal data (showing them is logged); users who may
/// only enter it get empty inputs, and only what they type replaces a stored value; everyone else gets neither.
/// </summary>
public sealed class ItemEditorForm(
    IEnumerable<ContentEditor> editors, ContentDefinitionStore definitions, SiteSettingsStore siteSettings,
    PersonalData personalData, ICurrentUser currentUser, IAuthorizationService authorization,
    IServiceProvider services, IStringLocalizer<ItemEditorForm> T)
{
    private readonly IReadOnlyDictionary<string, ContentEditor> editors = editors.ToDictionary(e => e.Name);

    public async Task<IHtmlContent> RenderAsync(ContentTypeDefinition type, ContentItem item, IReadOnlyList<ContentError> errors)
    {
        var timeZone = await TimeZoneAsync();
        var html = new HtmlContentBuilder();
        var slots = await SlotsAsync(type);
        var access = await AccessAsync(slots);
        JsonObject? stored = null;
        foreach (var slot in slots)
        {
            if (slot.Sensitive && access == PersonalDataAccess.None)
            {
                html.AppendHtml(HiddenFrame(slot));
                continue;
            }
            // Nothing stored or typed is shown back, not even what a refused form had.
            if (slot.Sensitive && access == PersonalDataAccess.Enter)
            {
                html.AppendHtml(await FrameAsync(slot, new JsonObject(), errors, timeZone,
                    T["Write-only: what you type is saved and not shown again, not even to you; left empty, the stored value is kept."]));
                continue;
            }
            var value = slot.FieldName is null
                ? item.Content[slot.PartName] as JsonObject ?? new JsonObject()
                : item.Content[slot.PartName]?[slot.FieldName] as JsonObject;
            // Items come from the content manager without sensitive values; a saved item's are read (and the read logged) once.
            if (value is null && slot.Sensitive && item.ContentItemVersionId.Length > 0)
            {
                stored ??= await personalData.RevealAsync(item.ContentItemId, PersonalData.EditPurpose);
                value = stored[slot.PartName]?[slot.FieldName!] as JsonObject;
            }
            html.AppendHtml(await FrameAsync(slot, value ?? new JsonObject(), errors, timeZone));
        }
        return html;
    }

    /// <summary>Writes the posted values into <paramref name="item"/>; other JSON of the item is kept.</summary>
    public async Task BindAsync(ContentTypeDefinition type, ContentItem item, IFormCollection form)
    {
        var timeZone = await TimeZoneAsync();
        var slots = await SlotsAsync(type);
        var access = await AccessAsync(slots);
        foreach (var slot in slots)
        {
            // Left out, a sensitive field keeps its stored value.
            if (slot.Sensitive && access == PersonalDataAccess.None) continue;
            var value = slot.Editor.Bind(new EditorInput(form, slot.Prefix, slot.Settings, timeZone));
            if (slot.Sensitive && access == PersonalDataAccess.Enter && IsEmpty(value)) continue;
            if (slot.FieldName is null)
            {
                var part = item.Part(slot.PartName);
                foreach (var (key, node) in value) part[key] = node?.DeepClone();
            }
            else
            {
                item.Part(slot.PartName)[slot.FieldName] = value;
            }
        }
    }

    private async Task<IReadOnlyList<EditorSlot>> SlotsAsync(ContentTypeDefinition type)
    {
        var document = await definitions.GetAsync();
        var slots = new List<EditorSlot>();
        foreach (var part in type.OrderedParts())
        {
            if (editors.TryGetValue(part.PartName, out var partEditor))
            {
                var kind = definitions.PartKinds.FirstOrDefault(k => k.Name == part.PartName);
                var settings = new FieldSettings(part.Settings[part.PartName + "Settings"] as JsonObject ?? new JsonObject());
                slots.Add(new EditorSlot(partEditor, part.Name, $"{part.Name}.{partEditor.MainProperty}",
                    T[kind?.DisplayName ?? part.PartName], settings, null, part.Name, null));
            }
            var definition = document.ContentParts.FirstOrDefault(p => p.Name == part.PartName);
            foreach (var field in definition?.OrderedFields() ?? [])
            {
                if (!editors.TryGetValue(field.FieldName, out var fieldEditor)) continue;
                slots.Add(new EditorSlot(fieldEditor, $"{part.Name}.{field.Name}", $"{part.Name}.{field.Name}", field.DisplayName,
                    field.KindSettings, field.Settings["ContentPartFieldSettings"]?["Editor"]?.ToString(), part.Name, field.Name, field.Sensitive));
            }
        }
        return slots;
    }

    /// <summary>The label, hint and error around an editor's controls; the error sits next to the field it concerns.</summary>
    private async Task<IHtmlContent> FrameAsync(EditorSlot slot, JsonObject value, IReadOnlyList<ContentError> errors, TimeZoneInfo timeZone, string? note = null)
    {
        var id = FormErrors.IdFor(slot.ErrorPath);
        var invalid = errors.Has(slot.ErrorPath);
        var hint = string.Join(" ", new[] { slot.Settings.Hint ?? slot.Editor.Hint(T), note }.OfType<string>()) is { Length: > 0 } h ? h : null;
        var describedBy = string.Join(' ', new[] { hint is null ? null : id + "-hint", invalid ? id + "-error" : null }.OfType<string>());
        var context = new EditorContext
        {
            Prefix = slot.Prefix,
            Label = slot.Label,
            Value = value,
            Settings = slot.Settings,
            EditorOption = slot.EditorOption,
            Invalid = invalid,
            DescribedBy = describedBy.Length > 0 ? describedBy : null,
            T = T,
            Services = services,
            TimeZone = timeZone,
        };
        var controls = await slot.Editor.ControlsAsync(context);
        var layout = slot.Editor.Layout(context);

        var frame = new TagBuilder(layout == EditorLayout.Group ? "fieldset" : "div");
        frame.AddCssClass("field");
        // For a field the frame's id is its error path (the summary links there); a part's input already has it.
        frame.Attributes["id"] = FormErrors.IdFor(slot.Prefix);
        var label = new TagBuilder(layout switch { EditorLayout.Group => "legend", _ => "label" });
        label.InnerHtml.Append(slot.Label);
        if (slot.Settings.Required)
            label.InnerHtml.AppendHtml(" <span class=\"required-mark\" aria-hidden=\"true\">*</span>");
        if (layout == EditorLayout.Checkbox)
        {
            label.AddCssClass("checkbox");
            label.InnerHtml.Clear();
            label.InnerHtml.AppendHtml(controls).Append(" " + slot.Label);
            frame.InnerHtml.AppendHtml(label);
        }
        else
        {
            if (layout == EditorLayout.Labelled) label.Attributes["for"] = context.IdOf(slot.Editor.MainProperty);
            frame.InnerHtml.AppendHtml(label).AppendHtml(controls);
        }
        if (hint is not null)
            frame.InnerHtml.AppendHtml(Span("hint", id + "-hint", hint));
        if (errors.MessageFor(slot.ErrorPath) is { } message)
            frame.InnerHtml.AppendHtml(Span("field-error", id + "-error", message));
        return frame;
    }

    private enum PersonalDataAccess { None, Enter, View }

    /// <summary>What the user may do with the sensitive fields: see and change them, only enter new values, or neither.</summary>
    private async Task<PersonalDataAccess> AccessAsync(IReadOnlyList<EditorSlot> slots)
    {
        if (!slots.Any(s => s.Sensitive)) return PersonalDataAccess.View;
        if (currentUser.Principal is not { } user) return PersonalDataAccess.None;
        if (await HasAsync(user, PortalPermissions.ViewPersonalData)) return PersonalDataAccess.View;
        return await HasAsync(user, PortalPermissions.EnterPersonalData) ? PersonalDataAccess.Enter : PersonalDataAccess.None;
    }

    private async Task<bool> HasAsync(System.Security.Claims.ClaimsPrincipal user, Permission permission) =>
        (await authorization.AuthorizeAsync(user, PermissionPolicy.For(permission))).Succeeded;

    /// <summary>Nothing typed: every value empty, unticked or unchosen.</summary>
    private static bool IsEmpty(JsonNode? node) => node switch
    {
        null => true,
        JsonObject o => o.All(p => IsEmpty(p.Value)),
        JsonArray a => a.All(IsEmpty),
        JsonValue v when v.TryGetValue<string>(out var text) => string.IsNullOrWhiteSpace(text),
        JsonValue v when v.TryGetValue<bool>(out var flag) => !flag,
        _ => false,
    };

    private TagBuilder HiddenFrame(EditorSlot slot)
    {
        var frame = new TagBuilder("div");
        frame.AddCssClass("field");
        frame.Attributes["id"] = FormErrors.IdFor(slot.Prefix);
        var label = new TagBuilder("span");
        label.AddCssClass("label");
        label.InnerHtml.Append(slot.Label);
        frame.InnerHtml.AppendHtml(label).AppendHtml(Span("hint", FormErrors.IdFor(slot.ErrorPath) + "-hint",
            T["Personal data: hidden. Only staff allowed to see personal data can see or change it."]));
        return frame;
    }

    private static TagBuilder Span(string css, string id, string text)
    {
        var span = new TagBuilder("span");
        span.AddCssClass(css);
        span.Attributes["id"] = id;
        span.InnerHtml.Append(text);
        return span;
    }

    private Task<TimeZoneInfo> TimeZoneAsync() => siteSettings.TimeZoneAsync();
}
