using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Core.Data;

namespace Portal.Workflows.Migrations;

/// <summary>
/// What lets workflows grow: a unique key that holds one unfinished instance of a singleton type (the database, not a
/// read before the start, keeps a second one out), the roles of a user task as a column the work queue filters in SQL,
/// and indexes for paging instances newest first.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261203120000_WorkflowScale")]
public sealed class WorkflowScale : Migration
{
    private bool Postgres => ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL";

    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<string>("SingletonKey", "WorkflowInstances", maxLength: 26, nullable: true);
        // The oldest unfinished instance of each singleton type holds the key; types are JSON written by System.Text.Json.
        m.Sql("""
            UPDATE "WorkflowInstances" SET "SingletonKey" = "WorkflowTypeId"
            WHERE "Id" IN (SELECT MIN(i."Id") FROM "WorkflowInstances" i JOIN "WorkflowTypes" t ON t."Id" = i."WorkflowTypeId"
                           WHERE i."Status" NOT IN ('Finished', 'Aborted') AND t."Document" LIKE '%"IsSingleton":true%'
                           GROUP BY i."WorkflowTypeId")
            """);
        m.CreateIndex("IX_WorkflowInstances_Singleton", "WorkflowInstances", "SingletonKey", unique: true, filter: "\"SingletonKey\" IS NOT NULL");
        m.CreateIndex("IX_WorkflowInstances_Modified", "WorkflowInstances", "ModifiedUtc");
        m.CreateIndex("IX_WorkflowInstances_Status", "WorkflowInstances", ["Status", "ModifiedUtc"]);

        m.AddColumn<string>("Roles", "WorkflowBlockingActivities", nullable: true);
        m.Sql(Postgres
            ? """
              UPDATE "WorkflowBlockingActivities"
              SET "Roles" = (SELECT '|' || string_agg(r, '|') || '|' FROM jsonb_array_elements_text(("Data"::jsonb) -> 'Roles') AS r)
              WHERE "ActivityName" = 'UserTask' AND "Data" IS NOT NULL AND jsonb_typeof(("Data"::jsonb) -> 'Roles') = 'array'
              """
            : """
              UPDATE "WorkflowBlockingActivities"
              SET "Roles" = (SELECT '|' || group_concat(value, '|') || '|' FROM json_each("Data", '$.Roles'))
              WHERE "ActivityName" = 'UserTask' AND json_valid("Data") AND json_type("Data", '$.Roles') = 'array'
              """);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropColumn("Roles", "WorkflowBlockingActivities");
        m.DropIndex("IX_WorkflowInstances_Status", "WorkflowInstances");
        m.DropIndex("IX_WorkflowInstances_Modified", "WorkflowInstances");
        m.DropIndex("IX_WorkflowInstances_Singleton", "WorkflowInstances");
        m.DropColumn("SingletonKey", "WorkflowInstances");
    }
}
