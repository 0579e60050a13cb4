using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Core.Content;
using Portal.Core.Data;

namespace Portal.Core.Migrations;

/// <summary>
/// The database itself now holds the rule that an item has at most one latest and at most one published version
/// (unique partial indexes), so no race between two saves can break it. A database that already broke it is repaired
/// first: the newest such version keeps the flag. The same migration trims index work per save: the field index's
/// value indexes leave out the rows whose value is of another kind (a number row has no text), and the two
/// per-type indexes that the partial list indexes made redundant go; lists of a type by publication date get a
/// partial index of their own, like the one by modification date.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261203010000_ContentStorageInvariants")]
public sealed class ContentStorageInvariants : Migration
{
    private static readonly (string Name, string[] Columns, string Filter)[] FieldIndexes =
    [
        ("IX_ContentFieldIndex_Text", ["PartName", "FieldName", "TextValue", "DocumentId"], "\"TextValue\" IS NOT NULL"),
        ("IX_ContentFieldIndex_Number", ["PartName", "FieldName", "NumericValue", "DocumentId"], "\"NumericValue\" IS NOT NULL"),
        ("IX_ContentFieldIndex_Date", ["PartName", "FieldName", "DateValue", "DocumentId"], "\"DateValue\" IS NOT NULL"),
        ("IX_ContentFieldIndex_PublishedText", ["PartName", "FieldName", "TextValue", "ContentType", "DocumentId"], "\"Published\" AND \"TextValue\" IS NOT NULL"),
        ("IX_ContentFieldIndex_PublishedNumber", ["PartName", "FieldName", "NumericValue", "ContentType", "DocumentId"], "\"Published\" AND \"NumericValue\" IS NOT NULL"),
        ("IX_ContentFieldIndex_LatestText", ["PartName", "FieldName", "TextValue", "ContentType", "DocumentId"], "\"Latest\" AND \"TextValue\" IS NOT NULL"),
    ];

    protected override void Up(MigrationBuilder m)
    {
        foreach (var flag in new[] { "Latest", "Published" })
        {
            m.Sql($"""
                UPDATE "ContentItems" SET "{flag}" = FALSE
                WHERE "{flag}" AND "Id" < (SELECT MAX(c."Id") FROM "ContentItems" c WHERE c."ContentItemId" = "ContentItems"."ContentItemId" AND c."{flag}")
                """);
        }
        m.Sql("""
            UPDATE "ContentFieldIndex" SET
                "Published" = (SELECT c."Published" FROM "ContentItems" c WHERE c."Id" = "ContentFieldIndex"."DocumentId"),
                "Latest" = (SELECT c."Latest" FROM "ContentItems" c WHERE c."Id" = "ContentFieldIndex"."DocumentId")
            WHERE EXISTS (SELECT 1 FROM "ContentItems" c WHERE c."Id" = "ContentFieldIndex"."DocumentId"
                          AND (c."Published" <> "ContentFieldIndex"."Published" OR c."Latest" <> "ContentFieldIndex"."Latest"))
            """);
        m.CreateIndex(ContentIndexes.LatestItem, "ContentItems", "ContentItemId", unique: true, filter: "\"Latest\"");
        m.CreateIndex(ContentIndexes.PublishedItem, "ContentItems", "ContentItemId", unique: true, filter: "\"Published\"");

        m.DropIndex("IX_ContentItems_TypeLatest", "ContentItems");
        m.DropIndex("IX_ContentItems_TypePublished", "ContentItems");
        m.CreateIndex("IX_ContentItems_Published_TypePublishedUtc", "ContentItems", ["ContentType", "PublishedUtc", "Id"], filter: "\"Published\"");

        foreach (var (name, columns, filter) in FieldIndexes)
        {
            m.DropIndex(name, "ContentFieldIndex");
            m.CreateIndex(name, "ContentFieldIndex", columns, filter: filter);
        }
    }

    protected override void Down(MigrationBuilder m)
    {
        foreach (var (name, columns, filter) in FieldIndexes)
        {
            m.DropIndex(name, "ContentFieldIndex");
            var flag = filter.StartsWith("\"Published\"", StringComparison.Ordinal) ? "\"Published\""
                : filter.StartsWith("\"Latest\"", StringComparison.Ordinal) ? "\"Latest\"" : null;
            m.CreateIndex(name, "ContentFieldIndex", columns, filter: flag);
        }
        m.DropIndex("IX_ContentItems_Published_TypePublishedUtc", "ContentItems");
        m.CreateIndex("IX_ContentItems_TypePublished", "ContentItems", ["ContentType", "Published", "PublishedUtc"]);
        m.CreateIndex("IX_ContentItems_TypeLatest", "ContentItems", ["ContentType", "Latest", "ModifiedUtc"]);
        m.DropIndex(ContentIndexes.PublishedItem, "ContentItems");
        m.DropIndex(ContentIndexes.LatestItem, "ContentItems");
    }
}
