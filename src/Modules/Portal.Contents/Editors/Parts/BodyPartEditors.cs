namespace Portal.Contents.Editors.Parts;

/// <summary>HtmlBodyPart in the rich-text editor; the content manager sanitizes it on save.</summary>
public sealed class HtmlBodyPartEditor() : RichTextEditor("HtmlBodyPart", "Html", rows: 14);

public sealed class MarkdownBodyPartEditor() : TextAreaEditor("MarkdownBodyPart", "Markdown", rows: 14);
