using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Core.Data;

namespace Portal.Core.Migrations;

/// <summary>Leases on named background work, so one node at a time runs each job.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122141000_BackgroundLeases")]
public sealed class BackgroundLeases : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("BackgroundLeases", t => new
        {
            Name = t.Column<string>(maxLength: 128, nullable: false),
            Owner = t.Column<string>(maxLength: 128, nullable: false),
            ExpiresAt = t.Column<long>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_BackgroundLeases", x => x.Name));
    }

    protected override void Down(MigrationBuilder m) => m.DropTable("BackgroundLeases");
}
