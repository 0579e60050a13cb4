using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Core.Data;

namespace Portal.Core.Migrations;

/// <summary>The data-protection key ring, shared by every node (cookies issued by one are read by all).</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122140000_DataProtectionKeys")]
public sealed class DataProtectionKeys : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("DataProtectionKeys", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            FriendlyName = t.Column<string>(maxLength: 256, nullable: false),
            Xml = t.Column<string>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_DataProtectionKeys", x => x.Id));
    }

    protected override void Down(MigrationBuilder m) => m.DropTable("DataProtectionKeys");
}
