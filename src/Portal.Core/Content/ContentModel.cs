using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Settings;

namespace Portal.Core.Content;

/// <summary>Unique partial indexes: an item has at most one latest and at most one published version.</summary>
internal static class ContentIndexes
{
    public const string LatestItem = "UX_ContentItems_LatestItem";
    public const string PublishedItem = "UX_ContentItems_PublishedItem";
}

/// <summary>Core's tables: content versions, the field index, permalinks, definitions and site settings.</summary>
internal sealed class ContentModel : IModelContributor
{
    public void Configure(ModelBuilder modelBuilder, DatabaseProvider provider)
    {
        modelBuilder.Entity<ContentItemRecord>(e =>
        {
            e.ToTable("ContentItems");
            e.HasKey(r => r.Id);
            e.Property(r => r.ContentItemId).HasMaxLength(26);
            e.Property(r => r.ContentItemVersionId).HasMaxLength(26);
            e.Property(r => r.ContentType).HasMaxLength(64);
            e.Property(r => r.DisplayText).HasMaxLength(500);
            e.Property(r => r.Owner).HasMaxLength(64);
            e.Property(r => r.Author).HasMaxLength(256);
            e.Property(r => r.ConcurrencyStamp).HasMaxLength(32).IsConcurrencyToken();
            // Created by the migration ContentStorageInvariants; declared here too so that SaveChanges clears a version's
            // flag before it sets the flag on the version that replaces it.
            e.HasIndex(r => r.ContentItemId, ContentIndexes.LatestItem).IsUnique().HasFilter("\"Latest\"");
            e.HasIndex(r => r.ContentItemId, ContentIndexes.PublishedItem).IsUnique().HasFilter("\"Published\"");
        });
        modelBuilder.Entity<ContentFieldIndexRecord>(e =>
        {
            e.ToTable("ContentFieldIndex");
            e.HasKey(r => r.Id);
            e.Property(r => r.ContentType).HasMaxLength(64);
            e.Property(r => r.PartName).HasMaxLength(64);
            e.Property(r => r.FieldName).HasMaxLength(64);
            e.Property(r => r.TextValue).HasMaxLength(256);
        });
        modelBuilder.Entity<AutorouteRecord>(e =>
        {
            e.ToTable("Autoroutes");
            e.HasKey(r => r.Path);
            e.Property(r => r.Path).HasMaxLength(1024);
            e.Property(r => r.ContentItemId).HasMaxLength(26);
        });
        modelBuilder.Entity<ContentDefinitionRecord>(e =>
        {
            e.ToTable("ContentDefinitions");
            e.HasKey(r => r.Id);
            e.Property(r => r.Id).ValueGeneratedNever();
            e.Property(r => r.Serial).IsConcurrencyToken();
        });
        modelBuilder.Entity<ModuleDefinitionsRecord>(e =>
        {
            e.ToTable("ModuleDefinitions");
            e.HasKey(r => new { r.Module, r.Version });
            e.Property(r => r.Module).HasMaxLength(128);
        });
        modelBuilder.Entity<SiteSettingsRecord>(e =>
        {
            e.ToTable("SiteSettings");
            e.HasKey(r => r.Name);
            e.Property(r => r.Name).HasMaxLength(128);
        });
    }
}
