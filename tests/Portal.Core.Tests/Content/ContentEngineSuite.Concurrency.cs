using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Content;

namespace Portal.Core.Tests.Content;

public abstract partial class ContentEngineSuite
{
    [Fact]
    public async Task Many_requests_creating_and_publishing_at_once_each_get_their_own_item()
    {
        var type = await StoryTypeAsync();
        // Eight requests at a time, each in its own scope, as a busy site sends them: the shared insert statements
        // must never run one request's command on another's connection.
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var created = new List<ContentResult>();
            for (var i = 0; i < 15; i++) created.Add(await CreateAsync(type, $"并发 {worker}-{i}", publish: true));
            return created;
        })));

        Assert.All(results.SelectMany(r => r), r => Assert.True(r.Succeeded, r.ToString()));
        Assert.Equal(120, await CountRowsAsync(type));
    }

    [Fact]
    public async Task A_stale_update_is_refused_and_the_newer_edit_is_kept()
    {
        var type = await StoryTypeAsync();
        var item = Ok(await CreateAsync(type, "Original"));
        var editorA = (await Scope((cm, _) => cm.GetAsync(item.ContentItemId, VersionOptions.Latest)))!;
        var editorB = (await Scope((cm, _) => cm.GetAsync(item.ContentItemId, VersionOptions.Latest)))!;

        editorA.Part("TitlePart")["Title"] = "Edit by A";
        var edited = Ok(await Scope((cm, _) => cm.UpdateAsync(editorA)));
        editorB.Part("TitlePart")["Title"] = "Edit by B";
        var stale = await Scope((cm, _) => cm.UpdateAsync(editorB));

        Assert.True(stale.IsConflict);
        Assert.Contains("reload", stale.Errors[0].Message);
        // The time of the newer edit reads as the site's clock (Asia/Shanghai unless configured), not UTC.
        var siteClock = TimeZoneInfo.ConvertTimeFromUtc(edited.ModifiedUtc!.Value, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        Assert.Contains($" at {siteClock:yyyy-MM-dd HH:mm} after you opened it", stale.Errors[0].Message);
        Assert.DoesNotContain("UTC", stale.Errors[0].Message);
        Assert.Equal("Edit by A", (await Scope((cm, _) => cm.GetAsync(item.ContentItemId, VersionOptions.Latest)))!.DisplayText);
    }

    [Fact]
    public async Task Concurrent_edits_of_a_published_item_leave_exactly_one_latest_version()
    {
        var type = await StoryTypeAsync();
        var item = Ok(await CreateAsync(type, "Race", publish: true));
        var copies = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Scope((cm, _) => cm.GetAsync(item.ContentItemId, VersionOptions.Latest))));

        var results = await Task.WhenAll(copies.Select((copy, n) =>
        {
            copy!.Part("TitlePart")["Title"] = $"Edit {n}";
            return Scope((cm, _) => cm.UpdateAsync(copy)).ContinueWith(t => t.IsFaulted ? null : t.Result);
        }));

        Assert.True(results.Count(r => r is { Succeeded: true }) >= 1);
        var versions = await Scope((cm, _) => cm.GetVersionsAsync(item.ContentItemId));
        Assert.Single(versions, v => v.Latest);
        Assert.Single(versions, v => v.Published);
    }

    [Fact]
    public async Task Saves_racing_to_create_one_id_leave_exactly_one_item_and_tell_the_others_it_exists()
    {
        var type = await StoryTypeAsync();
        var id = IdGenerator.NewId();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(n => Task.Run(() =>
            CreateAsync(type, $"Twin {n}", publish: true, fill: i => i.ContentItemId = id))));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.True(r.IsConflict, r.ToString()));
        var versions = await Scope((cm, _) => cm.GetVersionsAsync(id));
        var version = Assert.Single(versions);
        Assert.True(version.Latest && version.Published);
    }

    [Theory]
    [InlineData("Latest")]
    [InlineData("Published")]
    public async Task The_database_refuses_a_second_latest_or_published_version_of_an_item(string flag)
    {
        var type = await StoryTypeAsync();
        var item = Ok(await CreateAsync(type, "Only one", publish: true));

        var write = () => Host.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Database.ExecuteSqlRawAsync("""
            INSERT INTO "ContentItems" ("ContentItemId", "ContentItemVersionId", "ContentType", "DisplayText", "Latest", "Published",
              "CreatedUtc", "ModifiedUtc", "ConcurrencyStamp", "Data")
            SELECT "ContentItemId", {0}, "ContentType", 'Second', {2}, {3},
              "CreatedUtc", "ModifiedUtc", 'x', "Data" FROM "ContentItems" WHERE "ContentItemId" = {1}
            """, IdGenerator.NewId(), item.ContentItemId, flag == "Latest", flag == "Published"));

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(write);
        Assert.Single(await Scope((cm, _) => cm.GetVersionsAsync(item.ContentItemId)));
    }
}
