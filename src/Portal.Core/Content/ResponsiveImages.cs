namespace Portal.Core.Content;

/// <summary>
/// The widths the media endpoint makes smaller copies at (<c>/media/lamp.jpg?w=960</c>), and the <c>srcset</c> that
/// offers them. A fixed list: any width a URL could ask for would let anyone fill the disk with copies.
/// </summary>
public static class ResponsiveImages
{
    public static readonly IReadOnlyList<int> Widths = [480, 960, 1600];

    /// <summary>A copy is never wider than its original, which is then sent instead.</summary>
    public static string SrcSet(string url) => string.Join(", ", Widths.Select(w => $"{url}?w={w} {w}w"));
}
