using System.Text.Json.Nodes;
using Portal.Contents.Services;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;

namespace Portal.Search.Services;

/// <summary>
/// Whether a field or a type's part is indexed for search: <c>"ContentIndexSettings": { "Included": true }</c>
/// in its settings, the group Orchard Core's indexing uses, so definitions move between the two.
/// </summary>
public static class SearchIndexSettings
{
    public const string Group = "ContentIndexSettings";
    public const string Included = "Included";

    /// <summary>The type editor's checkbox on every field and part.</summary>
    public static readonly FieldFlag Flag = new(Group, Included, "Indexed for search",
        "Visitors find published items by this text. A field marked sensitive is never indexed.");

    public static bool IsIncluded(JsonObject settings) => Flag.IsSet(settings);

    public static void SetIncluded(JsonObject settings, bool included) => Flag.Set(settings, included);

    /// <summary>
    /// A field marked sensitive (in any settings group, as privacy settings mark it) never reaches the public
    /// index, even when it is marked indexed.
    /// </summary>
    public static bool IsSensitive(ContentPartFieldDefinition field) =>
        field.Settings.Any(group => group.Value is JsonObject o && JsonValues.Boolean(o["Sensitive"]) == true);
}
