using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Core.Data;

namespace Portal.Wishes.Migrations;

/// <summary>The points ledger, and the points a wish is worth when set on the wish itself.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122090100_WishPoints")]
public sealed class WishPoints : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<int>("Points", "WishIndex", nullable: true);
        m.CreateTable("WishPoints", t => new
        {
            Id = t.Column<long>(nullable: false).Identity(),
            ClaimantId = t.Column<string>(maxLength: 64, nullable: false),
            ClaimantName = t.Column<string>(maxLength: 256, nullable: true),
            ClaimantKind = t.Column<string>(maxLength: 16, nullable: false),
            WishId = t.Column<string>(maxLength: 26, nullable: false),
            ClaimId = t.Column<long>(nullable: true),
            Kind = t.Column<string>(maxLength: 16, nullable: false),
            Points = t.Column<int>(nullable: false),
            ReversesId = t.Column<long>(nullable: true),
            Reason = t.Column<string>(maxLength: 500, nullable: true),
            AtUtc = t.Column<DateTime>(nullable: false),
            ByUserId = t.Column<string>(maxLength: 64, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_WishPoints", x => x.Id));
        m.CreateIndex("IX_WishPoints_Claimant", "WishPoints", ["ClaimantId", "AtUtc"]);
        m.CreateIndex("IX_WishPoints_Claim", "WishPoints", ["ClaimId", "Kind"]);
        m.CreateIndex("IX_WishPoints_Reverses", "WishPoints", "ReversesId", unique: true);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("WishPoints");
        m.DropColumn("Points", "WishIndex");
    }
}
