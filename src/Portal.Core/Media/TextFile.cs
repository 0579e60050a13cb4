using System.Text;
using Microsoft.Extensions.Localization;

namespace Portal.Core.Media;

/// <summary>An uploaded text file: its text, or why it is not one (a message for the person who uploaded it).</summary>
public sealed record TextFileReading(string? Text, string? Refusal);

/// <summary>
/// Reads an uploaded text file judged by its bytes, never by its name or Content-Type: UTF-8 with or without a byte
/// order mark, else GB18030 (which includes GBK and GB2312), what Excel and WPS on Chinese Windows save as "CSV".
/// Workbooks, pictures and binary files are refused with what to do instead.
/// </summary>
public static class TextFile
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    private static readonly Encoding StrictGb18030 = Gb18030();

    private static Encoding Gb18030()
    {
        // GB18030 comes from the framework's code-page provider, which must be registered before first use.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    public static TextFileReading Read(ReadOnlySpan<byte> data, IStringLocalizer T)
    {
        if (FileSignatures.IsWorkbook(data))
            return Refuse(T["This is an Excel workbook; save it as CSV UTF-8 (逗号分隔) and upload that."]);
        if (FileSignatures.IsPicture(data))
            return Refuse(T["This is a picture, not a CSV file."]);
        var text = data.Contains((byte)0) ? null
            : data.StartsWith(Utf8ByteOrderMark) ? Decode(StrictUtf8, data[Utf8ByteOrderMark.Length..])
            : Decode(StrictUtf8, data) ?? Decode(StrictGb18030, data);
        return text is null
            ? Refuse(T["This is not a text file: it holds bytes that are neither UTF-8 nor GB18030 text. Save it as CSV UTF-8 (逗号分隔) and upload that."])
            : new(text, null);
    }

    private static TextFileReading Refuse(string message) => new(null, message);

    private static string? Decode(Encoding encoding, ReadOnlySpan<byte> data)
    {
        try
        {
            return encoding.GetString(data);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
