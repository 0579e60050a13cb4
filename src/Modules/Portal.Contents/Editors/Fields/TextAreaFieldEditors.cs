namespace Portal.Contents.Editors.Fields;

/// <summary>HTML as source text for now; a rich editor can replace it without changing the stored shape.</summary>
public sealed class HtmlFieldEditor() : TextAreaEditor("HtmlField", "Html", rows: 10);

public sealed class MarkdownFieldEditor() : TextAreaEditor("MarkdownField", "Markdown", rows: 10);
