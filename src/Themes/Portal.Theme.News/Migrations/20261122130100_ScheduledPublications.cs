using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Core.Data;

namespace Portal.Theme.News.Migrations;

[DbContext(typeof(PortalDbContext))]
[Migration("20261122130100_ScheduledPublications")]
public sealed class ScheduledPublications : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("ScheduledPublications", t => new
        {
            Id = t.Column<long>().Identity(),
            ContentItemId = t.Column<string>(maxLength: 26),
            PublishAtUtc = t.Column<DateTime>(),
            Status = t.Column<string>(maxLength: 16),
            RequestedBy = t.Column<string>(maxLength: 256, nullable: true),
            DoneUtc = t.Column<DateTime>(nullable: true),
            Error = t.Column<string>(maxLength: 2000, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_ScheduledPublications", x => x.Id));
        m.CreateIndex("IX_ScheduledPublications_Status_PublishAtUtc", "ScheduledPublications", ["Status", "PublishAtUtc"]);
    }

    protected override void Down(MigrationBuilder m) => m.DropTable("ScheduledPublications");
}
