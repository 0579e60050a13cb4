using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Core.Data;

namespace Portal.GraphQL.Migrations;

[DbContext(typeof(PortalDbContext))]
[Migration("20261122100000_ApiClients")]
public sealed class ApiClients : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("ApiClients", t => new
        {
            Id = t.Column<long>(nullable: false).Identity(),
            Name = t.Column<string>(maxLength: 100, nullable: false),
            SecretHash = t.Column<string>(maxLength: 64, nullable: false),
            Scopes = t.Column<string>(maxLength: 2000, nullable: false),
            RateLimitPerMinute = t.Column<int>(nullable: false),
            CreatedUtc = t.Column<DateTime>(nullable: false),
            RevokedUtc = t.Column<DateTime>(nullable: true),
            RequestCount = t.Column<long>(nullable: false),
            RejectedCount = t.Column<long>(nullable: false),
            LastUsedUtc = t.Column<DateTime>(nullable: true),
            WindowStartUtc = t.Column<DateTime>(nullable: false),
            WindowCount = t.Column<int>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_ApiClients", x => x.Id));
        m.CreateIndex("IX_ApiClients_Name", "ApiClients", "Name", unique: true);
        m.CreateIndex("IX_ApiClients_SecretHash", "ApiClients", "SecretHash", unique: true);

        m.CreateTable("ApiRequests", t => new
        {
            Id = t.Column<long>(nullable: false).Identity(),
            ClientId = t.Column<long>(nullable: false),
            AtUtc = t.Column<DateTime>(nullable: false),
            Status = t.Column<int>(nullable: false),
            DurationMs = t.Column<int>(nullable: false),
            OperationName = t.Column<string>(maxLength: 100, nullable: true),
            Error = t.Column<string>(maxLength: 500, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_ApiRequests", x => x.Id));
        m.CreateIndex("IX_ApiRequests_ClientId_Id", "ApiRequests", ["ClientId", "Id"]);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("ApiRequests");
        m.DropTable("ApiClients");
    }
}
