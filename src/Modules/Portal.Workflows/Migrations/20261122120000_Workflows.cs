using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Core.Data;

namespace Portal.Workflows.Migrations;

[DbContext(typeof(PortalDbContext))]
[Migration("20261122120000_Workflows")]
public sealed class Workflows : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("WorkflowTypes", t => new
        {
            Id = t.Column<string>(maxLength: 26, nullable: false),
            Name = t.Column<string>(maxLength: 200, nullable: false),
            IsEnabled = t.Column<bool>(nullable: false),
            Document = t.Column<string>(nullable: false),
            ModifiedUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_WorkflowTypes", x => x.Id));

        m.CreateTable("WorkflowInstances", t => new
        {
            Id = t.Column<string>(maxLength: 26, nullable: false),
            WorkflowTypeId = t.Column<string>(maxLength: 26, nullable: false),
            CorrelationId = t.Column<string>(maxLength: 64, nullable: true),
            Status = t.Column<string>(maxLength: 16, nullable: false),
            Version = t.Column<long>(nullable: false),
            State = t.Column<string>(nullable: false),
            FaultMessage = t.Column<string>(maxLength: 2000, nullable: true),
            FaultedActivityId = t.Column<string>(maxLength: 64, nullable: true),
            CreatedUtc = t.Column<DateTime>(nullable: false),
            ModifiedUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_WorkflowInstances", x => x.Id));
        m.CreateIndex("IX_WorkflowInstances_Type", "WorkflowInstances", ["WorkflowTypeId", "Status"]);
        m.CreateIndex("IX_WorkflowInstances_Correlation", "WorkflowInstances", ["CorrelationId"]);

        m.CreateTable("WorkflowBlockingActivities", t => new
        {
            Id = t.Column<long>(nullable: false).Identity(),
            InstanceId = t.Column<string>(maxLength: 26, nullable: false),
            ActivityId = t.Column<string>(maxLength: 64, nullable: false),
            ActivityName = t.Column<string>(maxLength: 100, nullable: false),
            CorrelationId = t.Column<string>(maxLength: 64, nullable: true),
            Data = t.Column<string>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_WorkflowBlockingActivities", x => x.Id));
        m.CreateIndex("IX_WorkflowBlocking_Event", "WorkflowBlockingActivities", ["ActivityName", "CorrelationId"]);
        m.CreateIndex("IX_WorkflowBlocking_Instance", "WorkflowBlockingActivities", ["InstanceId"]);

        m.CreateTable("WorkflowTimers", t => new
        {
            Id = t.Column<long>(nullable: false).Identity(),
            WorkflowTypeId = t.Column<string>(maxLength: 26, nullable: false),
            InstanceId = t.Column<string>(maxLength: 26, nullable: true),
            ActivityId = t.Column<string>(maxLength: 64, nullable: false),
            DueUtc = t.Column<DateTime>(nullable: false),
            ClaimedBy = t.Column<string>(maxLength: 64, nullable: true),
            ClaimedUntilUtc = t.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_WorkflowTimers", x => x.Id));
        m.CreateIndex("IX_WorkflowTimers_Due", "WorkflowTimers", ["DueUtc"]);
        m.CreateIndex("IX_WorkflowTimers_Instance", "WorkflowTimers", ["InstanceId"]);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("WorkflowTimers");
        m.DropTable("WorkflowBlockingActivities");
        m.DropTable("WorkflowInstances");
        m.DropTable("WorkflowTypes");
    }
}
