using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Cluster;

/// <summary>The tables nodes share to act as one portal: data-protection keys and background leases.</summary>
internal sealed class ClusterModel : IModelContributor
{
    public void Configure(ModelBuilder modelBuilder, DatabaseProvider provider)
    {
        modelBuilder.Entity<DataProtectionKeyRecord>(e =>
        {
            e.ToTable("DataProtectionKeys");
            e.HasKey(r => r.Id);
            e.Property(r => r.FriendlyName).HasMaxLength(256);
        });
        modelBuilder.Entity<BackgroundLeaseRecord>(e =>
        {
            e.ToTable("BackgroundLeases");
            e.HasKey(r => r.Name);
            e.Property(r => r.Name).HasMaxLength(128);
            e.Property(r => r.Owner).HasMaxLength(128);
        });
    }
}
