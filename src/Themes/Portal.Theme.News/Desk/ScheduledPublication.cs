using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Theme.News.Desk;

public enum ScheduleStatus { Pending, Running, Done, Failed, Cancelled }

/// <summary>"Publish this item at this time": kept in the database, so a restart loses nothing.</summary>
public sealed class ScheduledPublicationRecord
{
    public long Id { get; set; }
    public string ContentItemId { get; set; } = "";
    public DateTime PublishAtUtc { get; set; }
    public ScheduleStatus Status { get; set; }
    public string? RequestedBy { get; set; }
    public DateTime? DoneUtc { get; set; }
    public string? Error { get; set; }
}

internal sealed class ScheduleModel : IModelContributor
{
    public void Configure(ModelBuilder modelBuilder, DatabaseProvider provider) =>
        modelBuilder.Entity<ScheduledPublicationRecord>(e =>
        {
            e.ToTable("ScheduledPublications");
            e.HasKey(s => s.Id);
            e.Property(s => s.ContentItemId).HasMaxLength(26);
            e.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(s => s.RequestedBy).HasMaxLength(256);
            e.Property(s => s.Error).HasMaxLength(2000);
            e.HasIndex(s => new { s.Status, s.PublishAtUtc });
        });
}
