using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Core.Data;

namespace Portal.Wishes.Migrations;

[DbContext(typeof(PortalDbContext))]
[Migration("20261122050000_ClaimEvidence")]
public sealed class ClaimEvidence : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<string>("EvidenceNote", "WishClaims", maxLength: 2000, nullable: true);
        m.AddColumn<string>("EvidencePaths", "WishClaims", nullable: true);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropColumn("EvidencePaths", "WishClaims");
        m.DropColumn("EvidenceNote", "WishClaims");
    }
}
