using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Core.Data;

namespace Portal.Media.Migrations;

[DbContext(typeof(PortalDbContext))]
[Migration("20261122130000_MediaAssets")]
public sealed class MediaAssets : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("MediaAssets", t => new
        {
            Path = t.Column<string>(maxLength: 512),
            Folder = t.Column<string>(maxLength: 512),
            FileName = t.Column<string>(maxLength: 255),
            ContentType = t.Column<string>(maxLength: 64),
            Length = t.Column<long>(),
            Width = t.Column<int>(),
            Height = t.Column<int>(),
            AltText = t.Column<string>(maxLength: 300),
            UploadedUtc = t.Column<DateTime>(),
            UploadedBy = t.Column<string>(maxLength: 256, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_MediaAssets", x => x.Path));
        m.CreateIndex("IX_MediaAssets_Folder", "MediaAssets", "Folder");
    }

    protected override void Down(MigrationBuilder m) => m.DropTable("MediaAssets");
}
