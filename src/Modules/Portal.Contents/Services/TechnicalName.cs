using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Contents.Services;

/// <summary>Technical names of types and fields: a letter, then letters, digits or underscores.</summary>
public static partial class TechnicalName
{
    /// <summary>
    /// "Street lamp request" → "StreetLampRequest". Text without Latin letters (a Chinese display name) gives
    /// an empty suggestion: the user then types the name.
    /// </summary>
    public static string Suggest(string? displayName)
    {
        var builder = new StringBuilder();
        foreach (Match word in Word().Matches(displayName ?? ""))
        {
            builder.Append(char.ToUpperInvariant(word.Value[0]));
            builder.Append(word.Value.AsSpan(1));
        }
        var name = builder.ToString().TrimStart('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
        return name.Length > 64 ? name[..64] : name;
    }

    public static bool IsValid(string name) => Valid().IsMatch(name);

    [GeneratedRegex("[A-Za-z0-9]+")]
    private static partial Regex Word();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,63}$")]
    private static partial Regex Valid();
}
