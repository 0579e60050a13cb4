using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Core.Data;

namespace Portal.Workflows.Migrations;

[DbContext(typeof(PortalDbContext))]
[Migration("20261201100000_Outbox")]
public sealed class Outbox : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("OutboxMessages", t => new
        {
            Id = t.Column<string>(maxLength: 26, nullable: false),
            Kind = t.Column<string>(maxLength: 32, nullable: false),
            Target = t.Column<string>(maxLength: 1000, nullable: false),
            Summary = t.Column<string>(maxLength: 300, nullable: false),
            Payload = t.Column<string>(nullable: false),
            Status = t.Column<string>(maxLength: 16, nullable: false),
            Attempts = t.Column<int>(nullable: false),
            CreatedUtc = t.Column<DateTime>(nullable: false),
            NextAttemptUtc = t.Column<DateTime>(nullable: false),
            LastAttemptUtc = t.Column<DateTime>(nullable: true),
            DeliveredUtc = t.Column<DateTime>(nullable: true),
            LastError = t.Column<string>(maxLength: 2000, nullable: true),
            Result = t.Column<string>(nullable: true),
            ClaimedBy = t.Column<string>(maxLength: 128, nullable: true),
            ClaimedUntilUtc = t.Column<DateTime>(nullable: true),
            InstanceId = t.Column<string>(maxLength: 26, nullable: true),
            ActivityId = t.Column<string>(maxLength: 64, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_OutboxMessages", x => x.Id));
        // The delivery loop asks for due messages by status and time; the admin lists by status, newest first.
        m.CreateIndex("IX_OutboxMessages_Due", "OutboxMessages", ["Status", "NextAttemptUtc"]);
        m.CreateIndex("IX_OutboxMessages_Created", "OutboxMessages", ["Status", "CreatedUtc"]);
    }

    protected override void Down(MigrationBuilder m) => m.DropTable("OutboxMessages");
}
