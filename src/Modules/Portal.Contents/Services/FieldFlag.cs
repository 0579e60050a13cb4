using System.Text.Json.Nodes;
using Portal.Core.Content;

namespace Portal.Contents.Services;

/// <summary>
/// A yes/no setting another module adds to every field, and to every part a type uses, in the type editor
/// (search's "indexed"), stored as <c>Settings[Group][Key] = true</c> so recipes carry it. Modules register one with <c>services.AddSingleton(new FieldFlag(...))</c>.
/// </summary>
public sealed record FieldFlag(string Group, string Key, string Label, string Hint)
{
    /// <summary>The form input's name under <c>Settings.</c>; kinds' own keys have no dot, so the two never meet.</summary>
    public string InputKey => $"{Group}.{Key}";

    /// <param name="settings">A field's or a type part's settings.</param>
    public bool IsSet(JsonObject settings) => JsonValues.Boolean(settings[Group]?[Key]) == true;

    public void Set(JsonObject settings, bool value)
    {
        if (value)
        {
            if (settings[Group] is not JsonObject created) settings[Group] = created = new JsonObject();
            created[Key] = true;
        }
        else if (settings[Group] is JsonObject group)
        {
            group.Remove(Key);
            if (group.Count == 0) settings.Remove(Group);
        }
    }
}
