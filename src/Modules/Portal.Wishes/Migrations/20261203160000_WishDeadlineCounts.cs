using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Core.Data;

namespace Portal.Wishes.Migrations;

/// <summary>The wish counts by deadline day (the work queue's overdue count), filled from the index as it is.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261203160000_WishDeadlineCounts")]
public sealed class WishDeadlineCounts : Migration
{
    protected override void Up(MigrationBuilder m) =>
        m.Sql(Services.WishCounts.RecountDeadlines(ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL"));

    protected override void Down(MigrationBuilder m) =>
        m.Sql("DELETE FROM \"WishCounts\" WHERE \"Dimension\" = 'Deadline'");
}
