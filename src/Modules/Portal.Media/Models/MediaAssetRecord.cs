using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Media.Models;

/// <summary>What the library knows about a file beyond its bytes: alt text, size in pixels, who uploaded it.</summary>
public sealed class MediaAssetRecord
{
    /// <summary>The path in the library, with '/' separators: "stories/2026/lamp.jpg".</summary>
    public string Path { get; set; } = "";
    public string Folder { get; set; } = "";
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Length { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public string AltText { get; set; } = "";
    public DateTime UploadedUtc { get; set; }
    public string? UploadedBy { get; set; }
}

internal sealed class MediaModel : IModelContributor
{
    public void Configure(ModelBuilder modelBuilder, DatabaseProvider provider) =>
        modelBuilder.Entity<MediaAssetRecord>(e =>
        {
            e.ToTable("MediaAssets");
            e.HasKey(m => m.Path);
            e.Property(m => m.Path).HasMaxLength(512);
            e.Property(m => m.Folder).HasMaxLength(512);
            e.Property(m => m.FileName).HasMaxLength(255);
            e.Property(m => m.ContentType).HasMaxLength(64);
            e.Property(m => m.AltText).HasMaxLength(300);
            e.Property(m => m.UploadedBy).HasMaxLength(256);
            e.HasIndex(m => m.Folder);
        });
}
