namespace Portal.Contents.Editors.Parts;

/// <summary>HtmlBodyPart: HTML source for now; the content manager sanitizes it on save.</summary>
public sealed class HtmlBodyPartEditor() : TextAreaEditor("HtmlBodyPart", "Html", rows: 14);

public sealed class MarkdownBodyPartEditor() : TextAreaEditor("MarkdownBodyPart", "Markdown", rows: 14);
