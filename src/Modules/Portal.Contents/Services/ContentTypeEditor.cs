using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Primitives;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;

namespace Portal.Contents.Services;

public sealed record TypeInput(
    string DisplayName, string? Name, ContentTypeSettings Settings, IReadOnlyList<string> Parts,
    IReadOnlyDictionary<string, StringValues> PartSettings);

public sealed record FieldInput(string DisplayName, string? Name, string Kind);

/// <summary>
/// The changes the type editor makes to the content definitions. Every change goes through
/// <see cref="ContentDefinitionStore"/>; errors come back with the name of the form input they concern.
/// </summary>
public sealed class ContentTypeEditor(
    ContentDefinitionStore store, ContentManager content, IEnumerable<FieldFlag> flags, IStringLocalizer<ContentTypeEditor> T)
{
    public async Task<IReadOnlyList<ContentError>> CreateTypeAsync(TypeInput input)
    {
        var errors = new ContentErrors();
        var name = string.IsNullOrWhiteSpace(input.Name) ? TechnicalName.Suggest(input.DisplayName) : input.Name.Trim();
        if (string.IsNullOrWhiteSpace(input.DisplayName))
            errors.Add("DisplayName", T["Enter a display name."]);
        if (name.Length == 0)
            errors.Add("Name", T["Enter a technical name: a letter, then letters, digits or underscores, for example Story."]);
        else if ((await store.GetAsync()).ContentTypes.FirstOrDefault(t => t.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } existing)
            errors.Add("Name", T["A content type named '{0}' already exists.", existing.Name]);
        if (errors.Any) return errors.All;

        var document = (await store.GetAsync()).Clone();
        var type = new ContentTypeDefinition { Name = name, DisplayName = input.DisplayName.Trim(), TypeSettings = input.Settings };
        document.ContentTypes.Add(type);
        SetParts(type, input);
        return Located(await store.SaveAsync(document), $"ContentTypes.{name}", "Name");
    }

    public async Task<IReadOnlyList<ContentError>> UpdateTypeAsync(string typeName, TypeInput input)
    {
        if (string.IsNullOrWhiteSpace(input.DisplayName))
            return [new("DisplayName", T["Enter a display name."])];
        var document = (await store.GetAsync()).Clone();
        var type = document.ContentTypes.First(t => t.Name == typeName);
        type.DisplayName = input.DisplayName.Trim();
        var settings = input.Settings;
        if (settings.Stereotype is { Length: > 0 } stereotype && !TechnicalName.IsValid(stereotype))
            return [new("Stereotype", T["The stereotype must start with a letter, then letters, digits or underscores."])];
        type.TypeSettings = settings;
        SetParts(type, input);
        return Located(await store.SaveAsync(document), $"ContentTypes.{typeName}", "");
    }

    /// <summary>Refused while items of the type exist: they would lose their definition.</summary>
    public async Task<IReadOnlyList<ContentError>> DeleteTypeAsync(string typeName)
    {
        var count = await content.Records.CountAsync(r => r.ContentType == typeName && (r.Latest || r.Published));
        if (count > 0)
            return [new("", T["{0} items of this type exist. Delete them first; the type cannot be deleted while it has content.", count])];
        var document = (await store.GetAsync()).Clone();
        document.ContentTypes.RemoveAll(t => t.Name == typeName);
        if (!document.ContentTypes.Any(t => t.Parts.Any(p => p.PartName == typeName)))
            document.ContentParts.RemoveAll(p => p.Name == typeName);
        return await store.SaveAsync(document);
    }

    /// <summary>Adds a field to the type's own part (the part named like the type), creating the part when needed.</summary>
    public async Task<IReadOnlyList<ContentError>> AddFieldAsync(string typeName, FieldInput input)
    {
        var errors = new ContentErrors();
        var name = string.IsNullOrWhiteSpace(input.Name) ? TechnicalName.Suggest(input.DisplayName) : input.Name.Trim();
        var document = (await store.GetAsync()).Clone();
        var part = OwnPart(document, typeName);
        if (string.IsNullOrWhiteSpace(input.DisplayName))
            errors.Add("FieldDisplayName", T["Enter a display name for the field."]);
        if (name.Length == 0)
            errors.Add("FieldName", T["Enter a technical name for the field: a letter, then letters, digits or underscores."]);
        else if (part.Fields.FirstOrDefault(f => f.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } existing)
            errors.Add("FieldName", T["This type already has a field named '{0}'.", existing.Name]);
        if (store.FieldKinds.All(k => k.Name != input.Kind))
            errors.Add("FieldKind", T["Choose the kind of field."]);
        if (errors.Any) return errors.All;

        var field = new ContentPartFieldDefinition { Name = name, FieldName = input.Kind };
        field.DisplayName = input.DisplayName.Trim();
        field.Position = part.Fields.Count == 0 ? 0 : part.Fields.Max(f => f.Position) + 1;
        part.Fields.Add(field);
        return Located(await store.SaveAsync(document), $"ContentParts.{typeName}.{name}", "FieldName");
    }

    public async Task<IReadOnlyList<ContentError>> MoveFieldAsync(string typeName, string fieldName, bool up)
    {
        var document = (await store.GetAsync()).Clone();
        var fields = OwnPart(document, typeName).OrderedFields().ToList();
        var index = fields.FindIndex(f => f.Name == fieldName);
        var target = up ? index - 1 : index + 1;
        if (index < 0 || target < 0 || target >= fields.Count) return [];
        (fields[index], fields[target]) = (fields[target], fields[index]);
        for (var i = 0; i < fields.Count; i++) fields[i].Position = i;
        return await store.SaveAsync(document);
    }

    public async Task<IReadOnlyList<ContentError>> RemoveFieldAsync(string typeName, string fieldName)
    {
        var document = (await store.GetAsync()).Clone();
        OwnPart(document, typeName).Fields.RemoveAll(f => f.Name == fieldName);
        return await store.SaveAsync(document);
    }

    /// <summary>Stores the field's display name, editor, whether it holds personal data, and the settings its kind offers (<see cref="Portal.Core.Content.Fields.IContentFieldKind.SettingKeys"/>).</summary>
    public async Task<IReadOnlyList<ContentError>> UpdateFieldAsync(
        string typeName, string fieldName, string displayName, string? editor, IReadOnlyDictionary<string, StringValues> values, bool sensitive = false)
    {
        var errors = new ContentErrors();
        var document = (await store.GetAsync()).Clone();
        var field = OwnPart(document, typeName).Fields.First(f => f.Name == fieldName);
        var kind = store.FieldKinds.First(k => k.Name == field.FieldName);
        if (string.IsNullOrWhiteSpace(displayName))
            errors.Add("DisplayName", T["Enter a display name."]);
        var group = field.SettingsGroup(field.FieldName + "Settings");
        foreach (var key in kind.SettingKeys)
        {
            var value = FieldSettingsForm.Parse(kind.Name, key, values.GetValueOrDefault(key), T[SettingLabels.For(key)], errors, T);
            if (value is null) group.Remove(key);
            else group[key] = value;
        }
        if (FieldSettingsForm.InputFor(kind.Name, "Minimum") == SettingInput.Number
            && group["Minimum"] is { } min && group["Maximum"] is { } max && JsonValues.Number(min) > JsonValues.Number(max))
            errors.Add("Settings.Maximum", T["The maximum must not be less than the minimum."]);
        else if (JsonValues.Text(group["Minimum"]) is { } from && JsonValues.Text(group["Maximum"]) is { } to && string.CompareOrdinal(from, to) > 0)
            errors.Add("Settings.Maximum", T["The latest date must not be before the earliest date."]);
        if (errors.Any) return errors.All;

        field.DisplayName = displayName.Trim();
        foreach (var flag in flags) flag.Set(field.Settings, values.GetValueOrDefault(flag.InputKey).Any(v => v is "true" or "on"));
        field.Sensitive = sensitive;
        if (editor is { Length: > 0 }) field.SettingsGroup("ContentPartFieldSettings")["Editor"] = editor;
        else field.SettingsGroup("ContentPartFieldSettings").Remove("Editor");
        return Located(await store.SaveAsync(document), $"ContentParts.{typeName}.{fieldName}", "");
    }

    /// <summary>The part that holds the type's own fields; created and attached when missing.</summary>
    public static ContentPartDefinition OwnPart(ContentDefinitionDocument document, string typeName)
    {
        var part = document.ContentParts.FirstOrDefault(p => p.Name == typeName);
        if (part is null)
        {
            part = new ContentPartDefinition { Name = typeName };
            document.ContentParts.Add(part);
        }
        var type = document.ContentTypes.First(t => t.Name == typeName);
        if (type.Parts.All(p => p.Name != typeName))
            type.Parts.Add(new ContentTypePartDefinition { PartName = typeName, Name = typeName, Position = NextPosition(type) });
        return part;
    }

    /// <summary>Attaches the chosen parts (keeping the order of those already attached) and stores their settings.</summary>
    private void SetParts(ContentTypeDefinition type, TypeInput input)
    {
        var chosen = input.Parts.Where(p => p != type.Name).Distinct().ToHashSet();
        type.Parts.RemoveAll(p => p.Name != type.Name && !chosen.Contains(p.Name));
        foreach (var name in input.Parts.Where(p => p != type.Name).Distinct())
        {
            if (type.Parts.All(p => p.Name != name))
                type.Parts.Add(new ContentTypePartDefinition { PartName = name, Name = name, Position = NextPosition(type) });
        }
        foreach (var part in type.Parts)
        {
            var prefix = part.Name + ".";
            var group = part.SettingsGroup(part.PartName + "Settings");
            foreach (var (key, value) in input.PartSettings.Where(s => s.Key.StartsWith(prefix, StringComparison.Ordinal)))
            {
                var setting = key[prefix.Length..];
                if (flags.FirstOrDefault(f => f.InputKey == setting) is { } flag)
                {
                    flag.Set(part.Settings, value.Any(v => v is "true" or "on"));
                    continue;
                }
                var text = value.ToString().Trim();
                if (setting == "Required") group[setting] = value.Any(v => v is "true" or "on");
                else if (text.Length == 0) group.Remove(setting);
                else group[setting] = text;
            }
        }
    }

    private static int NextPosition(ContentTypeDefinition type) => type.Parts.Count == 0 ? 0 : type.Parts.Max(p => p.Position) + 1;

    /// <summary>Store errors about <paramref name="storePath"/> are shown next to <paramref name="input"/>; others in the summary.</summary>
    private static IReadOnlyList<ContentError> Located(IReadOnlyList<ContentError> errors, string storePath, string input) =>
        errors.Select(e => e.Path == storePath ? e with { Path = input } : e with { Path = "" }).ToList();
}

/// <summary>The labels of field settings keys, as the type editor shows them.</summary>
public static class SettingLabels
{
    public static string For(string key) => key switch
    {
        "Required" => "Required",
        "Hint" => "Hint",
        "MaxLength" => "Maximum length",
        "Pattern" => "Pattern (regular expression)",
        "Minimum" => "Minimum",
        "Maximum" => "Maximum",
        "Scale" => "Decimal places",
        "Options" => "Options",
        "Multiple" => "Allow several values",
        "DisplayedContentTypes" => "Content types to pick from",
        _ => key,
    };
}
