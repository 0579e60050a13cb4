namespace Portal.Contents.Services;

/// <summary>Full-text matches for the content list's search box, besides titles; the search module provides it.</summary>
public interface IContentTextSearch
{
    /// <summary>Ids of items of <paramref name="types"/> whose indexed text matches, best first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<string>> FindIdsAsync(string text, IReadOnlyList<string> types, int max = 200);
}
