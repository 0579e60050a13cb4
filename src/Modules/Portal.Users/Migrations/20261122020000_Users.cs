using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Core.Data;

namespace Portal.Users.Migrations;

[DbContext(typeof(PortalDbContext))]
[Migration("20261122020000_Users")]
public sealed class Users : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("Users", t => new
        {
            Id = t.Column<string>(maxLength: 64, nullable: false),
            UserName = t.Column<string>(maxLength: 256, nullable: true),
            NormalizedUserName = t.Column<string>(maxLength: 256, nullable: true),
            Email = t.Column<string>(maxLength: 256, nullable: true),
            NormalizedEmail = t.Column<string>(maxLength: 256, nullable: true),
            EmailConfirmed = t.Column<bool>(nullable: false),
            PasswordHash = t.Column<string>(nullable: true),
            SecurityStamp = t.Column<string>(nullable: true),
            ConcurrencyStamp = t.Column<string>(nullable: true),
            PhoneNumber = t.Column<string>(maxLength: 64, nullable: true),
            PhoneNumberConfirmed = t.Column<bool>(nullable: false),
            TwoFactorEnabled = t.Column<bool>(nullable: false),
            LockoutEnd = t.Column<DateTimeOffset>(nullable: true),
            LockoutEnabled = t.Column<bool>(nullable: false),
            AccessFailedCount = t.Column<int>(nullable: false),
            IsEnabled = t.Column<bool>(nullable: false),
            CreatedUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Users", x => x.Id));
        m.CreateIndex("UserNameIndex", "Users", "NormalizedUserName", unique: true);
        m.CreateIndex("EmailIndex", "Users", "NormalizedEmail");

        m.CreateTable("Roles", t => new
        {
            Id = t.Column<string>(maxLength: 64, nullable: false),
            Name = t.Column<string>(maxLength: 256, nullable: true),
            NormalizedName = t.Column<string>(maxLength: 256, nullable: true),
            ConcurrencyStamp = t.Column<string>(nullable: true),
            Description = t.Column<string>(maxLength: 500, nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Roles", x => x.Id));
        m.CreateIndex("RoleNameIndex", "Roles", "NormalizedName", unique: true);

        m.CreateTable("UserRoles", t => new
        {
            UserId = t.Column<string>(maxLength: 64, nullable: false),
            RoleId = t.Column<string>(maxLength: 64, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_UserRoles", x => new { x.UserId, x.RoleId });
            t.ForeignKey("FK_UserRoles_Users", x => x.UserId, "Users", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_UserRoles_Roles", x => x.RoleId, "Roles", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_UserRoles_RoleId", "UserRoles", "RoleId");

        m.CreateTable("RoleClaims", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            RoleId = t.Column<string>(maxLength: 64, nullable: false),
            ClaimType = t.Column<string>(nullable: true),
            ClaimValue = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_RoleClaims", x => x.Id);
            t.ForeignKey("FK_RoleClaims_Roles", x => x.RoleId, "Roles", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_RoleClaims_RoleId", "RoleClaims", "RoleId");

        m.CreateTable("UserClaims", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            UserId = t.Column<string>(maxLength: 64, nullable: false),
            ClaimType = t.Column<string>(nullable: true),
            ClaimValue = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_UserClaims", x => x.Id);
            t.ForeignKey("FK_UserClaims_Users", x => x.UserId, "Users", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_UserClaims_UserId", "UserClaims", "UserId");

        m.CreateTable("UserLogins", t => new
        {
            LoginProvider = t.Column<string>(maxLength: 128, nullable: false),
            ProviderKey = t.Column<string>(maxLength: 128, nullable: false),
            ProviderDisplayName = t.Column<string>(nullable: true),
            UserId = t.Column<string>(maxLength: 64, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_UserLogins", x => new { x.LoginProvider, x.ProviderKey });
            t.ForeignKey("FK_UserLogins_Users", x => x.UserId, "Users", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_UserLogins_UserId", "UserLogins", "UserId");

        m.CreateTable("UserTokens", t => new
        {
            UserId = t.Column<string>(maxLength: 64, nullable: false),
            LoginProvider = t.Column<string>(maxLength: 128, nullable: false),
            Name = t.Column<string>(maxLength: 128, nullable: false),
            Value = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_UserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
            t.ForeignKey("FK_UserTokens_Users", x => x.UserId, "Users", "Id", onDelete: ReferentialAction.Cascade);
        });
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("UserTokens");
        m.DropTable("UserLogins");
        m.DropTable("UserClaims");
        m.DropTable("RoleClaims");
        m.DropTable("UserRoles");
        m.DropTable("Roles");
        m.DropTable("Users");
    }
}
