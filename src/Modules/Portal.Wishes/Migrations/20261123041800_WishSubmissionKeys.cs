using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Core.Data;

namespace Portal.Wishes.Migrations;

/// <summary>Partners' idempotency keys: the same key from the same client submits one wish.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261123041800_WishSubmissionKeys")]
public sealed class WishSubmissionKeys : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("WishSubmissionKeys", t => new
        {
            Client = t.Column<string>(maxLength: 128, nullable: false),
            Key = t.Column<string>(maxLength: 128, nullable: false),
            Fingerprint = t.Column<string>(maxLength: 64, nullable: false),
            WishId = t.Column<string>(maxLength: 26, nullable: true),
            CreatedUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_WishSubmissionKeys", x => new { x.Client, x.Key }));
    }

    protected override void Down(MigrationBuilder m) => m.DropTable("WishSubmissionKeys");
}
