using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Core.Data;

namespace Portal.Wishes.Migrations;

/// <summary>What the people's pages need: the claimant's name, service hours, and claims found by state (the staff queue).</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122090000_WishPeople")]
public sealed class WishPeople : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<string>("ClaimantName", "WishClaims", maxLength: 256, nullable: true);
        m.AddColumn<double>("ServiceHours", "WishClaims", nullable: true);
        m.CreateIndex("IX_WishClaims_Status", "WishClaims", ["Status", "ClaimedUtc"]);
        m.CreateIndex("IX_WishIndex_Deadline", "WishIndex", ["DeadlineUtc", "Status"]);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropIndex("IX_WishIndex_Deadline", "WishIndex");
        m.DropIndex("IX_WishClaims_Status", "WishClaims");
        m.DropColumn("ServiceHours", "WishClaims");
        m.DropColumn("ClaimantName", "WishClaims");
    }
}
