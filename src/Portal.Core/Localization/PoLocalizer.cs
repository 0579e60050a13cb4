using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.Extensions.Localization;

namespace Portal.Core.Localization;

/// <summary>
/// Translations from gettext PO files (as Orchard Core uses): each module embeds <c>Localization/{culture}.po</c>;
/// the English text is the key, so an untranslated string shows in English rather than as a key.
/// </summary>
public sealed class PoCatalog
{
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> byCulture = new();
    private readonly IReadOnlyList<Assembly> assemblies;

    public PoCatalog(IEnumerable<Assembly> assemblies) => this.assemblies = assemblies.Distinct().ToList();

    /// <summary>
    /// The translation for the culture or its parents. Chinese cultures without their own translation
    /// (zh-TW, zh-HK) get the zh-CN text: readers of Traditional Chinese read it far better than English.
    /// </summary>
    public string? Translate(CultureInfo culture, string key)
    {
        for (var c = culture; c != CultureInfo.InvariantCulture; c = c.Parent)
        {
            if (For(c.Name).TryGetValue(key, out var text)) return text;
        }
        if (culture.TwoLetterISOLanguageName == "zh" && For(ChineseFallback).TryGetValue(key, out var simplified)) return simplified;
        return null;
    }

    public const string ChineseFallback = "zh-CN";

    public IReadOnlyDictionary<string, string> For(string culture) => byCulture.GetOrAdd(culture, Load);

    private IReadOnlyDictionary<string, string> Load(string culture)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var assembly in assemblies)
        {
            var name = assembly.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith($".Localization.{culture}.po", StringComparison.OrdinalIgnoreCase));
            if (name is null) continue;
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            foreach (var (id, text) in Parse(reader.ReadToEnd()))
                entries[id] = text;
        }
        return entries;
    }

    /// <summary>Reads msgid/msgstr pairs, joining continued lines and unescaping \" \\ \n \t.</summary>
    public static IEnumerable<(string Id, string Text)> Parse(string po)
    {
        string? id = null, text = null;
        var target = 0; // 1: id, 2: text
        foreach (var raw in po.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("msgid ", StringComparison.Ordinal))
            {
                if (id is { Length: > 0 } && text is { Length: > 0 }) yield return (id, text);
                id = Unquote(line[6..]);
                text = null;
                target = 1;
            }
            else if (line.StartsWith("msgstr ", StringComparison.Ordinal))
            {
                text = Unquote(line[7..]);
                target = 2;
            }
            else if (line.StartsWith('"'))
            {
                if (target == 1) id += Unquote(line);
                else if (target == 2) text += Unquote(line);
            }
        }
        if (id is { Length: > 0 } && text is { Length: > 0 }) yield return (id, text);
    }

    private static string Unquote(string s)
    {
        s = s.Trim();
        if (s.Length >= 2 && s[0] == '"' && s[^1] == '"') s = s[1..^1];
        return s.Replace("\\\"", "\"").Replace("\\n", "\n").Replace("\\t", "\t").Replace("\\\\", "\\");
    }
}

public sealed class PoStringLocalizerFactory(PoCatalog catalog) : IStringLocalizerFactory
{
    private readonly PoStringLocalizer localizer = new(catalog);
    public IStringLocalizer Create(Type resourceSource) => localizer;
    public IStringLocalizer Create(string baseName, string location) => localizer;
}

public sealed class PoStringLocalizer(PoCatalog catalog) : IStringLocalizer
{
    public LocalizedString this[string name]
    {
        get
        {
            var text = catalog.Translate(CultureInfo.CurrentUICulture, name);
            return new LocalizedString(name, text ?? name, resourceNotFound: text is null);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        catalog.For(CultureInfo.CurrentUICulture.Name).Select(e => new LocalizedString(e.Key, e.Value));
}
