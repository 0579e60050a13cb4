using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Content.Privacy;

/// <summary>
/// The value of one sensitive field of one content item, kept out of the item's JSON document (which search,
/// GraphQL, themes and exports read). One row per item and field: sensitive values are not versioned.
/// </summary>
public sealed class SensitiveValueRecord
{
    public string ContentItemId { get; set; } = "";
    public string PartName { get; set; } = "";
    public string FieldName { get; set; } = "";

    /// <summary>The field's JSON, e.g. <c>{"Text":"138..."}</c>.</summary>
    public string Value { get; set; } = "{}";
    public DateTime ModifiedUtc { get; set; }
}

/// <summary>One view or export of personal data: who, when, which item, for what. Rows are only ever added.</summary>
public sealed class PersonalDataAccessRecord
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public string? UserId { get; set; }
    public string? UserName { get; set; }

    /// <summary>The item whose values were read; null for an export of many.</summary>
    public string? ContentItemId { get; set; }
    public string Purpose { get; set; } = "";
    public string? Detail { get; set; }
}

internal sealed class PersonalDataModel : IModelContributor
{
    public void Configure(ModelBuilder modelBuilder, DatabaseProvider provider)
    {
        modelBuilder.Entity<SensitiveValueRecord>(e =>
        {
            e.ToTable("ContentSensitiveValues");
            e.HasKey(r => new { r.ContentItemId, r.PartName, r.FieldName });
            e.Property(r => r.ContentItemId).HasMaxLength(26);
            e.Property(r => r.PartName).HasMaxLength(64);
            e.Property(r => r.FieldName).HasMaxLength(64);
        });
        modelBuilder.Entity<PersonalDataAccessRecord>(e =>
        {
            e.ToTable("PersonalDataAccessLog");
            e.HasKey(r => r.Id);
            e.Property(r => r.UserId).HasMaxLength(64);
            e.Property(r => r.UserName).HasMaxLength(256);
            e.Property(r => r.ContentItemId).HasMaxLength(26);
            e.Property(r => r.Purpose).HasMaxLength(64);
            e.Property(r => r.Detail).HasMaxLength(500);
            e.HasIndex(r => new { r.ContentItemId, r.AtUtc });
        });
    }
}
