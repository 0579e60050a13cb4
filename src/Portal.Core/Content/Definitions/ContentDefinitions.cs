using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Portal.Core.Content.Definitions;

// Definitions serialize exactly as Orchard Core's ContentDefinition recipe step and export write them.

public sealed class ContentDefinitionDocument
{
    public List<ContentTypeDefinition> ContentTypes { get; set; } = [];
    public List<ContentPartDefinition> ContentParts { get; set; } = [];

    public ContentDefinitionDocument Clone() =>
        JsonSerializer.Deserialize<ContentDefinitionDocument>(JsonSerializer.Serialize(this, ContentJson.Options), ContentJson.Options)!;
}

public sealed class ContentTypeDefinition
{
    public string Name { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public JsonObject Settings { get; set; } = new();

    [JsonPropertyName("ContentTypePartDefinitionRecords")]
    public List<ContentTypePartDefinition> Parts { get; set; } = [];

    [JsonIgnore]
    public ContentTypeSettings TypeSettings
    {
        get => Settings["ContentTypeSettings"]?.Deserialize<ContentTypeSettings>(ContentJson.Options) ?? new();
        set => Settings["ContentTypeSettings"] = JsonSerializer.SerializeToNode(value, ContentJson.Options);
    }

    /// <summary>Parts in their configured order.</summary>
    public IEnumerable<ContentTypePartDefinition> OrderedParts() => Parts.OrderBy(p => p.Position).ThenBy(p => Parts.IndexOf(p));
}

public sealed class ContentTypeSettings
{
    public bool Creatable { get; set; } = true;
    public bool Listable { get; set; } = true;
    public bool Draftable { get; set; } = true;
    public bool Versionable { get; set; } = true;
    public bool Securable { get; set; }
    public string? Stereotype { get; set; }
}

/// <summary>A part attached to a type. <see cref="Name"/> is the key in the item's JSON; usually equal to <see cref="PartName"/>.</summary>
public sealed class ContentTypePartDefinition
{
    public string PartName { get; set; } = "";
    public string Name { get; set; } = "";
    public JsonObject Settings { get; set; } = new();

    [JsonIgnore]
    public int Position
    {
        get => int.TryParse(Settings["ContentTypePartSettings"]?["Position"]?.ToString(), out var p) ? p : 0;
        set => SettingsGroup("ContentTypePartSettings")["Position"] = value.ToString();
    }

    public JsonObject SettingsGroup(string name)
    {
        if (Settings[name] is JsonObject group) return group;
        group = new JsonObject();
        Settings[name] = group;
        return group;
    }
}

public sealed class ContentPartDefinition
{
    public string Name { get; set; } = "";
    public JsonObject Settings { get; set; } = new();

    [JsonPropertyName("ContentPartFieldDefinitionRecords")]
    public List<ContentPartFieldDefinition> Fields { get; set; } = [];

    public IEnumerable<ContentPartFieldDefinition> OrderedFields() => Fields.OrderBy(f => f.Position).ThenBy(f => Fields.IndexOf(f));
}

public sealed class ContentPartFieldDefinition
{
    /// <summary>The field kind, e.g. <c>TextField</c>.</summary>
    public string FieldName { get; set; } = "";

    /// <summary>The field's name within its part, e.g. <c>Subtitle</c>.</summary>
    public string Name { get; set; } = "";

    public JsonObject Settings { get; set; } = new();

    [JsonIgnore]
    public string DisplayName
    {
        get => Settings["ContentPartFieldSettings"]?["DisplayName"]?.GetValue<string>() is { Length: > 0 } text ? text : Name;
        set => SettingsGroup("ContentPartFieldSettings")["DisplayName"] = value;
    }

    [JsonIgnore]
    public int Position
    {
        get => int.TryParse(Settings["ContentPartFieldSettings"]?["Position"]?.ToString(), out var p) ? p : 0;
        set => SettingsGroup("ContentPartFieldSettings")["Position"] = value.ToString();
    }

    /// <summary>
    /// Personal data (a name, phone, address, ID, health or income note): its value is kept apart from the
    /// item's JSON and read only through <see cref="Privacy.PersonalData"/>, which logs every read.
    /// </summary>
    [JsonIgnore]
    public bool Sensitive
    {
        get => Settings["ContentPartFieldSettings"]?["Sensitive"] is JsonValue v && (v.TryGetValue<bool>(out var b) ? b : v.ToString() is "true" or "True");
        set
        {
            if (value) SettingsGroup("ContentPartFieldSettings")["Sensitive"] = true;
            else SettingsGroup("ContentPartFieldSettings").Remove("Sensitive");
        }
    }

    /// <summary>The kind's own settings group, e.g. <c>TextFieldSettings</c>.</summary>
    [JsonIgnore]
    public FieldSettings KindSettings => new(Settings[FieldName + "Settings"] as JsonObject ?? new JsonObject());

    public JsonObject SettingsGroup(string name)
    {
        if (Settings[name] is JsonObject group) return group;
        group = new JsonObject();
        Settings[name] = group;
        return group;
    }
}

/// <summary>Typed reads of a field kind's settings group; unknown keys are kept for the kind to use.</summary>
public readonly struct FieldSettings(JsonObject json)
{
    public JsonObject Json => json;
    public bool Required => Bool("Required");
    public string? Hint => Text("Hint");
    public double? Minimum => Number("Minimum");
    public double? Maximum => Number("Maximum");
    public int? MaxLength => Number("MaxLength") is { } n ? (int)n : null;
    public string? Pattern => Text("Pattern");
    public bool Multiple => Bool("Multiple");

    /// <summary>Enumeration options: <c>[{"Value": "study", "Text": "学习用品"}]</c> or plain strings.</summary>
    public IReadOnlyList<(string Value, string Text)> Options =>
        json["Options"] is JsonArray array
            ? array.Select(o => o switch
              {
                  JsonObject obj => (obj["Value"]?.ToString() ?? "", obj["Text"]?.ToString() ?? obj["Value"]?.ToString() ?? ""),
                  _ => (o?.ToString() ?? "", o?.ToString() ?? ""),
              }).ToList()
            : [];

    public string? Text(string key) => json[key] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;

    public bool Bool(string key) => json[key] is JsonValue v && (v.TryGetValue<bool>(out var b) ? b : bool.TryParse(v.ToString(), out b) && b);

    public double? Number(string key) =>
        json[key] is JsonValue v && (v.TryGetValue<double>(out var d) || double.TryParse(v.ToString(), System.Globalization.CultureInfo.InvariantCulture, out d))
            ? d
            : null;
}
