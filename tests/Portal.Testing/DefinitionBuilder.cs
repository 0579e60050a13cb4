using System.Text.Json.Nodes;
using Portal.Core.Content.Definitions;

namespace Portal.Testing;

/// <summary>Builds a content type with its own part of fields: <c>new DefinitionBuilder("Story").Parts("TitlePart").Field("Subtitle", "TextField")</c>.</summary>
public sealed class DefinitionBuilder(string typeName)
{
    private readonly ContentTypeDefinition type = new() { Name = typeName, DisplayName = typeName };
    private readonly ContentPartDefinition ownPart = new() { Name = typeName };

    public DefinitionBuilder Parts(params string[] parts)
    {
        foreach (var part in parts) type.Parts.Add(new ContentTypePartDefinition { PartName = part, Name = part });
        return this;
    }

    public DefinitionBuilder Draftable(bool draftable)
    {
        var settings = type.TypeSettings;
        settings.Draftable = draftable;
        type.TypeSettings = settings;
        return this;
    }

    public DefinitionBuilder PartSetting(string part, string group, string key, JsonNode value)
    {
        type.Parts.First(p => p.Name == part).SettingsGroup(group)[key] = value;
        return this;
    }

    public DefinitionBuilder Field(string name, string kind, JsonObject? kindSettings = null, string? displayName = null)
    {
        var field = new ContentPartFieldDefinition { Name = name, FieldName = kind };
        field.DisplayName = displayName ?? name;
        field.Position = ownPart.Fields.Count;
        if (kindSettings is not null) field.Settings[kind + "Settings"] = kindSettings;
        ownPart.Fields.Add(field);
        return this;
    }

    /// <summary>Marks fields added before as personal data (kept apart from the document, reads logged).</summary>
    public DefinitionBuilder Sensitive(params string[] fieldNames)
    {
        foreach (var name in fieldNames) ownPart.Fields.First(f => f.Name == name).Sensitive = true;
        return this;
    }

    public void AddTo(ContentDefinitionDocument document)
    {
        if (ownPart.Fields.Count > 0)
        {
            document.ContentParts.RemoveAll(p => p.Name == ownPart.Name);
            document.ContentParts.Add(ownPart);
            if (type.Parts.All(p => p.Name != typeName))
                type.Parts.Add(new ContentTypePartDefinition { PartName = typeName, Name = typeName });
        }
        document.ContentTypes.RemoveAll(t => t.Name == type.Name);
        document.ContentTypes.Add(type);
    }

    public async Task SaveAsync(ContentDefinitionStore store)
    {
        var errors = await store.AlterAsync(AddTo);
        if (errors.Count > 0) throw new InvalidOperationException(string.Join("; ", errors.Select(e => e.Message)));
    }
}
