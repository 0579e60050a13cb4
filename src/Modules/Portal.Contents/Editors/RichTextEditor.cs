using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace Portal.Contents.Editors;

/// <summary>
/// HTML written in a rich-text editor (FrontEnd/rich-text.js): the text area stays the form's value, so the page works
/// without scripts and the stored shape is unchanged; the script hides it behind the editor and keeps it in step.
/// The toolbar and dialogs are drawn here, so every label goes through the localizer. The content manager
/// sanitizes the HTML on save whatever the editor sent.
/// </summary>
public abstract class RichTextEditor(string name, string property, int rows) : TextAreaEditor(name, property, rows)
{
    private static readonly (string Command, string Label)[] Tools =
    [
        ("paragraph", "Paragraph"), ("heading2", "Heading"), ("heading3", "Subheading"),
        ("bold", "Bold"), ("italic", "Italic"),
        ("bulletList", "Bulleted list"), ("orderedList", "Numbered list"), ("blockquote", "Quote"),
        ("link", "Link"), ("image", "Image"), ("table", "Table"),
        ("addRowAfter", "Add row"), ("addColumnAfter", "Add column"), ("deleteRow", "Delete row"),
        ("deleteColumn", "Delete column"), ("deleteTable", "Delete table"),
        ("undo", "Undo"), ("redo", "Redo"), ("source", "HTML source"),
    ];

    private static readonly HashSet<string> TableTools = ["addRowAfter", "addColumnAfter", "deleteRow", "deleteColumn", "deleteTable"];

    public override async Task<IHtmlContent> ControlsAsync(EditorContext context)
    {
        var T = context.T;
        var id = context.IdOf(MainProperty);
        var wrapper = new TagBuilder("div");
        wrapper.AddCssClass("rich-text");
        wrapper.Attributes["data-rich-text"] = id;
        wrapper.Attributes["data-msg-link-invalid"] = T["Enter an address that starts with http://, https://, mailto:, tel: or /."].Value;

        var toolbar = new TagBuilder("div");
        toolbar.AddCssClass("rich-text-toolbar");
        toolbar.Attributes["role"] = "toolbar";
        toolbar.Attributes["aria-label"] = T["Formatting of {0}", context.Label].Value;
        toolbar.Attributes["aria-controls"] = id + "-editor";
        toolbar.Attributes["hidden"] = "hidden"; // shown by the script, which makes the buttons work
        foreach (var (command, label) in Tools)
        {
            var button = new TagBuilder("button");
            button.Attributes["type"] = "button";
            button.Attributes["data-command"] = command;
            if (TableTools.Contains(command)) button.Attributes["data-table-only"] = "true";
            button.InnerHtml.Append(T[label].Value);
            toolbar.InnerHtml.AppendHtml(button);
        }

        var hint = new TagBuilder("p");
        hint.AddCssClass("hint rich-text-keys");
        hint.Attributes["hidden"] = "hidden";
        hint.InnerHtml.Append(T["Alt+F10 moves to the toolbar, arrow keys move along it, Escape returns to the text. Pasted text from Word or WeChat is cleaned of its formatting."].Value);

        wrapper.InnerHtml.AppendHtml(toolbar)
            .AppendHtml(await base.ControlsAsync(context))
            .AppendHtml(hint)
            .AppendHtml(LinkDialog(id, T))
            .AppendHtml(MediaPickerDialog.Render(id + "-images", T, withAltText: true));
        return wrapper;
    }

    private static TagBuilder LinkDialog(string id, IStringLocalizer T)
    {
        var dialog = new TagBuilder("dialog");
        dialog.AddCssClass("rich-text-dialog");
        dialog.Attributes["id"] = id + "-link";
        dialog.Attributes["aria-labelledby"] = id + "-link-title";
        dialog.InnerHtml.AppendHtml($"""
            <h2 id="{id}-link-title">{Encode(T["Link"])}</h2>
            <div class="field"><label for="{id}-link-href">{Encode(T["Link address"])}</label>
            <input id="{id}-link-href" type="text" inputmode="url" autocomplete="off" aria-describedby="{id}-link-error">
            <span class="field-error" id="{id}-link-error" role="alert"></span></div>
            <div class="actions"><button type="button" class="primary" data-link="apply">{Encode(T["Apply"])}</button>
            <button type="button" data-link="remove">{Encode(T["Remove link"])}</button>
            <button type="button" data-link="cancel">{Encode(T["Cancel"])}</button></div>
            """);
        return dialog;
    }

    internal static string Encode(LocalizedString text) => System.Net.WebUtility.HtmlEncode(text.Value);
}
