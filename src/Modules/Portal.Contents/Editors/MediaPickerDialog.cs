using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace Portal.Contents.Editors;

/// <summary>
/// The dialog that picks an image from the media library (FrontEnd/media-picker.js): search, a page of thumbnails,
/// upload, alternative text. It reads <c>/admin/media/api/</c>, which needs <c>ManageMedia</c>; without it the dialog
/// says so and the path can still be typed.
/// </summary>
public static class MediaPickerDialog
{
    public static IHtmlContent Render(string id, IStringLocalizer T, bool withAltText)
    {
        string E(string text) => RichTextEditor.Encode(T[text]);
        var alt = withAltText
            ? $"""<div class="field"><label for="{id}-alt">{E("Alternative text")}</label><input id="{id}-alt" type="text" maxlength="300" aria-describedby="{id}-alt-hint"><span class="hint" id="{id}-alt-hint">{E("What the image shows, for readers who cannot see it.")}</span></div>"""
            : "";
        return new HtmlString($"""
            <dialog class="media-picker" id="{id}" aria-labelledby="{id}-title"
                data-msg-loading="{E("Loading…")}" data-msg-none="{E("No images found.")}" data-msg-forbidden="{E("You may not use the media library. Type the file's path instead.")}"
                data-msg-failed="{E("The media library did not answer. Try again.")}" data-msg-choose="{E("Choose an image first.")}" data-msg-uploaded="{E("Uploaded. The image is chosen.")}">
              <h2 id="{id}-title">{E("Choose an image from the media library")}</h2>
              <div class="picker-search"><label for="{id}-q">{E("Search by name or alternative text")}</label>
                <input id="{id}-q" type="search"> <button type="button" data-picker="search">{E("Search")}</button></div>
              <p class="picker-status" role="status" aria-live="polite"></p>
              <ul class="picker-results" aria-label="{E("Images")}"></ul>
              {alt}
              <details class="picker-upload"><summary>{E("Upload a new image")}</summary>
                <div class="field"><label for="{id}-file">{E("Image file (JPEG, PNG, GIF or WebP)")}</label>
                <input id="{id}-file" type="file" accept="image/jpeg,image/png,image/gif,image/webp"></div>
                <button type="button" data-picker="upload">{E("Upload")}</button></details>
              <div class="actions"><button type="button" class="primary" data-picker="choose">{E("Use this image")}</button>
                <button type="button" data-picker="cancel">{E("Cancel")}</button></div>
            </dialog>
            """);
    }
}
