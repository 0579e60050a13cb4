using System.Globalization;
using System.Text;

namespace Portal.GraphQL.Engine.Language;

public enum TokenKind
{
    EndOfFile, Bang, Dollar, Amp, ParenL, ParenR, Spread, Colon, Equals, At, BracketL, BracketR, BraceL, Pipe, BraceR,
    Name, Int, Float, String, BlockString,
}

/// <summary>A token: its kind, its span in the source and, for names, numbers and strings, its value.</summary>
public readonly record struct Token(TokenKind Kind, int Start, int End, string? Value)
{
    public string Describe() => Kind switch
    {
        TokenKind.EndOfFile => "<EOF>",
        TokenKind.Name or TokenKind.Int or TokenKind.Float => $"{Kind} \"{Value}\"",
        TokenKind.String or TokenKind.BlockString => "String " + Printer.Quote(Value!),
        _ => $"\"{Punctuator(Kind)}\"",
    };

    public static string Punctuator(TokenKind kind) => kind switch
    {
        TokenKind.Bang => "!", TokenKind.Dollar => "$", TokenKind.Amp => "&", TokenKind.ParenL => "(", TokenKind.ParenR => ")",
        TokenKind.Spread => "...", TokenKind.Colon => ":", TokenKind.Equals => "=", TokenKind.At => "@",
        TokenKind.BracketL => "[", TokenKind.BracketR => "]", TokenKind.BraceL => "{", TokenKind.Pipe => "|",
        TokenKind.BraceR => "}", _ => kind.ToString(),
    };
}

/// <summary>Turns GraphQL source into tokens (spec section 2.1), skipping ignored tokens and comments.</summary>
public sealed class Lexer(SourceText source)
{
    private readonly string body = source.Body;
    private int position;

    public SourceText Source { get; } = source;

    /// <summary>A lexer at the same position, for one token of look-ahead.</summary>
    public Lexer Clone() => (Lexer)MemberwiseClone();

    public Token Next()
    {
        SkipIgnored();
        if (position >= body.Length) return new Token(TokenKind.EndOfFile, body.Length, body.Length, null);
        var start = position;
        var c = body[position];
        switch (c)
        {
            case '!': return Punct(TokenKind.Bang);
            case '$': return Punct(TokenKind.Dollar);
            case '&': return Punct(TokenKind.Amp);
            case '(': return Punct(TokenKind.ParenL);
            case ')': return Punct(TokenKind.ParenR);
            case ':': return Punct(TokenKind.Colon);
            case '=': return Punct(TokenKind.Equals);
            case '@': return Punct(TokenKind.At);
            case '[': return Punct(TokenKind.BracketL);
            case ']': return Punct(TokenKind.BracketR);
            case '{': return Punct(TokenKind.BraceL);
            case '|': return Punct(TokenKind.Pipe);
            case '}': return Punct(TokenKind.BraceR);
            case '.':
                if (Peek(1) == '.' && Peek(2) == '.')
                {
                    position += 3;
                    return new Token(TokenKind.Spread, start, position, null);
                }
                throw Error(start, "Unexpected character: \".\".");
            case '"':
                return Peek(1) == '"' && Peek(2) == '"' ? ReadBlockString() : ReadString();
        }
        if (IsNameStart(c)) return ReadName();
        if (c == '-' || IsDigit(c)) return ReadNumber();
        throw Error(start, "Unexpected character: " + Describe(CodePointAt(start)) + ".");
    }

    private Token Punct(TokenKind kind) => new(kind, position, ++position, null);

    private char Peek(int ahead) => position + ahead < body.Length ? body[position + ahead] : '\0';

    private void SkipIgnored()
    {
        while (position < body.Length)
        {
            var c = body[position];
            if (c is ' ' or '\t' or ',' or '\n' or '\r' or '\uFEFF') position++;
            else if (c == '#')
            {
                while (position < body.Length && body[position] is not ('\n' or '\r')) position++;
            }
            else break;
        }
    }

