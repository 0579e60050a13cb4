namespace Portal.Core.Content.Privacy;

/// <summary>How personal data is shown where only a hint of it may appear.</summary>
public static class PersonalDataMask
{
    /// <summary>"马小红" → "马**"; "Ma Xiaohong" → "M**". The family name (the first character) stays.</summary>
    public static string Name(string? name)
    {
        var text = (name ?? "").Trim();
        if (text.Length == 0) return "";
        var first = char.IsSurrogate(text[0]) && text.Length > 1 ? text[..2] : text[..1];
        return first + "**";
    }

    /// <summary>"13812345678" → "138****5678": enough to tell two numbers apart, not enough to call.</summary>
    public static string Phone(string? phone)
    {
        var digits = new string((phone ?? "").Where(char.IsAsciiDigit).ToArray());
        return digits.Length < 7 ? new string('*', digits.Length) : digits[..3] + new string('*', digits.Length - 7) + digits[^4..];
    }
}
