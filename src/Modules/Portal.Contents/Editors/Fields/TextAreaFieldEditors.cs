namespace Portal.Contents.Editors.Fields;

/// <summary>HTML in the rich-text editor, stored as before (<c>{"Html"}</c>).</summary>
public sealed class HtmlFieldEditor() : RichTextEditor("HtmlField", "Html", rows: 10);

public sealed class MarkdownFieldEditor() : TextAreaEditor("MarkdownField", "Markdown", rows: 10);
