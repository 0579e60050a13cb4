using System.Text;
using Portal.Core.Media;
using Portal.Testing;

namespace Portal.Core.Tests.Recipes;

public abstract partial class RecipeSuite
{
    [Fact]
    public async Task Settings_groups_are_merged_into_the_stored_ones()
    {
        var group = Unique("Group");
        Ok(await RunJsonAsync(Recipe($$"""{ "name": "settings", "{{group}}": { "SiteName": "旧", "TimeZone": "Asia/Shanghai" } }""")));

        Ok(await RunJsonAsync(Recipe($$"""{ "name": "settings", "{{group}}": { "SiteName": "新" } }""")));

        var settings = await SettingsAsync(group);
        Assert.Equal("新", settings["SiteName"]!.GetValue<string>());
        Assert.Equal("Asia/Shanghai", settings["TimeZone"]!.GetValue<string>());
    }

    [Fact]
    public async Task Media_files_are_copied_from_beside_the_recipe_or_decoded()
    {
        var folder = NewFolder();
        Directory.CreateDirectory(Path.Combine(folder, "files"));
        await File.WriteAllTextAsync(Path.Combine(folder, "files", "lamp.txt"), "路灯");
        var (copied, decoded) = (Unique("stories/lamp-") + ".txt", Unique("banner-") + ".txt");

        Ok(await RunAsync(await WriteRecipeAsync(Recipe($$"""
            { "name": "media", "Files": [
              { "TargetPath": "{{copied}}", "SourcePath": "files/lamp.txt" },
              { "TargetPath": "{{decoded}}", "Base64": "{{Convert.ToBase64String(Encoding.UTF8.GetBytes("横幅"))}}" } ] }
            """), folder)));

        Assert.Equal("路灯", await File.ReadAllTextAsync(MediaPath(copied)));
        Assert.Equal("横幅", await File.ReadAllTextAsync(MediaPath(decoded)));
    }

    [Fact]
    public async Task A_photo_from_a_recipe_is_written_without_its_location_like_an_upload()
    {
        var photo = TestImages.JpegWithGps();
        var target = Unique("stories/lamp-") + ".jpg";

        Ok(await RunJsonAsync(Recipe($$"""{ "name": "media", "Files": [ { "TargetPath": "{{target}}", "Base64": "{{Convert.ToBase64String(photo)}}" } ] }""")));

        var written = await File.ReadAllBytesAsync(MediaPath(target));
        Assert.NotEqual(photo, written);
        Assert.Equal(ImageFile.StripMetadata(ImageFormat.Jpeg, photo), written);
    }

    [Theory]
    [InlineData("lamp.jpg", "text", "'lamp.jpg' is not a JPEG image by its content")]
    [InlineData("lamp.jpg", "png", "'lamp.jpg' is not a JPEG image by its content")]
    [InlineData("banner.png", "cut-jpeg", "'banner.png' is not a PNG image by its content")]
    public async Task A_file_named_as_an_image_that_is_not_that_image_is_refused_and_nothing_of_the_step_is_written(string name, string content, string message)
    {
        var bytes = content switch
        {
            "text" => "<script>alert(1)</script>"u8.ToArray(),
            "png" => TestImages.Png(4, 4),
            _ => TestImages.JpegWithGps()[..60],
        };
        var (written, refused) = (Unique("fine-") + ".txt", Unique("bad-") + name);

        var failure = Failed(await RunJsonAsync(Recipe($$"""
            { "name": "media", "Files": [ { "TargetPath": "{{written}}", "Base64": "eA==" },
              { "TargetPath": "{{refused}}", "Base64": "{{Convert.ToBase64String(bytes)}}" } ] }
            """)));

        Assert.Equal("media", failure.StepName);
        Assert.Contains("Files[1]: " + message.Replace(name, refused), failure.Message);
        Assert.False(File.Exists(MediaPath(written)));
        Assert.False(File.Exists(MediaPath(refused)));
    }

    [Theory]
    [InlineData("""{ "TargetPath": "../escape.txt", "Base64": "eA==" }""", "TargetPath '../escape.txt'")]
    [InlineData("""{ "TargetPath": "a/../../escape.txt", "Base64": "eA==" }""", "TargetPath 'a/../../escape.txt'")]
    [InlineData("""{ "TargetPath": "/tmp/escape.txt", "Base64": "eA==" }""", "TargetPath '/tmp/escape.txt'")]
    [InlineData("""{ "TargetPath": "ok.txt", "SourcePath": "../../portal.db" }""", "SourcePath '../../portal.db'")]
    [InlineData("""{ "TargetPath": "ok.txt", "SourcePath": "/etc/passwd" }""", "SourcePath '/etc/passwd'")]
    public async Task Media_paths_that_leave_their_folder_are_refused_and_nothing_is_written(string file, string named)
    {
        var written = Unique("written") + ".txt";

        var failure = Failed(await RunJsonAsync(Recipe($$"""
            { "name": "media", "Files": [ { "TargetPath": "{{written}}", "Base64": "eA==" }, {{file}} ] }
            """)));

        Assert.Equal("media", failure.StepName);
        Assert.Contains(named, failure.Message);
        Assert.False(File.Exists(MediaPath(written)));
        Assert.False(File.Exists(Path.Combine(Host.Database.DataPath, "escape.txt")));
        Assert.False(File.Exists("/tmp/escape.txt"));
    }

    [Fact]
    public async Task A_failed_recipe_gives_an_overwritten_media_file_its_old_content_back()
    {
        var target = Unique("keep") + ".txt";
        Ok(await RunJsonAsync(Recipe($$"""{ "name": "media", "Files": [ { "TargetPath": "{{target}}", "Base64": "{{Convert.ToBase64String("old"u8.ToArray())}}" } ] }""")));

        Failed(await RunJsonAsync(Recipe(
            $$"""{ "name": "media", "Files": [ { "TargetPath": "{{target}}", "Base64": "{{Convert.ToBase64String("new"u8.ToArray())}}" } ] }""",
            """{ "name": "Wobble" }""")));

        Assert.Equal("old", await File.ReadAllTextAsync(MediaPath(target)));
    }
}
