using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Core.Data;

namespace Portal.Wishes.Migrations;

/// <summary>
/// The staff queue's overdue list reads each state's wishes in deadline order, ties by id, from one index; it replaces the
/// index on (state, deadline) it starts with.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261203163000_WishOverdueOrder")]
public sealed class WishOverdueOrder : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateIndex("IX_WishIndex_StatusDeadline", "WishIndex", ["Status", "DeadlineUtc", "WishId"]);
        m.DropIndex("IX_WishIndex_Status", "WishIndex");
    }

    protected override void Down(MigrationBuilder m)
    {
        m.CreateIndex("IX_WishIndex_Status", "WishIndex", ["Status", "DeadlineUtc"]);
        m.DropIndex("IX_WishIndex_StatusDeadline", "WishIndex");
    }
}
