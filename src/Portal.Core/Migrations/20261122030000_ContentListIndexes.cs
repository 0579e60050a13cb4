using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Core.Data;

namespace Portal.Core.Migrations;

/// <summary>
/// Lists of published items of a type, newest first (the default order of a content query), read from an index
/// in order instead of sorting every published item. Partial on "Published": the queries test the flag itself
/// (<c>WHERE "Published"</c>), which SQLite cannot match against an index column, and the index stays small.
/// Id is the tie-break of every ordering.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122030000_ContentListIndexes")]
public sealed class ContentListIndexes : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateIndex("IX_ContentItems_Published_TypeModified", "ContentItems", ["ContentType", "ModifiedUtc", "Id"], filter: "\"Published\"");
        m.CreateIndex("IX_ContentItems_Latest_TypeModified", "ContentItems", ["ContentType", "ModifiedUtc", "Id"], filter: "\"Latest\"");
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropIndex("IX_ContentItems_Latest_TypeModified", "ContentItems");
        m.DropIndex("IX_ContentItems_Published_TypeModified", "ContentItems");
    }
}
