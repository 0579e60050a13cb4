using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Core.Data;

namespace Portal.Core.Migrations;

/// <summary>Which versions of each module's own content definitions this database has had applied.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261123041700_ModuleDefinitions")]
public sealed class ModuleDefinitions : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("ModuleDefinitions", t => new
        {
            Module = t.Column<string>(maxLength: 128, nullable: false),
            Version = t.Column<int>(nullable: false),
            AppliedUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_ModuleDefinitions", x => new { x.Module, x.Version }));
    }

    protected override void Down(MigrationBuilder m) => m.DropTable("ModuleDefinitions");
}
