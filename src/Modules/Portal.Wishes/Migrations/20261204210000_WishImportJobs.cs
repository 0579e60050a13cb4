using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Core.Data;

namespace Portal.Wishes.Migrations;

/// <summary>CSV imports between preview and summary: the file until it is imported, the progress, the report.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261204210000_WishImportJobs")]
public sealed class WishImportJobs : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("WishImportJobs", t => new
        {
            Token = t.Column<string>(maxLength: 32, nullable: false),
            UserId = t.Column<string>(maxLength: 64, nullable: false),
            FileName = t.Column<string>(maxLength: 256, nullable: false),
            Channel = t.Column<string>(maxLength: 64, nullable: false),
            Csv = t.Column<string>(nullable: true),
            State = t.Column<string>(maxLength: 16, nullable: false),
            Total = t.Column<int>(nullable: false),
            Imported = t.Column<int>(nullable: false),
            Report = t.Column<string>(nullable: false),
            CreatedUtc = t.Column<DateTime>(nullable: false),
            UpdatedUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_WishImportJobs", x => x.Token));
        m.CreateIndex("IX_WishImportJobs_CreatedUtc", "WishImportJobs", "CreatedUtc");
    }

    protected override void Down(MigrationBuilder m) => m.DropTable("WishImportJobs");
}
