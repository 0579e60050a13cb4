using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Wishes.Models;
using Portal.Wishes.Services;

namespace Portal.Wishes.Tests;

public abstract partial class WishSuite
{
    private Task<ImportReport> ImportAsync(string csv, bool commit = true) =>
        host.InScopeAsync(sp => sp.GetRequiredService<WishImport>().ImportAsync(csv, "wish-card", commit));

    private Task<int> WishesTitledAsync(string marker) =>
        host.InScopeAsync(sp => sp.GetRequiredService<ContentManager>().Records.CountAsync(r => r.ContentType == "Wish" && r.DisplayText.Contains(marker)));

    [Fact]
    public async Task A_file_with_a_bad_row_imports_nothing_and_names_each_bad_row_and_column()
    {
        var marker = Guid.NewGuid().ToString("N")[..6];
        var csv = $"""
            Title,Category,Slots,WisherName,Phone,PublishConsent
            书包 {marker},study-supplies,2,李小雨,13800001111,是
            台灯 {marker},unknown-kind,1,王大爷,13800002222,是
            ,essential-supplies,0,赵奶奶,13800003333,maybe
            """;

        var report = await ImportAsync(csv);

        Assert.False(report.Committed);
        Assert.Equal(0, report.Imported);
        Assert.Contains(report.Errors, e => e.Row == 3 && e.Column == "Category");
        Assert.Contains(report.Errors, e => e.Row == 4 && e.Column == "Slots");
        Assert.Contains(report.Errors, e => e.Row == 4 && e.Column == "PublishConsent");
        Assert.DoesNotContain(report.Errors, e => e.Row == 2);
        Assert.Equal(0, await WishesTitledAsync(marker));
    }

    [Fact]
    public async Task An_unknown_column_rejects_the_file_before_any_row()
    {
        var report = await ImportAsync("Title,Shoe size\n一双鞋,42\n");

        Assert.Equal([(1, "Shoe size")], report.Errors.Select(e => (e.Row, e.Column)));
        Assert.False(report.Committed);
    }

    [Fact]
    public async Task A_good_file_is_previewed_without_change_then_imported_as_submitted_with_its_channel()
    {
        var marker = Guid.NewGuid().ToString("N")[..6];
        var csv = $"\uFEFFTitle,Slots,WisherName,Phone\r\n\"收音机, {marker}\",1,孙建国,13800004444\r\n拐杖 {marker},1,,\r\n";

        var preview = await ImportAsync(csv, commit: false);
        Assert.Equal((2, false), (preview.Imported, preview.Committed));
        Assert.Empty(preview.Errors);
        Assert.Equal(0, await WishesTitledAsync(marker));

        var report = await ImportAsync(csv);

        Assert.Equal((2, true), (report.Imported, report.Committed));
        var ids = await host.InScopeAsync(sp => sp.GetRequiredService<ContentManager>().Records
            .Where(r => r.ContentType == "Wish" && r.DisplayText.Contains(marker)).Select(r => r.ContentItemId).ToListAsync());
        Assert.Equal(2, ids.Count);
        foreach (var id in ids) Assert.Equal(WishStatus.Submitted, (await IndexAsync(id)).Status);
        var item = await host.InScopeAsync(sp => sp.GetRequiredService<ContentManager>().GetAsync(ids[0], VersionOptions.Latest));
        Assert.Equal("wish-card", item!.Content["Wish"]!["IntakeChannel"]!["Value"]!.GetValue<string>());
        Assert.DoesNotContain("孙建国", item.Content.ToJsonString());
    }

    [Fact]
    public async Task The_same_person_wishing_for_the_same_item_is_flagged_in_the_file_and_against_stored_wishes()
    {
        var marker = Guid.NewGuid().ToString("N")[..6];
        var person = "周" + marker;
        await ImportAsync($"Title,WisherName,Phone\n电风扇 {marker},{person},13800005555\n");

        var report = await ImportAsync($"Title,WisherName,Phone\n电风扇 {marker},{person},13800005555\n书包 {marker},{person},13800005555\n书包 {marker},{person},13800005555\n");

        Assert.True(report.Committed);
        Assert.Equal([2, 4], report.Duplicates.Select(d => d.Row).Order());
        var flagged = await host.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<WishAuditRecord>().AsNoTracking()
            .CountAsync(a => a.Action == WishDuplicates.Flagged));
        Assert.True(flagged >= 2);
    }
}
