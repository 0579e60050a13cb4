using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Core.Data;
using Portal.Search.Analysis;

namespace Portal.Search.Migrations;

/// <summary>
/// Filters move into the full-text index (a <c>tags</c> column in FTS5, '#…' lexemes in the tsvector), so ranking and
/// filtering happen in one index walk; FTS5 rowids carry the generation in their high bits, so a generation is a rowid
/// range; PostgreSQL keeps the tsvector out of the table's pages (a narrow heap for the GIN's visibility checks) and
/// bounds the GIN's pending list to 1 MB, which every query scans (writing the GIN directly, fastupdate off, made each
/// document's insert touch hundreds of index pages: about 40 times slower to index). The documents indexed so far lack the new tokens:
/// they are dropped, and <c>SearchIndexUpgrade</c> rebuilds the index at start-up (its version is set to 0 here).
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261203090000_SearchIndexTags")]
public sealed class SearchIndexTags : Migration
{
    private bool Postgres => ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL";

    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<int>("IndexVersion", "SearchState", nullable: false, defaultValue: 0);
        m.Sql($"""UPDATE "SearchState" SET "IndexVersion" = CASE WHEN EXISTS (SELECT 1 FROM "SearchDocuments") THEN 0 ELSE {TextAnalyzer.Version} END""");
        m.Sql("""DELETE FROM "SearchFacets" """);
        m.Sql("""DELETE FROM "SearchDocuments" """);
        m.CreateIndex("IX_SearchDocuments_Generation", "SearchDocuments", ["Generation", "Id"]);
        if (Postgres)
        {
            m.Sql("""ALTER TABLE "SearchDocuments" SET (toast_tuple_target = 128)""");
            m.Sql("""DROP INDEX "IX_SearchDocuments_Tokens" """);
            m.Sql("""CREATE INDEX "IX_SearchDocuments_Tokens" ON "SearchDocuments" USING GIN ("Tokens") WITH (gin_pending_list_limit = 1024)""");
        }
        else
        {
            m.Sql("""DROP TABLE "SearchFts" """);
            m.Sql("""CREATE VIRTUAL TABLE "SearchFts" USING fts5(title, body, tags, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')""");
        }
    }

    protected override void Down(MigrationBuilder m)
    {
        if (!Postgres)
        {
            m.Sql("""DROP TABLE "SearchFts" """);
            m.Sql("""CREATE VIRTUAL TABLE "SearchFts" USING fts5(title, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')""");
        }
        m.DropIndex("IX_SearchDocuments_Generation", "SearchDocuments");
        m.DropColumn("IndexVersion", "SearchState");
    }
}