    private Token ReadName()
    {
        var start = position;
        while (position < body.Length && IsNameContinue(body[position])) position++;
        return new Token(TokenKind.Name, start, position, body[start..position]);
    }

    private Token ReadNumber()
    {
        var start = position;
        var isFloat = false;
        if (body[position] == '-') position++;
        if (Current == '0')
        {
            position++;
            if (IsDigit(Current)) throw Error(position, $"Invalid number, unexpected digit after 0: {Describe(Current)}.");
        }
        else ReadDigits();
        if (Current == '.')
        {
            isFloat = true;
            position++;
            ReadDigits();
        }
        if (Current is 'e' or 'E')
        {
            isFloat = true;
            position++;
            if (Current is '+' or '-') position++;
            ReadDigits();
        }
        if (Current == '.' || (position < body.Length && IsNameStart(Current)))
            throw Error(position, $"Invalid number, expected digit but got: {Describe(Current)}.");
        return new Token(isFloat ? TokenKind.Float : TokenKind.Int, start, position, body[start..position]);
    }

    private char Current => position < body.Length ? body[position] : '\0';

    private void ReadDigits()
    {
        if (!IsDigit(Current))
            throw Error(position, "Invalid number, expected digit but got: " + (position < body.Length ? Describe(Current) : "<EOF>") + ".");
        while (IsDigit(Current)) position++;
    }

    private Token ReadString()
    {
        var start = position++;
        var sb = new StringBuilder();
        while (position < body.Length)
        {
            var c = body[position];
            if (c == '"')
            {
                position++;
                return new Token(TokenKind.String, start, position, sb.ToString());
            }
            if (c is '\n' or '\r') break;
            if (c == '\\')
            {
                ReadEscape(sb);
                continue;
            }
            AppendSourceCharacter(sb, "String");
        }
        throw Error(position, "Unterminated string.");
    }

    private void ReadEscape(StringBuilder sb)
    {
        var escapeStart = position;
        var e = Peek(1);
        position += 2;
        switch (e)
        {
            case '"': sb.Append('"'); return;
            case '\\': sb.Append('\\'); return;
            case '/': sb.Append('/'); return;
            case 'b': sb.Append('\b'); return;
            case 'f': sb.Append('\f'); return;
            case 'n': sb.Append('\n'); return;
            case 'r': sb.Append('\r'); return;
            case 't': sb.Append('\t'); return;
            case 'u':
                var code = ReadUnicodeEscape(escapeStart);
                if (char.IsHighSurrogate((char)code) && code <= 0xFFFF && Current == '\\' && Peek(1) == 'u')
                {
                    var lowStart = position;
                    position += 2;
                    var low = ReadUnicodeEscape(lowStart);
                    if (low <= 0xFFFF && char.IsLowSurrogate((char)low))
                    {
                        sb.Append((char)code).Append((char)low);
                        return;
                    }
                    throw Error(escapeStart, $"Invalid Unicode escape sequence: \"{body[escapeStart..position]}\".");
                }
                if (code is >= 0xD800 and <= 0xDFFF)
                    throw Error(escapeStart, $"Invalid Unicode escape sequence: \"{body[escapeStart..position]}\".");
                sb.Append(char.ConvertFromUtf32(code));
                return;
            default:
                var end = Math.Min(position, body.Length);
                throw Error(escapeStart, $"Invalid character escape sequence: \"{body[escapeStart..end]}\".");
        }
    }

