using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Testing;

namespace Portal.Cluster.Tests;

/// <summary>The public pages' output cache, which each node keeps in its own memory.</summary>
public sealed partial class MultiNodeTests
{
    [Fact]
    public async Task A_story_published_elsewhere_evicts_the_page_node_B_had_cached()
    {
        var (id, path, title) = await cluster.Admin.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            var storyId = await db.Set<ContentItemRecord>().Where(r => r.ContentType == "Story" && r.Published).Select(r => r.ContentItemId).FirstAsync();
            var story = (await sp.GetRequiredService<ContentManager>().GetAsync(storyId, VersionOptions.Published))!;
            return (storyId, "/" + story.Part("AutoroutePart")["Path"]!.GetValue<string>().TrimStart('/'), story.DisplayText);
        });
        using var reader = cluster.Nodes[1].NewClient();
        Assert.Contains(WebUtility.HtmlEncode(title), await reader.GetStringAsync(path));

        // Changed behind the portal's back (no signal): node B keeps serving its cached page.
        var unsignalled = title + " 未经通知";
        var changed = await InDbAsync(async db =>
        {
            var data = JsonNode.Parse(await db.Set<ContentItemRecord>().Where(r => r.ContentItemId == id && r.Published).Select(r => r.Data).FirstAsync())!;
            data["TitlePart"]!["Title"] = unsignalled;
            return await db.Set<ContentItemRecord>().Where(r => r.ContentItemId == id && r.Published)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Data, data.ToJsonString()).SetProperty(r => r.DisplayText, unsignalled));
        });
        Assert.Equal(1, changed);
        using (var uncached = cluster.Nodes[0].NewClient())
            Assert.Contains(WebUtility.HtmlEncode(unsignalled), await uncached.GetStringAsync(path + "?fresh=" + Guid.NewGuid().ToString("N")));
        Assert.DoesNotContain(WebUtility.HtmlEncode(unsignalled), await reader.GetStringAsync(path));

        var republished = title + " 更新";
        await cluster.Admin.InScopeAsync(async sp =>
        {
            var content = sp.GetRequiredService<ContentManager>();
            var story = (await content.GetAsync(id, VersionOptions.Latest))!;
            story.Part("TitlePart")["Title"] = republished;
            var saved = await content.UpdateAsync(story);
            Assert.True(saved.Succeeded, saved.ToString());
            var published = await content.PublishAsync(id);
            Assert.True(published.Succeeded, published.ToString());
        });
        var watch = Stopwatch.StartNew();
        var askedAt = TimeSpan.Zero;
        while (!(await reader.GetStringAsync(path)).Contains(WebUtility.HtmlEncode(republished)))
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), "node B still served its cached page 5 s after the publish");
            await Task.Delay(10);
            askedAt = watch.Elapsed;
        }
        output.WriteLine($"Node B served the republished story to a request sent {askedAt.TotalMilliseconds:F0} ms after the publish committed");
        Assert.True(askedAt < TimeSpan.FromSeconds(1));
    }
}
