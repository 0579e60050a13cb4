namespace Portal.Core.Recipes;

/// <summary>
/// The files a recipe run wrote, so that a failed run can take them back: new files are deleted and
/// overwritten ones get their old bytes again. One per scope, shared by the executor and its steps.
/// </summary>
public sealed class RecipeFileJournal
{
    private readonly List<(string Path, byte[]? Previous)> entries = [];

    public async Task WriteAsync(string path, byte[] content)
    {
        var previous = File.Exists(path) ? await File.ReadAllBytesAsync(path) : null;
        entries.Add((path, previous));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, content);
    }

    public async Task UndoAsync()
    {
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            var (path, previous) = entries[i];
            if (previous is null) File.Delete(path);
            else await File.WriteAllBytesAsync(path, previous);
        }
        entries.Clear();
    }

    public void Forget() => entries.Clear();
}
