using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Core.Data;

namespace Portal.Wishes.Migrations;

[DbContext(typeof(PortalDbContext))]
[Migration("20261122040000_Wishes")]
public sealed class Wishes : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("WishIndex", t => new
        {
            WishId = t.Column<string>(maxLength: 26, nullable: false),
            Status = t.Column<string>(maxLength: 32, nullable: false),
            Category = t.Column<string>(maxLength: 64, nullable: true),
            CommunityId = t.Column<string>(maxLength: 26, nullable: true),
            CampaignId = t.Column<string>(maxLength: 26, nullable: true),
            SlotsTotal = t.Column<int>(nullable: false),
            SlotsClaimed = t.Column<int>(nullable: false),
            DeadlineUtc = t.Column<DateTime>(nullable: true),
            CreatedUtc = t.Column<DateTime>(nullable: false),
            StatusChangedUtc = t.Column<DateTime>(nullable: false),
            PublishedUtc = t.Column<DateTime>(nullable: true),
            OwnerId = t.Column<string>(maxLength: 64, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_WishIndex", x => x.WishId));
        m.CreateIndex("IX_WishIndex_Status", "WishIndex", ["Status", "DeadlineUtc"]);
        m.CreateIndex("IX_WishIndex_Community", "WishIndex", ["CommunityId", "Status"]);
        m.CreateIndex("IX_WishIndex_Campaign", "WishIndex", ["CampaignId", "Status"]);
        m.CreateIndex("IX_WishIndex_Category", "WishIndex", ["Category", "Status"]);

        m.CreateTable("WishClaims", t => new
        {
            Id = t.Column<long>(nullable: false).Identity(),
            WishId = t.Column<string>(maxLength: 26, nullable: false),
            ClaimantId = t.Column<string>(maxLength: 64, nullable: false),
            ClaimantKind = t.Column<string>(maxLength: 16, nullable: false),
            Status = t.Column<string>(maxLength: 16, nullable: false),
            ClaimedUtc = t.Column<DateTime>(nullable: false),
            ConfirmedUtc = t.Column<DateTime>(nullable: true),
            ScheduledForUtc = t.Column<DateTime>(nullable: true),
            FulfilledUtc = t.Column<DateTime>(nullable: true),
            ReleasedUtc = t.Column<DateTime>(nullable: true),
            ReleaseReason = t.Column<string>(maxLength: 500, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_WishClaims", x => x.Id));
        m.CreateIndex("IX_WishClaims_Wish", "WishClaims", ["WishId", "Status"]);
        m.CreateIndex("IX_WishClaims_Claimant", "WishClaims", ["ClaimantId", "Status"]);

        m.CreateTable("WishAudit", t => new
        {
            Id = t.Column<long>(nullable: false).Identity(),
            WishId = t.Column<string>(maxLength: 26, nullable: false),
            AtUtc = t.Column<DateTime>(nullable: false),
            UserId = t.Column<string>(maxLength: 64, nullable: true),
            UserName = t.Column<string>(maxLength: 256, nullable: true),
            Action = t.Column<string>(maxLength: 64, nullable: false),
            From = t.Column<string>(maxLength: 32, nullable: true),
            To = t.Column<string>(maxLength: 32, nullable: true),
            Reason = t.Column<string>(maxLength: 1000, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_WishAudit", x => x.Id));
        m.CreateIndex("IX_WishAudit_Wish", "WishAudit", ["WishId", "AtUtc"]);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("WishAudit");
        m.DropTable("WishClaims");
        m.DropTable("WishIndex");
    }
}
