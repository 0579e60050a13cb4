using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Testing;
using Portal.Theme.News.Desk;
using Portal.Wishes.Models;
using Portal.Wishes.Services;

namespace Portal.Theme.News.Tests;

/// <summary>The demo site with a scheduler that looks every second.</summary>
public sealed class DeskServer() : SetUpPortalServer(DatabaseProvider.Sqlite, "micro-wish",
    new Dictionary<string, string?> { ["Portal:Desk:PollSeconds"] = "1" });

public class DeskTests(DeskServer server) : IClassFixture<DeskServer>
{
    private async Task<HttpClient> EditorAsync() =>
        await server.NewSignedInClientAsync("editor" + Guid.NewGuid().ToString("N")[..8], "Editor");

    private async Task<string> DraftStoryAsync(string title)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var story = (await content.NewAsync("Story"))!;
        story.Part("TitlePart")["Title"] = title;
        story.Part("HtmlBodyPart")["Html"] = "<p>草稿正文。</p>";
        var result = await content.CreateAsync(story);
        Assert.True(result.Succeeded, result.ToString());
        return result.Item!.ContentItemId;
    }

    private async Task<ContentItem?> PublishedAsync(string id)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ContentManager>().GetAsync(id);
    }

    [Fact]
    public async Task A_scheduled_story_is_published_at_its_time_and_a_time_in_the_past_is_refused()
    {
        using var editor = await EditorAsync();
        var id = await DraftStoryAsync("定时发布的报道" + Guid.NewGuid().ToString("N")[..4]);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        string Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, zone).ToString("yyyy-MM-ddTHH:mm:ss");

        var past = await PortalServer.PostFormAsync(editor, $"/admin/desk/{id}/schedule", new() { ["publishAt"] = Local(DateTime.UtcNow.AddMinutes(-5)) }, "/admin/desk");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, past.StatusCode);

        var soon = await PortalServer.PostFormAsync(editor, $"/admin/desk/{id}/schedule", new() { ["publishAt"] = Local(DateTime.UtcNow.AddSeconds(3)) }, "/admin/desk");
        Assert.Equal(HttpStatusCode.Redirect, soon.StatusCode);
        Assert.Null(await PublishedAsync(id));
        Assert.Contains("定时发布的报道", await editor.GetStringAsync("/admin/desk"));

        ContentItem? published = null;
        for (var i = 0; i < 40 && published is null; i++)
        {
            await Task.Delay(500);
            published = await PublishedAsync(id);
        }
        Assert.NotNull(published);
    }

    [Fact]
    public async Task Only_a_user_who_may_publish_is_offered_the_schedule_forms()
    {
        var id = await DraftStoryAsync("待排期的报道" + Guid.NewGuid().ToString("N")[..4]);
        await server.CreateRoleAsync("Writer", "AccessAdmin", "EditContent");
        using var writer = await server.NewSignedInClientAsync("writer" + Guid.NewGuid().ToString("N")[..8], "Writer");
        using var editor = await EditorAsync();

        var writersDesk = await writer.GetStringAsync("/admin/desk");
        var editorsDesk = await editor.GetStringAsync("/admin/desk");

        Assert.Contains($"/admin/desk/{id}/share", writersDesk);
        Assert.DoesNotContain($"/admin/desk/{id}/schedule", writersDesk);
        Assert.Contains($"/admin/desk/{id}/schedule", editorsDesk);
    }

    [Fact]
    public async Task A_due_schedule_fires_once_even_when_two_publishers_run_at_the_same_moment()
    {
        var id = await DraftStoryAsync("只发布一次" + Guid.NewGuid().ToString("N")[..4]);
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.Add(new ScheduledPublicationRecord { ContentItemId = id, PublishAtUtc = DateTime.UtcNow.AddMinutes(-1), Status = ScheduleStatus.Pending });
            await db.SaveChangesAsync();
        }
        var publisher = server.Services.GetRequiredService<ScheduledPublisher>();

        var runs = await Task.WhenAll(publisher.RunOnceAsync(), publisher.RunOnceAsync(), publisher.RunOnceAsync());

        await using var check = server.Services.CreateAsyncScope();
        var rows = await check.ServiceProvider.GetRequiredService<PortalDbContext>().Set<ScheduledPublicationRecord>().AsNoTracking()
            .Where(s => s.ContentItemId == id).ToListAsync();
        Assert.Equal(ScheduleStatus.Done, Assert.Single(rows).Status);
        Assert.NotNull(await PublishedAsync(id));
        Assert.True(runs.Sum() <= 1, "the schedule was published by at most one run (the background publisher may have taken it)");
    }

    [Fact]
    public async Task A_share_link_shows_the_draft_to_a_reviewer_without_an_account_until_it_expires()
    {
        using var editor = await EditorAsync();
        var title = "待审阅的报道" + Guid.NewGuid().ToString("N")[..4];
        var id = await DraftStoryAsync(title);

        var page = await (await PortalServer.PostFormAsync(editor, $"/admin/desk/{id}/share", [], "/admin/desk")).Content.ReadAsStringAsync();
        var link = Regex.Match(page, "value=\"http://[^/]+(/preview/[^\"]+)\"").Groups[1].Value;
        using var reviewer = server.NewClient();
        var shown = await reviewer.GetAsync(link);
        var tampered = await reviewer.GetAsync(link[..^3] + "abc");
        var protector = server.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Portal.Theme.News.Preview").ToTimeLimitedDataProtector();
        var expired = await reviewer.GetAsync("/preview/" + protector.Protect(id, DateTimeOffset.UtcNow.AddMinutes(-1)));

        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        var html = await shown.Content.ReadAsStringAsync();
        Assert.Contains(title, html);
        Assert.Contains("<meta name=\"robots\" content=\"noindex, nofollow\">", html);
        Assert.Equal("no-store", shown.Headers.CacheControl!.ToString());
        Assert.Equal(HttpStatusCode.NotFound, tampered.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync("/stories/" + id)).StatusCode);
    }

    [Fact]
    public async Task The_preview_shows_the_latest_draft_in_the_public_look_to_editors_only()
    {
        using var editor = await EditorAsync();
        var id = await DraftStoryAsync("预览中的报道");
        using var anonymous = server.NewClient();

        var preview = await editor.GetStringAsync($"/admin/desk/{id}/preview");

        Assert.Contains("class=\"masthead\"", preview);
        Assert.Contains("<h1>预览中的报道</h1>", preview);
        Assert.Contains("preview-banner", preview);
        Assert.Equal("/login", (await anonymous.GetAsync($"/admin/desk/{id}/preview")).Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task A_story_is_started_from_a_verified_wish_with_the_wish_and_its_campaign_filled_in()
    {
        using var editor = await EditorAsync();
        string wishId;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
            wishId = (await content.QueryAsync(new ContentQuery { Types = ["Wish"], DisplayTextContains = "煤改电后缺一台取暖器" })).Items.Single().ContentItemId;
            await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<WishIndexRecord>().Where(w => w.WishId == wishId)
                .ExecuteUpdateAsync(w => w.SetProperty(r => r.Status, WishStatus.Verified));
        }
        Assert.Contains("煤改电后缺一台取暖器", await editor.GetStringAsync("/admin/desk"));

        var created = await PortalServer.PostFormAsync(editor, $"/admin/desk/from-wish/{wishId}", [], "/admin/desk");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var storyId = Regex.Match(created.Headers.Location!.OriginalString, "/admin/content/([^/]+)/edit").Groups[1].Value;
        await using var check = server.Services.CreateAsyncScope();
        var story = (await check.ServiceProvider.GetRequiredService<ContentManager>().GetAsync(storyId, VersionOptions.Latest))!;
        Assert.Contains("煤改电后缺一台取暖器", story.DisplayText);
        Assert.Equal(wishId, story.Content["Story"]!["RelatedWishes"]!["ContentItemIds"]![0]!.GetValue<string>());
        Assert.False(story.Published);
    }
}
