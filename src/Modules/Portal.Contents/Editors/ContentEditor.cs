using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using Portal.Contents.Models;
using Portal.Core.Content.Definitions;

namespace Portal.Contents.Editors;

/// <summary>How the item editor draws the label around an editor's controls.</summary>
public enum EditorLayout
{
    /// <summary>One control: a label pointing at the input of <see cref="ContentEditor.MainProperty"/>.</summary>
    Labelled,
    /// <summary>Several controls: a fieldset with the label as legend.</summary>
    Group,
    /// <summary>A checkbox: the label follows the box.</summary>
    Checkbox,
}

/// <summary>
/// The editor of one field kind (named like the kind, e.g. <c>TextField</c>) or of one built-in part (<c>TitlePart</c>):
/// draws its controls from the stored JSON and reads them back from the form. A new field kind needs one
/// class like this in any module; the item editor picks it by name.
/// </summary>
public abstract class ContentEditor
{
    public abstract string Name { get; }
    public virtual string MainProperty => "Value";
    public virtual EditorLayout Layout(EditorContext context) => EditorLayout.Labelled;

    /// <summary>A hint of the editor's own, shown when the field has none.</summary>
    public virtual string? Hint(IStringLocalizer T) => null;

    public abstract Task<IHtmlContent> ControlsAsync(EditorContext context);

    /// <summary>The JSON for this field or part from the posted form.</summary>
    public abstract JsonObject Bind(EditorInput input);

    protected static TagBuilder Option(string value, string text, bool selected)
    {
        var option = new TagBuilder("option");
        option.Attributes["value"] = value;
        if (selected) option.Attributes["selected"] = "selected";
        option.InnerHtml.Append(text);
        return option;
    }
}

/// <summary>What an editor draws: the value, its settings and how to name its inputs.</summary>
public sealed class EditorContext
{
    public required string Prefix { get; init; }
    public required string Label { get; init; }
    public required JsonObject Value { get; init; }
    public required FieldSettings Settings { get; init; }
    /// <summary>The field's <c>ContentPartFieldSettings.Editor</c> choice, e.g. <c>TextArea</c>.</summary>
    public string? EditorOption { get; init; }
    public required bool Invalid { get; init; }
    public required string? DescribedBy { get; init; }
    public required IStringLocalizer T { get; init; }
    public required IServiceProvider Services { get; init; }
    public required TimeZoneInfo TimeZone { get; init; }

    public string NameOf(string property) => $"{Prefix}.{property}";
    public string IdOf(string property) => FormErrors.IdFor(NameOf(property));

    /// <summary>An input with name, id, the error state and the hint/error description.</summary>
    public TagBuilder Input(string type, string property, string? value)
    {
        var input = Tag("input", property);
        input.TagRenderMode = TagRenderMode.SelfClosing;
        input.Attributes["type"] = type;
        if (value is not null) input.Attributes["value"] = value;
        return input;
    }

    public TagBuilder TextArea(string property, string? value, int rows = 8)
    {
        var area = Tag("textarea", property);
        area.Attributes["rows"] = rows.ToString();
        // A newline right after <textarea> is dropped by browsers; write one so text that starts with one survives.
        area.InnerHtml.AppendHtml("\n");
        area.InnerHtml.Append(value ?? "");
        return area;
    }

    public TagBuilder Tag(string tag, string property)
    {
        var element = new TagBuilder(tag);
        element.Attributes["name"] = NameOf(property);
        element.Attributes["id"] = IdOf(property);
        Describe(element);
        return element;
    }

    public void Describe(TagBuilder element)
    {
        if (Invalid) element.Attributes["aria-invalid"] = "true";
        if (DescribedBy is not null) element.Attributes["aria-describedby"] = DescribedBy;
    }
}

/// <summary>The posted values of one field or part.</summary>
public sealed class EditorInput(IFormCollection form, string prefix, FieldSettings settings, TimeZoneInfo timeZone)
{
    public FieldSettings Settings => settings;
    public TimeZoneInfo TimeZone => timeZone;

    public string? Text(string property) => form.TryGetValue($"{prefix}.{property}", out var v) ? v.ToString() : null;

    public IReadOnlyList<string> All(string property) =>
        form.TryGetValue($"{prefix}.{property}", out var v) ? v.Select(s => s ?? "").ToList() : [];
}
