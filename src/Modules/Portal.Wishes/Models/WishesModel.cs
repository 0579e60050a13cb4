using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Wishes.Models;

internal sealed class WishesModel : IModelContributor
{
    public void Configure(ModelBuilder modelBuilder, DatabaseProvider provider)
    {
        modelBuilder.Entity<WishIndexRecord>(e =>
        {
            e.ToTable("WishIndex");
            e.HasKey(w => w.WishId);
            e.Property(w => w.WishId).HasMaxLength(26);
            e.Property(w => w.Status).HasConversion<string>().HasMaxLength(32);
            e.Property(w => w.Category).HasMaxLength(64);
            e.Property(w => w.CommunityId).HasMaxLength(26);
            e.Property(w => w.CampaignId).HasMaxLength(26);
            e.Property(w => w.OwnerId).HasMaxLength(64);
        });
        modelBuilder.Entity<PointsEntryRecord>(e =>
        {
            e.ToTable("WishPoints");
            e.HasKey(p => p.Id);
            e.Property(p => p.ClaimantId).HasMaxLength(64);
            e.Property(p => p.ClaimantName).HasMaxLength(256);
            e.Property(p => p.ClaimantKind).HasConversion<string>().HasMaxLength(16);
            e.Property(p => p.WishId).HasMaxLength(26);
            e.Property(p => p.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(p => p.Reason).HasMaxLength(500);
            e.Property(p => p.ByUserId).HasMaxLength(64);
        });
        modelBuilder.Entity<WishClaimRecord>(e =>
        {
            e.ToTable("WishClaims");
            e.HasKey(c => c.Id);
            e.Property(c => c.WishId).HasMaxLength(26);
            e.Property(c => c.ClaimantId).HasMaxLength(64);
            e.Property(c => c.ClaimantKind).HasConversion<string>().HasMaxLength(16);
            e.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(c => c.ReleaseReason).HasMaxLength(500);
            e.Property(c => c.EvidenceNote).HasMaxLength(2000);
            e.Property(c => c.ClaimantName).HasMaxLength(256);
        });
        modelBuilder.Entity<WishSubmissionKeyRecord>(e =>
        {
            e.ToTable("WishSubmissionKeys");
            e.HasKey(k => new { k.Client, k.Key });
            e.Property(k => k.Client).HasMaxLength(128);
            e.Property(k => k.Key).HasMaxLength(128);
            e.Property(k => k.Fingerprint).HasMaxLength(64);
            e.Property(k => k.WishId).HasMaxLength(26);
        });
        modelBuilder.Entity<WishCountRecord>(e =>
        {
            e.ToTable("WishCounts");
            e.HasKey(c => c.Id);
            e.Property(c => c.Dimension).HasMaxLength(16);
            e.Property(c => c.Key).HasMaxLength(64);
            e.Property(c => c.Status).HasConversion<string>().HasMaxLength(32);
        });
        modelBuilder.Entity<WishAuditRecord>(e =>
        {
            e.ToTable("WishAudit");
            e.HasKey(a => a.Id);
            e.Property(a => a.WishId).HasMaxLength(26);
            e.Property(a => a.UserId).HasMaxLength(64);
            e.Property(a => a.UserName).HasMaxLength(256);
            e.Property(a => a.Action).HasMaxLength(64);
            e.Property(a => a.From).HasConversion<string>().HasMaxLength(32);
            e.Property(a => a.To).HasConversion<string>().HasMaxLength(32);
            e.Property(a => a.Reason).HasMaxLength(1000);
        });
        modelBuilder.Entity<WishImportJobRecord>(e =>
        {
            e.ToTable("WishImportJobs");
            e.HasKey(j => j.Token);
            e.Property(j => j.Token).HasMaxLength(32);
            e.Property(j => j.UserId).HasMaxLength(64);
            e.Property(j => j.FileName).HasMaxLength(256);
            e.Property(j => j.Channel).HasMaxLength(64);
            e.Property(j => j.State).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(j => j.CreatedUtc);
        });
    }
}
