namespace Portal.Core.Media;

public static class BoundedRead
{
    /// <summary>
    /// All the bytes of the stream, or null when it holds more than <paramref name="limit"/>. Reading stops one chunk
    /// past the limit, so an upload that lies about its length (or sends none) costs no more memory than the limit.
    /// </summary>
    public static async Task<byte[]?> ReadAtMostAsync(this Stream source, long limit, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
