using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Core.Data;

namespace Portal.Core.Migrations;

/// <summary>Sensitive field values, kept apart from content documents, and the log of every read of them.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122080000_PersonalData")]
public sealed class PersonalData : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("ContentSensitiveValues", t => new
        {
            ContentItemId = t.Column<string>(maxLength: 26),
            PartName = t.Column<string>(maxLength: 64),
            FieldName = t.Column<string>(maxLength: 64),
            Value = t.Column<string>(),
            ModifiedUtc = t.Column<DateTime>(),
        }, constraints: t => t.PrimaryKey("PK_ContentSensitiveValues", x => new { x.ContentItemId, x.PartName, x.FieldName }));

        m.CreateTable("PersonalDataAccessLog", t => new
        {
            Id = t.Column<long>(nullable: false).Identity(),
            AtUtc = t.Column<DateTime>(),
            UserId = t.Column<string>(maxLength: 64, nullable: true),
            UserName = t.Column<string>(maxLength: 256, nullable: true),
            ContentItemId = t.Column<string>(maxLength: 26, nullable: true),
            Purpose = t.Column<string>(maxLength: 64),
            Detail = t.Column<string>(maxLength: 500, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_PersonalDataAccessLog", x => x.Id));
        m.CreateIndex("IX_PersonalDataAccessLog_ContentItemId_AtUtc", "PersonalDataAccessLog", ["ContentItemId", "AtUtc"]);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("PersonalDataAccessLog");
        m.DropTable("ContentSensitiveValues");
    }
}
