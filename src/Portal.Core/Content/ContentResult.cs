namespace Portal.Core.Content;

public enum ContentErrorKind { Validation, NotFound, Conflict }

/// <summary>An expected failure, with the path of the input it concerns (for example <c>Story.Subtitle</c>).</summary>
public sealed record ContentError(string Path, string Message, ContentErrorKind Kind = ContentErrorKind.Validation);

/// <summary>The outcome of a content operation: the item, or the errors that stopped it (nothing was saved).</summary>
public sealed class ContentResult
{
    private ContentResult(ContentItem? item, IReadOnlyList<ContentError> errors)
    {
        Item = item;
        Errors = errors;
    }

    public ContentItem? Item { get; }
    public IReadOnlyList<ContentError> Errors { get; }
    public bool Succeeded => Errors.Count == 0;
    public bool IsConflict => Errors.Any(e => e.Kind == ContentErrorKind.Conflict);
    public bool IsNotFound => Errors.Any(e => e.Kind == ContentErrorKind.NotFound);

    public static ContentResult Success(ContentItem item) => new(item, []);
    public static ContentResult Failure(IReadOnlyList<ContentError> errors) => new(null, errors);
    public static ContentResult Failure(string path, string message, ContentErrorKind kind = ContentErrorKind.Validation) => new(null, [new(path, message, kind)]);

    public override string ToString() => Succeeded ? $"OK {Item}" : string.Join("; ", Errors.Select(e => $"{e.Path}: {e.Message}"));
}

/// <summary>Collects errors during validation; handlers and field kinds add to it.</summary>
public sealed class ContentErrors
{
    private readonly List<ContentError> errors = [];
    public IReadOnlyList<ContentError> All => errors;
    public bool Any => errors.Count > 0;
    public void Add(string path, string message, ContentErrorKind kind = ContentErrorKind.Validation) => errors.Add(new(path, message, kind));
}
