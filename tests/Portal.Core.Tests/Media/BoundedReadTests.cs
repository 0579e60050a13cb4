using Portal.Core.Media;

namespace Portal.Core.Tests.Media;

public class BoundedReadTests
{
    [Fact]
    public async Task A_stream_of_exactly_the_limit_is_read_whole_and_one_byte_more_is_refused()
    {
        var data = Enumerable.Range(0, 200_000).Select(i => (byte)i).ToArray();

        Assert.Equal(data, await new MemoryStream(data).ReadAtMostAsync(data.Length));
        Assert.Null(await new MemoryStream(data).ReadAtMostAsync(data.Length - 1));
        Assert.Empty((await Stream.Null.ReadAtMostAsync(10))!);
    }
}
