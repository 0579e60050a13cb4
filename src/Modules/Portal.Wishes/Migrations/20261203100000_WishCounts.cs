using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Core.Data;

namespace Portal.Wishes.Migrations;

/// <summary>
/// The wish counts the dashboard reads (filled from the index as it is), and the staff queue's lists ordered by how
/// long a wish has waited in its state, read in index order.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261203100000_WishCounts")]
public sealed class WishCounts : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("WishCounts", t => new
        {
            Id = t.Column<long>(nullable: false).Identity(),
            Dimension = t.Column<string>(maxLength: 16, nullable: false),
            Key = t.Column<string>(maxLength: 64, nullable: true),
            Status = t.Column<string>(maxLength: 32, nullable: false),
            Count = t.Column<int>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_WishCounts", x => x.Id));
        m.CreateIndex("IX_WishCounts_Count", "WishCounts", ["Dimension", "Key", "Status", "Count"]);
        foreach (var sql in Services.WishCounts.RecountSql) m.Sql(sql);
        m.CreateIndex("IX_WishIndex_Waiting", "WishIndex", ["Status", "StatusChangedUtc", "WishId"]);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropIndex("IX_WishIndex_Waiting", "WishIndex");
        m.DropTable("WishCounts");
    }
}
