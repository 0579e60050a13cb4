using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;

namespace Portal.Contents.Services;

public enum DiffKind { Same, Removed, Added }

public sealed record DiffLine(DiffKind Kind, string Text);

/// <summary>One thing that differs between two versions: the title, a field or the body, line by line.</summary>
public sealed record VersionChange(string Label, IReadOnlyList<DiffLine> Lines);

/// <summary>
/// A readable comparison of two versions of an item: the title, every field by its display name and the body as
/// its paragraphs' text, with the lines removed and added. Sensitive fields are kept apart from versions, so they
/// never appear here.
/// </summary>
public static partial class VersionComparison
{
    private const int MaxLines = 2000; // beyond this, a changed text is shown as all removed and all added

    public static IReadOnlyList<VersionChange> Compare(ContentItem from, ContentItem to, ContentTypeDefinition type,
        ContentDefinitionDocument document, string titleLabel, string bodyLabel)
    {
        var before = Readable(from, type, document, titleLabel, bodyLabel);
        var after = Readable(to, type, document, titleLabel, bodyLabel);
        return before.Keys.Concat(after.Keys).Distinct()
            .Select(label => (label, a: before.GetValueOrDefault(label, []), b: after.GetValueOrDefault(label, [])))
            .Where(c => !c.a.SequenceEqual(c.b))
            .Select(c => new VersionChange(c.label, Diff(c.a, c.b)))
            .ToList();
    }

    /// <summary>The item as labelled lines of text, in the order the type lists its parts and fields.</summary>
    private static Dictionary<string, IReadOnlyList<string>> Readable(ContentItem item, ContentTypeDefinition type,
        ContentDefinitionDocument document, string titleLabel, string bodyLabel)
    {
        var result = new Dictionary<string, IReadOnlyList<string>> { [titleLabel] = Lines(item.DisplayText) };
        var labels = type.Parts.SelectMany(p => (document.ContentParts.FirstOrDefault(d => d.Name == p.PartName)?.OrderedFields() ?? [])
            .Select(f => (Key: p.Name + "." + f.Name, f.DisplayName))).ToDictionary(f => f.Key, f => f.DisplayName);
        labels["HtmlBodyPart.Html"] = bodyLabel;
        foreach (var (partName, part) in item.Content)
        {
            if (part is not JsonObject properties || partName == "TitlePart") continue;
            foreach (var (name, value) in properties)
            {
                var label = labels.GetValueOrDefault(partName + "." + name, partName + " › " + name);
                result[label] = name == "Html" ? HtmlLines(JsonValues.Text(value) ?? "") : FieldLines(value);
            }
        }
        return result;
    }

    private static IReadOnlyList<string> FieldLines(JsonNode? value) => value switch
    {
        JsonObject field when field.Count == 1 => FieldLines(field.First().Value),
        JsonObject field when field["Html"] is { } html => HtmlLines(JsonValues.Text(html) ?? ""),
        JsonObject field => field.Where(p => p.Value is not null).SelectMany(p => FieldLines(p.Value).Select(l => p.Key + ": " + l)).ToList(),
        JsonArray list => list.Count == 0 ? [] : [string.Join(", ", list.Select(v => v is JsonValue ? JsonValues.Text(v) ?? v.ToJsonString() : v?.ToJsonString()))],
        null => [],
        _ => Lines(JsonValues.Text(value) ?? value.ToJsonString()),
    };

    private static IReadOnlyList<string> HtmlLines(string html) =>
        Lines(System.Net.WebUtility.HtmlDecode(Tag().Replace(BlockEnd().Replace(html, "\n"), "")));

    private static IReadOnlyList<string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Lines in both (longest common subsequence) are kept; the rest are removed from the first or added in the second, removals first.</summary>
    private static IReadOnlyList<DiffLine> Diff(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count > MaxLines || b.Count > MaxLines)
            return [.. a.Select(l => new DiffLine(DiffKind.Removed, l)), .. b.Select(l => new DiffLine(DiffKind.Added, l))];
        var common = new int[a.Count + 1, b.Count + 1];
        for (var i = a.Count - 1; i >= 0; i--)
            for (var j = b.Count - 1; j >= 0; j--)
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
        var lines = new List<DiffLine>();
        int x = 0, y = 0;
        while (x < a.Count || y < b.Count)
        {
            if (x < a.Count && y < b.Count && a[x] == b[y]) { lines.Add(new(DiffKind.Same, a[x])); x++; y++; }
            else if (y < b.Count && (x == a.Count || common[x, y + 1] > common[x + 1, y])) lines.Add(new(DiffKind.Added, b[y++]));
            else lines.Add(new(DiffKind.Removed, a[x++]));
        }
        return lines;
    }

    [GeneratedRegex(@"</(p|h[1-6]|li|blockquote|tr|td|th|div|figcaption)>|<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockEnd();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();
}
