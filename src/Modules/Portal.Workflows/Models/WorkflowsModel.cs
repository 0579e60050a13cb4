using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Workflows.Models;

internal sealed class WorkflowsModel : IModelContributor
{
    public void Configure(ModelBuilder modelBuilder, DatabaseProvider provider)
    {
        modelBuilder.Entity<WorkflowTypeRecord>(e =>
        {
            e.ToTable("WorkflowTypes");
            e.HasKey(t => t.Id);
            e.Property(t => t.Id).HasMaxLength(26);
            e.Property(t => t.Name).HasMaxLength(200);
        });
        modelBuilder.Entity<WorkflowInstanceRecord>(e =>
        {
            e.ToTable("WorkflowInstances");
            e.HasKey(i => i.Id);
            e.Property(i => i.Id).HasMaxLength(26);
            e.Property(i => i.WorkflowTypeId).HasMaxLength(26);
            e.Property(i => i.CorrelationId).HasMaxLength(64);
            e.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(i => i.FaultMessage).HasMaxLength(2000);
            e.Property(i => i.FaultedActivityId).HasMaxLength(64);
            e.Property(i => i.SingletonKey).HasMaxLength(26);
        });
        modelBuilder.Entity<WorkflowBlockingRecord>(e =>
        {
            e.ToTable("WorkflowBlockingActivities");
            e.HasKey(b => b.Id);
            e.Property(b => b.InstanceId).HasMaxLength(26);
            e.Property(b => b.ActivityId).HasMaxLength(64);
            e.Property(b => b.ActivityName).HasMaxLength(100);
            e.Property(b => b.CorrelationId).HasMaxLength(64);
        });
        modelBuilder.Entity<WorkflowTimerRecord>(e =>
        {
            e.ToTable("WorkflowTimers");
            e.HasKey(t => t.Id);
            e.Property(t => t.WorkflowTypeId).HasMaxLength(26);
            e.Property(t => t.InstanceId).HasMaxLength(26);
            e.Property(t => t.ActivityId).HasMaxLength(64);
            e.Property(t => t.ClaimedBy).HasMaxLength(64);
        });
        modelBuilder.Entity<NotificationRecord>(e =>
        {
            e.ToTable("Notifications");
            e.HasKey(n => n.Id);
            e.Property(n => n.UserId).HasMaxLength(64);
            e.Property(n => n.RoleName).HasMaxLength(64);
            e.Property(n => n.Message).HasMaxLength(1000);
            e.Property(n => n.Url).HasMaxLength(500);
        });
    }
}
