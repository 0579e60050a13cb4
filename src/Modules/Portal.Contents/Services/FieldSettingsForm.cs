using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Primitives;
using Portal.Core.Content;

namespace Portal.Contents.Services;

public enum SettingInput { Checkbox, Text, Integer, Number, Date, Options, ContentTypes }

/// <summary>
/// How the type editor shows and reads each settings key a field kind offers. A key no rule knows is a text
/// input, so a new field kind's settings can be edited without changing this class.
/// </summary>
public static class FieldSettingsForm
{
    public static SettingInput InputFor(string kind, string key) => key switch
    {
        "Required" or "Multiple" => SettingInput.Checkbox,
        "MaxLength" or "Scale" => SettingInput.Integer,
        "Minimum" or "Maximum" when kind is "DateField" or "DateTimeField" => SettingInput.Date,
        "Minimum" or "Maximum" => SettingInput.Number,
        "Options" => SettingInput.Options,
        "DisplayedContentTypes" => SettingInput.ContentTypes,
        _ => SettingInput.Text,
    };

    /// <summary>The stored value as the input shows it.</summary>
    public static string Format(string kind, string key, JsonNode? value) => InputFor(kind, key) switch
    {
        SettingInput.Checkbox => JsonValues.Boolean(value) == true || JsonValues.Text(value) is "true" or "True" ? "true" : "",
        SettingInput.Integer or SettingInput.Number => JsonValues.NumberOrNumericText(value)?.ToString(CultureInfo.InvariantCulture) ?? "",
        SettingInput.Options => value is JsonArray options ? string.Join("\n", options.Select(FormatOption)) : "",
        SettingInput.ContentTypes => value is JsonArray types ? string.Join(",", types.Select(JsonValues.Text)) : "",
        _ => JsonValues.Text(value) ?? value?.ToString() ?? "",
    };

    private static string FormatOption(JsonNode? option) => option switch
    {
        JsonObject o when JsonValues.Text(o["Text"]) is { } text && text != JsonValues.Text(o["Value"]) => $"{JsonValues.Text(o["Value"])}|{text}",
        JsonObject o => JsonValues.Text(o["Value"]) ?? "",
        _ => JsonValues.Text(option) ?? "",
    };

    /// <summary>Reads one key from the form; null removes the key. Problems go to <paramref name="errors"/> under <c>Settings.{key}</c>.</summary>
    public static JsonNode? Parse(string kind, string key, StringValues raw, string label, ContentErrors errors, IStringLocalizer T)
    {
        var path = $"Settings.{key}";
        var text = raw.ToString().Trim();
        switch (InputFor(kind, key))
        {
            case SettingInput.Checkbox:
                return raw.Any(v => v is "true" or "on") ? JsonValue.Create(true) : null;
            case SettingInput.Integer:
                if (text.Length == 0) return null;
                if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole) && whole >= 0) return JsonValue.Create(whole);
                errors.Add(path, T["{0} must be a whole number of 0 or more.", label]);
                return null;
            case SettingInput.Number:
                if (text.Length == 0) return null;
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)) return JsonValue.Create(number);
                errors.Add(path, T["{0} must be a number.", label]);
                return null;
            case SettingInput.Date:
                if (text.Length == 0) return null;
                if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    return JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                errors.Add(path, T["{0} must be a date (yyyy-MM-dd).", label]);
                return null;
            case SettingInput.Options:
                return ParseOptions(text, path, errors, T);
            case SettingInput.ContentTypes:
                var names = raw.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();
                return names.Count == 0 ? null : new JsonArray(names.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray());
            default:
                if (text.Length == 0) return null;
                if (key == "Pattern" && !IsRegex(text))
                {
                    errors.Add(path, T["The pattern is not a valid regular expression."]);
                    return null;
                }
                return JsonValue.Create(text);
        }
    }

    private static JsonArray? ParseOptions(string text, string path, ContentErrors errors, IStringLocalizer T)
    {
        var options = new JsonArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in text.Split('\n').Select(l => l.Trim()))
        {
            lineNumber++;
            if (line.Length == 0) continue;
            var bar = line.IndexOf('|');
            var value = (bar < 0 ? line : line[..bar]).Trim();
            var label = (bar < 0 ? line : line[(bar + 1)..]).Trim();
            if (value.Length == 0)
                errors.Add(path, T["Line {0}: write the value before the '|', for example study|学习用品.", lineNumber]);
            else if (!seen.Add(value))
                errors.Add(path, T["Line {0}: the value '{1}' is listed twice.", lineNumber, value]);
            else
                options.Add(new JsonObject { ["Value"] = value, ["Text"] = label.Length > 0 ? label : value });
        }
        return options.Count == 0 ? null : options;
    }

    private static bool IsRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
