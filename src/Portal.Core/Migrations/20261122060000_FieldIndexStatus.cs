using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Core.Data;

namespace Portal.Core.Migrations;

/// <summary>
/// Field index rows carry their version's Published and Latest flags, with partial indexes per flag, so a count
/// by one field stays inside an index. Partial, because SQLite matches a bare boolean condition only to an
/// index with the same WHERE clause.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122060000_FieldIndexStatus")]
public sealed class FieldIndexStatus : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<bool>("Published", "ContentFieldIndex", nullable: false, defaultValue: false);
        m.AddColumn<bool>("Latest", "ContentFieldIndex", nullable: false, defaultValue: false);
        m.Sql("""
            UPDATE "ContentFieldIndex" SET
                "Published" = (SELECT c."Published" FROM "ContentItems" c WHERE c."Id" = "ContentFieldIndex"."DocumentId"),
                "Latest" = (SELECT c."Latest" FROM "ContentItems" c WHERE c."Id" = "ContentFieldIndex"."DocumentId")
            """);
        m.CreateIndex("IX_ContentFieldIndex_PublishedText", "ContentFieldIndex", ["PartName", "FieldName", "TextValue", "ContentType", "DocumentId"], filter: "\"Published\"");
        m.CreateIndex("IX_ContentFieldIndex_PublishedNumber", "ContentFieldIndex", ["PartName", "FieldName", "NumericValue", "ContentType", "DocumentId"], filter: "\"Published\"");
        m.CreateIndex("IX_ContentFieldIndex_LatestText", "ContentFieldIndex", ["PartName", "FieldName", "TextValue", "ContentType", "DocumentId"], filter: "\"Latest\"");
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropIndex("IX_ContentFieldIndex_LatestText", "ContentFieldIndex");
        m.DropIndex("IX_ContentFieldIndex_PublishedNumber", "ContentFieldIndex");
        m.DropIndex("IX_ContentFieldIndex_PublishedText", "ContentFieldIndex");
        m.DropColumn("Latest", "ContentFieldIndex");
        m.DropColumn("Published", "ContentFieldIndex");
    }
}
