using System.Text;

namespace Portal.GraphQL.Engine.Language;

/// <summary>Line and column, both 1-based, as GraphQL errors report them.</summary>
public readonly record struct Location(int Line, int Column);

/// <summary>The text of a document; turns offsets into locations only when an error needs one.</summary>
public sealed class SourceText(string body)
{
    public string Body { get; } = body;
    private int[]? lineStarts;

    public Location LocationOf(int offset)
    {
        lineStarts ??= ComputeLineStarts(Body);
        var index = Array.BinarySearch(lineStarts, offset);
        var line = index >= 0 ? index : ~index - 1;
        return new Location(line + 1, offset - lineStarts[line] + 1);
    }

    private static int[] ComputeLineStarts(string body)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] == '\n') starts.Add(i + 1);
            else if (body[i] == '\r')
            {
                if (i + 1 < body.Length && body[i + 1] == '\n') i++;
                starts.Add(i + 1);
            }
        }
        return [.. starts];
    }
}

/// <summary>Prints values the way GraphQL source writes them.</summary>
public static class Printer
{
    public static string Quote(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("X4"));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }
}
