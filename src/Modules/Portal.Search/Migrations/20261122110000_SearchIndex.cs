using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Core.Data;

namespace Portal.Search.Migrations;

/// <summary>
/// Documents (public text for snippets, the values filters use) and their tokens in the database's own
/// full-text engine: an FTS5 table on SQLite (contentless: the text is in SearchDocuments already), a tsvector
/// column with a GIN index on PostgreSQL. Rows carry a generation so a rebuild fills a new one beside the live one.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122110000_SearchIndex")]
public sealed class SearchIndex : Migration
{
    private bool Postgres => ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL";

    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("SearchDocuments", t => new
        {
            Id = t.Column<long>(nullable: false).Identity(),
            Generation = t.Column<int>(nullable: false),
            ContentItemId = t.Column<string>(maxLength: 26, nullable: false),
            ContentType = t.Column<string>(maxLength: 255, nullable: false),
            Title = t.Column<string>(nullable: false),
            Body = t.Column<string>(nullable: false),
            Path = t.Column<string>(maxLength: 1024, nullable: true),
            PublishedUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_SearchDocuments", x => x.Id));
        m.CreateIndex("IX_SearchDocuments_Item", "SearchDocuments", ["ContentItemId", "Generation"], unique: true);
        m.CreateIndex("IX_SearchDocuments_Recent", "SearchDocuments", ["Generation", "PublishedUtc"]);

        m.CreateTable("SearchFacets", t => new
        {
            DocumentId = t.Column<long>(nullable: false),
            Name = t.Column<string>(maxLength: 64, nullable: false),
            Value = t.Column<string>(maxLength: 255, nullable: false),
        }, constraints: t => t.PrimaryKey("PK_SearchFacets", x => new { x.DocumentId, x.Name, x.Value }));
        m.CreateIndex("IX_SearchFacets_Value", "SearchFacets", ["Name", "Value", "DocumentId"]);

        m.CreateTable("SearchState", t => new
        {
            Id = t.Column<int>(nullable: false),
            ActiveGeneration = t.Column<int>(nullable: false),
            BuildingGeneration = t.Column<int>(nullable: true),
            RebuildTotal = t.Column<int>(nullable: false),
            RebuildDone = t.Column<int>(nullable: false),
            RebuildStartedUtc = t.Column<DateTime>(nullable: true),
            RebuildUpdatedUtc = t.Column<DateTime>(nullable: true),
            LastRebuildUtc = t.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_SearchState", x => x.Id));
        m.Sql("""INSERT INTO "SearchState" ("Id", "ActiveGeneration", "RebuildTotal", "RebuildDone") VALUES (1, 1, 0, 0)""");

        if (Postgres)
        {
            m.Sql("""ALTER TABLE "SearchDocuments" ADD COLUMN "Tokens" tsvector NOT NULL DEFAULT ''::tsvector""");
            m.Sql("""CREATE INDEX "IX_SearchDocuments_Tokens" ON "SearchDocuments" USING GIN ("Tokens")""");
        }
        else
        {
            // Tokens come from the portal's analyzer, separated by spaces; unicode61 keeps each one whole.
            m.Sql("""CREATE VIRTUAL TABLE "SearchFts" USING fts5(title, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')""");
        }
    }

    protected override void Down(MigrationBuilder m)
    {
        if (!Postgres) m.Sql("""DROP TABLE "SearchFts" """);
        m.DropTable("SearchState");
        m.DropTable("SearchFacets");
        m.DropTable("SearchDocuments");
    }
}
