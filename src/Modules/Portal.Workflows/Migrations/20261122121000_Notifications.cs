using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Core.Data;

namespace Portal.Workflows.Migrations;

[DbContext(typeof(PortalDbContext))]
[Migration("20261122121000_Notifications")]
public sealed class Notifications : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("Notifications", t => new
        {
            Id = t.Column<long>(nullable: false).Identity(),
            UserId = t.Column<string>(maxLength: 64, nullable: true),
            RoleName = t.Column<string>(maxLength: 64, nullable: true),
            Message = t.Column<string>(maxLength: 1000, nullable: false),
            Url = t.Column<string>(maxLength: 500, nullable: true),
            CreatedUtc = t.Column<DateTime>(nullable: false),
            ReadUtc = t.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_Notifications", x => x.Id));
        m.CreateIndex("IX_Notifications_User", "Notifications", ["UserId", "CreatedUtc"]);
        m.CreateIndex("IX_Notifications_Role", "Notifications", ["RoleName", "CreatedUtc"]);
    }

    protected override void Down(MigrationBuilder m) => m.DropTable("Notifications");
}