    /// <summary>Reads \uXXXX or \u{X...} (position is just after "\u"); returns the code point.</summary>
    private int ReadUnicodeEscape(int escapeStart)
    {
        if (Current == '{')
        {
            var close = body.IndexOf('}', position);
            var digits = close < 0 ? "" : body[(position + 1)..close];
            if (close < 0 || digits.Length is 0 or > 6 || !digits.All(Uri.IsHexDigit)
                || int.Parse(digits, NumberStyles.HexNumber) is var value && value > 0x10FFFF)
            {
                var end = close < 0 ? Math.Min(position + 1, body.Length) : close + 1;
                throw Error(escapeStart, $"Invalid Unicode escape sequence: \"{body[escapeStart..end]}\".");
            }
            position = close + 1;
            return value;
        }
        var stop = Math.Min(position + 4, body.Length);
        var hex = body[position..stop];
        if (hex.Length != 4 || !hex.All(Uri.IsHexDigit))
            throw Error(escapeStart, $"Invalid Unicode escape sequence: \"{body[escapeStart..stop]}\".");
        position = stop;
        return int.Parse(hex, NumberStyles.HexNumber);
    }

    private Token ReadBlockString()
    {
        var start = position;
        position += 3;
        var raw = new StringBuilder();
        while (position < body.Length)
        {
            var c = body[position];
            if (c == '"' && Peek(1) == '"' && Peek(2) == '"')
            {
                position += 3;
                return new Token(TokenKind.BlockString, start, position, BlockStringValue(raw.ToString()));
            }
            if (c == '\\' && Peek(1) == '"' && Peek(2) == '"' && Peek(3) == '"')
            {
                raw.Append("\"\"\"");
                position += 4;
                continue;
            }
            if (c is '\n' or '\r' or '\t')
            {
                raw.Append(c);
                position++;
                continue;
            }
            AppendSourceCharacter(raw, "String");
        }
        throw Error(position, "Unterminated string.");
    }

    /// <summary>Appends one source character, refusing control characters and lone surrogates.</summary>
    private void AppendSourceCharacter(StringBuilder sb, string where)
    {
        var c = body[position];
        if (char.IsHighSurrogate(c) && position + 1 < body.Length && char.IsLowSurrogate(body[position + 1]))
        {
            sb.Append(c).Append(body[position + 1]);
            position += 2;
            return;
        }
        if ((c < 0x20 && c != '\t') || char.IsSurrogate(c))
            throw Error(position, $"Invalid character within {where}: {Describe(c)}.");
        sb.Append(c);
        position++;
    }

    /// <summary>The spec's BlockStringValue: common indentation and blank first/last lines removed.</summary>
    public static string BlockStringValue(string raw)
    {
        var lines = raw.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        int? common = null;
        for (var i = 1; i < lines.Length; i++)
        {
            var indent = lines[i].TakeWhile(ch => ch is ' ' or '\t').Count();
            if (indent < lines[i].Length && (common is null || indent < common)) common = indent;
        }
        if (common is > 0)
            for (var i = 1; i < lines.Length; i++)
                lines[i] = lines[i].Length >= common ? lines[i][common.Value..] : "";
        var first = 0;
        var last = lines.Length - 1;
        while (first <= last && IsBlank(lines[first])) first++;
        while (last >= first && IsBlank(lines[last])) last--;
        return string.Join('\n', lines[first..(last + 1)]);
    }

    private static bool IsBlank(string line) => line.All(ch => ch is ' ' or '\t');

    private int CodePointAt(int index) =>
        char.IsHighSurrogate(body[index]) && index + 1 < body.Length && char.IsLowSurrogate(body[index + 1])
            ? char.ConvertToUtf32(body[index], body[index + 1])
            : body[index];

    private static string Describe(int codePoint) =>
        codePoint < 0x20 || codePoint is 0x7F or >= 0xD800 and <= 0xDFFF
            ? $"U+{codePoint:X4}"
            : $"\"{char.ConvertFromUtf32(codePoint)}\"";

    private static bool IsDigit(char c) => c is >= '0' and <= '9';
    private static bool IsNameStart(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or '_';
    private static bool IsNameContinue(char c) => IsNameStart(c) || IsDigit(c);

    private GraphQLSyntaxException Error(int offset, string message) => new(message, Source.LocationOf(offset));
}
