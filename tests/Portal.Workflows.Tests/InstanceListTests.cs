using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Testing;
using Portal.Workflows.Models;
using Portal.Workflows.Services;

namespace Portal.Workflows.Tests;

public sealed class ManyInstancesPortal() : SetUpPortalServer(DatabaseProvider.Sqlite, "micro-wish")
{
    public const int Finished = 9_990, Faulted = 10;

    /// <summary>10,000 instances of one type, one minute apart: every thousandth faulted, the rest finished.</summary>
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var first = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await using var scope = Services.CreateAsyncScope();
        var save = await scope.ServiceProvider.GetRequiredService<WorkflowTypeStore>().SaveAsync(
            new WorkflowBuilder("Bulk").Start("start", "SignalEvent", WorkflowBuilder.Signal("bulk")).Build());
        var typeId = save.Type!.WorkflowTypeId;
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        // The recipe's demo wishes under review have their own instances: the list is to hold exactly these 10,000.
        await db.Set<WorkflowBlockingRecord>().ExecuteDeleteAsync();
        await db.Set<WorkflowTimerRecord>().Where(t => t.InstanceId != null).ExecuteDeleteAsync();
        await db.Set<WorkflowInstanceRecord>().ExecuteDeleteAsync();
        var rows = Enumerable.Range(0, Finished + Faulted).Select(n => new WorkflowInstanceRecord
        {
            Id = $"bulk{n:D6}",
            WorkflowTypeId = typeId,
            CorrelationId = $"item{n:D6}",
            Status = n % 1000 == 999 ? WorkflowStatus.Faulted : WorkflowStatus.Finished,
            FaultMessage = n % 1000 == 999 ? "boom " + n : null,
            Version = 1,
            State = "{}",
            CreatedUtc = first.AddMinutes(n),
            ModifiedUtc = first.AddMinutes(n),
        }).ToList();
        foreach (var chunk in rows.Chunk(500)) await RowInserter<WorkflowInstanceRecord>.For(db).InsertAsync(db, chunk);
    }
}

/// <summary>The admin list of instances with many of them: counted, paged newest first, filtered by status.</summary>
public sealed class InstanceListTests(ManyInstancesPortal server) : IClassFixture<ManyInstancesPortal>
{
    [Fact]
    public async Task Ten_thousand_instances_are_counted_and_paged_newest_first()
    {
        using var admin = await server.AdminClientAsync();

        var page1 = await admin.GetStringAsync("/admin/workflows");
        Assert.Contains("共 10000 个实例", page1);
        Assert.Contains("第 1 页，共 200 页", page1);
        Assert.Contains("/admin/workflows/instances/bulk009999", page1);
        Assert.Contains("/admin/workflows/instances/bulk009950", page1);
        Assert.DoesNotContain("/admin/workflows/instances/bulk009949", page1);
        Assert.Contains("href=\"/admin/workflows?page=2\"", page1);

        var last = await admin.GetStringAsync("/admin/workflows?page=200");
        Assert.Contains("/admin/workflows/instances/bulk000000", last);
        Assert.DoesNotContain("/admin/workflows/instances/bulk000050", last);
        Assert.DoesNotContain("?page=201", last);

        // A page past the end shows the last one.
        Assert.Contains("第 200 页，共 200 页", await admin.GetStringAsync("/admin/workflows?page=99999"));
    }

    [Fact]
    public async Task The_status_filter_counts_and_pages_only_that_status()
    {
        using var admin = await server.AdminClientAsync();

        var faulted = await admin.GetStringAsync("/admin/workflows?status=Faulted");

        Assert.Contains($"共 {ManyInstancesPortal.Faulted} 个实例", faulted);
        Assert.Contains("boom 9999", faulted);
        Assert.DoesNotContain("/admin/workflows/instances/bulk009998", faulted);
        Assert.DoesNotContain("class=\"pager\"", faulted);
    }

    [Fact]
    public async Task Staff_without_workflow_management_may_not_list_instances()
    {
        using var staff = await server.NewSignedInClientAsync("s" + Guid.NewGuid().ToString("N")[..8], "CommunityStaff");

        var response = await staff.GetAsync("/admin/workflows");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
