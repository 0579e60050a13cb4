using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Testing;

namespace Portal.Media.Tests;

/// <summary>A set-up portal with the default media folder and an upload limit of 20 KB.</summary>
public sealed class MediaServer() : SetUpPortalServer(DatabaseProvider.Sqlite, null,
    new Dictionary<string, string?> { ["Portal:Media:MaxUploadBytes"] = "20000" })
{
    public string MediaFolder => Path.Combine(Database.DataPath, "media");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Assert.Equal(MediaFolder, Services.GetRequiredService<Portal.Media.Services.MediaRoot>().Path);
    }
}

public class MediaLibraryTests(MediaServer server) : IClassFixture<MediaServer>
{
    private async Task<HttpClient> EditorAsync()
    {
        await server.CreateRoleAsync("MediaEditor", "AccessAdmin", "ManageMedia");
        return await server.NewSignedInClientAsync("media" + Guid.NewGuid().ToString("N")[..8], "MediaEditor");
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string folder, string fileName, byte[] bytes, string alt = "")
    {
        var token = await PortalServer.AntiforgeryTokenAsync(client, "/admin/media?folder=" + Uri.EscapeDataString(folder));
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(folder), "folder" },
            { new StringContent(alt), "alt" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "files", fileName);
        return await client.PostAsync("/admin/media/upload", form);
    }

    [Fact]
    public async Task An_uploaded_photo_is_served_without_its_location_with_caching_headers_from_the_configured_folder()
    {
        using var editor = await EditorAsync();

        var upload = await UploadAsync(editor, "", "马奶奶 门口.JPG", TestImages.JpegWithGps(), "楼道口新装的灯");

        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        Assert.True(File.Exists(Path.Combine(server.MediaFolder, "马奶奶-门口.jpg")));
        using var reader = server.NewClient();
        var served = await reader.GetAsync("/media/" + Uri.EscapeDataString("马奶奶-门口.jpg"));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal(TimeSpan.FromDays(7), served.Headers.CacheControl!.MaxAge);
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
        var bytes = await served.Content.ReadAsByteArrayAsync();
        Assert.DoesNotContain("PhoneCam", Encoding.Latin1.GetString(bytes));
        Assert.Equal(0xFF, bytes[0]);

        var again = new HttpRequestMessage(HttpMethod.Get, served.RequestMessage!.RequestUri);
        again.Headers.IfNoneMatch.Add(served.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await reader.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_is_refused_with_a_reason_and_nothing_is_written()
    {
        using var editor = await EditorAsync();
        var before = Directory.GetFiles(server.MediaFolder, "*", SearchOption.AllDirectories).Length;

        var upload = await UploadAsync(editor, "", "evil.jpg", Encoding.UTF8.GetBytes("<script>alert(1)</script>"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, upload.StatusCode);
        Assert.Contains("evil.jpg", await upload.Content.ReadAsStringAsync());
        Assert.Equal(before, Directory.GetFiles(server.MediaFolder, "*", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public async Task An_image_over_the_size_limit_is_refused()
    {
        using var editor = await EditorAsync();

        var upload = await UploadAsync(editor, "", "huge.png", TestImages.Png(100, 100, noise: true));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, upload.StatusCode);
        Assert.False(File.Exists(Path.Combine(server.MediaFolder, "huge.png")));
    }

    [Fact]
    public async Task Folders_hold_uploads_and_search_finds_them_by_alt_text_anywhere_in_the_library()
    {
        using var editor = await EditorAsync();
        var folder = "f" + Guid.NewGuid().ToString("N")[..6];
        var created = await PortalServer.PostFormAsync(editor, "/admin/media/folder", new() { ["folder"] = "", ["name"] = folder }, "/admin/media");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(editor, folder, "bag.png", TestImages.Png(8, 8), "崭新的书包" + folder)).StatusCode);

        var listing = await editor.GetStringAsync("/admin/media?folder=" + folder);
        Assert.Contains($"{folder}/bag.png", listing);
        var found = await editor.GetStringAsync("/admin/media?q=" + Uri.EscapeDataString("书包" + folder));
        Assert.Contains($"{folder}/bag.png", found);
        var none = await editor.GetStringAsync("/admin/media?q=nothing-like-this");
        Assert.DoesNotContain($"{folder}/bag.png", none);
    }

    [Fact]
    public async Task Alt_text_can_be_changed_and_a_file_deleted_after_confirming()
    {
        using var editor = await EditorAsync();
        await UploadAsync(editor, "", "radio.png", TestImages.Png(4, 4));
        var path = Directory.GetFiles(server.MediaFolder, "radio*.png").Select(Path.GetFileName).Last()!;

        var alt = await PortalServer.PostFormAsync(editor, "/admin/media/alt", new() { ["path"] = path, ["alt"] = "一台收音机" }, "/admin/media");
        Assert.Equal(HttpStatusCode.Redirect, alt.StatusCode);
        Assert.Contains("value=\"一台收音机\"", await editor.GetStringAsync("/admin/media"));

        var confirm = await editor.GetStringAsync("/admin/media/delete?path=" + Uri.EscapeDataString(path));
        Assert.Contains(path, confirm);
        var deleted = await PortalServer.PostFormAsync(editor, "/admin/media/delete", new() { ["path"] = path }, "/admin/media/delete?path=" + path);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(File.Exists(Path.Combine(server.MediaFolder, path)));
    }

    [Theory]
    [InlineData("/media/..%2Fportal.db")]
    [InlineData("/media/%2E%2E/portal.db")]
    [InlineData("/media/notes.txt")]
    public async Task Nothing_outside_the_library_and_nothing_but_images_is_served(string url)
    {
        File.WriteAllText(Path.Combine(server.MediaFolder, "notes.txt"), "private");
        using var reader = server.NewClient();

        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Only_users_who_may_manage_media_reach_the_library_and_its_upload()
    {
        await server.CreateRoleAsync("Reader", "AccessAdmin");
        using var reader = await server.NewSignedInClientAsync("reader" + Guid.NewGuid().ToString("N")[..8], "Reader");
        using var anonymous = server.NewClient();

        Assert.Equal("/access-denied", (await reader.GetAsync("/admin/media")).Headers.Location!.AbsolutePath);
        Assert.Equal("/access-denied", (await reader.GetAsync("/admin/media/api/")).Headers.Location!.AbsolutePath);
        Assert.Equal("/login", (await anonymous.GetAsync("/admin/media")).Headers.Location!.AbsolutePath);
    }
}
