namespace Portal.Core.Content;

/// <summary>A stored content item version: the parts as JSON plus the columns lists and queries need.</summary>
public sealed class ContentItemRecord
{
    public long Id { get; set; }
    public string ContentItemId { get; set; } = "";
    public string ContentItemVersionId { get; set; } = "";
    public string ContentType { get; set; } = "";
    public string DisplayText { get; set; } = "";
    public bool Latest { get; set; }
    public bool Published { get; set; }
    public string? Owner { get; set; }
    public string? Author { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime ModifiedUtc { get; set; }
    public DateTime? PublishedUtc { get; set; }
    public string ConcurrencyStamp { get; set; } = "";
    public string Data { get; set; } = "{}";
}

/// <summary>
/// One indexed value of one field of one version: the generic index that lets any field be filtered and
/// sorted. A multi-valued field (a content picker) has one row per value.
/// </summary>
public sealed class ContentFieldIndexRecord
{
    public long Id { get; set; }
    public long DocumentId { get; set; }
    public string ContentType { get; set; } = "";
    public string PartName { get; set; } = "";
    public string FieldName { get; set; } = "";
    public string? TextValue { get; set; }
    public double? NumericValue { get; set; }
    public DateTime? DateValue { get; set; }
    public bool? BooleanValue { get; set; }

    /// <summary>The version's flags, copied here so a count by field never reads the item rows.</summary>
    public bool Published { get; set; }
    public bool Latest { get; set; }
}

/// <summary>A permalink: one per content item, unique across the site.</summary>
public sealed class AutorouteRecord
{
    public string Path { get; set; } = "";
    public string ContentItemId { get; set; } = "";
}

/// <summary>All content type and part definitions as one JSON document, versioned by <see cref="Serial"/>.</summary>
public sealed class ContentDefinitionRecord
{
    public int Id { get; set; }
    public int Serial { get; set; }
    public string Data { get; set; } = "{}";
}

/// <summary>A version of a module's own content definitions that has been applied to this database (see <see cref="Definitions.ModuleDefinitions"/>).</summary>
public sealed class ModuleDefinitionsRecord
{
    public string Module { get; set; } = "";
    public int Version { get; set; }
    public DateTime AppliedUtc { get; set; }
}
