using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Core.Data;

namespace Portal.Core.Migrations;

[DbContext(typeof(PortalDbContext))]
[Migration("20261122010000_ContentStore")]
public sealed class ContentStore : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("ContentItems", t => new
        {
            Id = t.Column<long>(nullable: false).Identity(),
            ContentItemId = t.Column<string>(maxLength: 26, nullable: false),
            ContentItemVersionId = t.Column<string>(maxLength: 26, nullable: false),
            ContentType = t.Column<string>(maxLength: 64, nullable: false),
            DisplayText = t.Column<string>(maxLength: 500, nullable: false),
            Latest = t.Column<bool>(nullable: false),
            Published = t.Column<bool>(nullable: false),
            Owner = t.Column<string>(maxLength: 64, nullable: true),
            Author = t.Column<string>(maxLength: 256, nullable: true),
            CreatedUtc = t.Column<DateTime>(nullable: false),
            ModifiedUtc = t.Column<DateTime>(nullable: false),
            PublishedUtc = t.Column<DateTime>(nullable: true),
            ConcurrencyStamp = t.Column<string>(maxLength: 32, nullable: false),
            Data = t.Column<string>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_ContentItems", x => x.Id));
        m.CreateIndex("IX_ContentItems_VersionId", "ContentItems", "ContentItemVersionId", unique: true);
        m.CreateIndex("IX_ContentItems_Item", "ContentItems", ["ContentItemId", "Latest", "Published"]);
        m.CreateIndex("IX_ContentItems_TypePublished", "ContentItems", ["ContentType", "Published", "PublishedUtc"]);
        m.CreateIndex("IX_ContentItems_TypeLatest", "ContentItems", ["ContentType", "Latest", "ModifiedUtc"]);
        m.CreateIndex("IX_ContentItems_Owner", "ContentItems", ["Owner", "Latest"]);

        m.CreateTable("ContentFieldIndex", t => new
        {
            Id = t.Column<long>(nullable: false).Identity(),
            DocumentId = t.Column<long>(nullable: false),
            ContentType = t.Column<string>(maxLength: 64, nullable: false),
            PartName = t.Column<string>(maxLength: 64, nullable: false),
            FieldName = t.Column<string>(maxLength: 64, nullable: false),
            TextValue = t.Column<string>(maxLength: 256, nullable: true),
            NumericValue = t.Column<double>(nullable: true),
            DateValue = t.Column<DateTime>(nullable: true),
            BooleanValue = t.Column<bool>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ContentFieldIndex", x => x.Id);
            t.ForeignKey("FK_ContentFieldIndex_ContentItems", x => x.DocumentId, "ContentItems", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_ContentFieldIndex_Document", "ContentFieldIndex", ["DocumentId", "PartName", "FieldName"]);
        m.CreateIndex("IX_ContentFieldIndex_Text", "ContentFieldIndex", ["PartName", "FieldName", "TextValue", "DocumentId"]);
        m.CreateIndex("IX_ContentFieldIndex_Number", "ContentFieldIndex", ["PartName", "FieldName", "NumericValue", "DocumentId"]);
        m.CreateIndex("IX_ContentFieldIndex_Date", "ContentFieldIndex", ["PartName", "FieldName", "DateValue", "DocumentId"]);

        m.CreateTable("Autoroutes", t => new
        {
            Path = t.Column<string>(maxLength: 1024, nullable: false),
            ContentItemId = t.Column<string>(maxLength: 26, nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Autoroutes", x => x.Path));
        m.CreateIndex("IX_Autoroutes_Item", "Autoroutes", "ContentItemId", unique: true);

        m.CreateTable("ContentDefinitions", t => new
        {
            Id = t.Column<int>(nullable: false),
            Serial = t.Column<int>(nullable: false),
            Data = t.Column<string>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_ContentDefinitions", x => x.Id));

        m.CreateTable("SiteSettings", t => new
        {
            Name = t.Column<string>(maxLength: 128, nullable: false),
            Data = t.Column<string>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_SiteSettings", x => x.Name));
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("SiteSettings");
        m.DropTable("ContentDefinitions");
        m.DropTable("Autoroutes");
        m.DropTable("ContentFieldIndex");
        m.DropTable("ContentItems");
    }
}
