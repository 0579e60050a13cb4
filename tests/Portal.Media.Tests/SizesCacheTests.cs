using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Media;
using Portal.Media.Services;
using Portal.Testing;

namespace Portal.Media.Tests;

/// <summary>The smaller copies' folder: where it is, how large it may grow, and that deleted images take their copies along.</summary>
public class SizesCacheTests(MediaServer server) : IClassFixture<MediaServer>
{
    private sealed class SizesServer(IDictionary<string, string?> settings) : SetUpPortalServer(DatabaseProvider.Sqlite, null, settings)
    {
        public string MediaFolder => Path.Combine(Database.DataPath, "media");
    }

    private static readonly byte[] Photo = TestImages.Png(2000, 1000);

    private static async Task<int> CopyLengthAsync(PortalServer portal, string folder, string name)
    {
        File.WriteAllBytes(Path.Combine(folder, name), Photo);
        using var client = portal.NewClient();
        var response = await client.GetAsync($"/media/{name}?w=960");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }

    [Fact]
    public async Task Copies_beyond_the_limit_go_least_recently_sent_first_into_the_configured_folder_and_come_back_when_asked_for()
    {
        var copy = await CopyLengthAsync(server, server.MediaFolder, "measure.png");
        // Room for two copies and a half: a third takes the folder past it, and the trim leaves two (below 90 %).
        await using var portal = new SizesServer(new Dictionary<string, string?>
        {
            ["Portal:Media:SizesPath"] = "thumbs",
            ["Portal:Media:SizesMaxBytes"] = (copy * 5 / 2).ToString(),
        });
        await portal.InitializeAsync();
        var folder = Path.Combine(portal.Database.DataPath, "thumbs", "960");
        Assert.Equal(Path.Combine(portal.Database.DataPath, "thumbs"), portal.Services.GetRequiredService<ResizedImages>().Folder);

        Assert.Equal(copy, await CopyLengthAsync(portal, portal.MediaFolder, "a.png"));
        Assert.Equal(copy, await CopyLengthAsync(portal, portal.MediaFolder, "b.png"));
        File.SetLastAccessTimeUtc(Path.Combine(folder, "a.png"), DateTime.UtcNow.AddHours(-3));
        File.SetLastAccessTimeUtc(Path.Combine(folder, "b.png"), DateTime.UtcNow.AddHours(-2));
        var abandoned = Path.Combine(folder, "c.png.0123.tmp");
        File.WriteAllBytes(abandoned, [1, 2, 3]);
        File.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow.AddHours(-2));
        using var client = portal.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/media/a.png?w=960")).StatusCode); // a is sent again: b is now the oldest

        Assert.Equal(copy, await CopyLengthAsync(portal, portal.MediaFolder, "c.png"));

        await WaitUntil(() => !File.Exists(Path.Combine(folder, "b.png")));
        Assert.True(File.Exists(Path.Combine(folder, "a.png")));
        Assert.True(File.Exists(Path.Combine(folder, "c.png")));
        Assert.False(File.Exists(abandoned));
        Assert.False(Directory.Exists(Path.Combine(portal.Database.DataPath, "media-sizes")));

        var again = await client.GetAsync("/media/b.png?w=960");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(new ImageInfo(ImageFormat.Png, 960, 480), ImageFile.Identify(await again.Content.ReadAsByteArrayAsync()));
        Assert.True(File.Exists(Path.Combine(folder, "b.png")));
    }

    [Fact]
    public async Task A_limit_of_no_bytes_stops_start_up_with_a_message()
    {
        await using var portal = new SizesServer(new Dictionary<string, string?> { ["Portal:Media:SizesMaxBytes"] = "0" });
        var error = await Assert.ThrowsAnyAsync<Exception>(portal.InitializeAsync);
        Assert.Contains("Portal:Media:SizesMaxBytes must be a number of bytes above 0", error.ToString());
    }

    [Fact]
    public async Task Deleting_an_image_from_the_library_removes_its_copies()
    {
        await server.CreateRoleAsync("MediaEditor", "AccessAdmin", "ManageMedia");
        using var editor = await server.NewSignedInClientAsync("sizes" + Guid.NewGuid().ToString("N")[..8], "MediaEditor");
        var name = $"gone-{Guid.NewGuid():N}.png";
        await CopyLengthAsync(server, server.MediaFolder, name);
        using (var client = server.NewClient()) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/media/{name}?w=480")).StatusCode);
        var sizes = server.Services.GetRequiredService<ResizedImages>().Folder;
        Assert.True(File.Exists(Path.Combine(sizes, "960", name)) && File.Exists(Path.Combine(sizes, "480", name)));

        var deleted = await PortalServer.PostFormAsync(editor, "/admin/media/delete", new() { ["path"] = name }, "/admin/media/delete?path=" + name);

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(File.Exists(Path.Combine(server.MediaFolder, name)));
        Assert.False(File.Exists(Path.Combine(sizes, "960", name)));
        Assert.False(File.Exists(Path.Combine(sizes, "480", name)));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 50)
        {
            Assert.True(waited < 10_000, "the trim did not happen within 10 s");
            await Task.Delay(50);
        }
    }
}
