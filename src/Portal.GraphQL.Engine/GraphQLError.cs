using Portal.GraphQL.Engine.Language;

namespace Portal.GraphQL.Engine;

/// <summary>An error as the response reports it: message, source locations and, for field errors, the response path.</summary>
public sealed class GraphQLError(string message, IReadOnlyList<Location>? locations = null, IReadOnlyList<object>? path = null,
    IReadOnlyDictionary<string, object?>? extensions = null)
{
    public string Message { get; } = message;
    public IReadOnlyList<Location> Locations { get; } = locations ?? [];
    public IReadOnlyList<object>? Path { get; } = path;
    public IReadOnlyDictionary<string, object?>? Extensions { get; } = extensions;

    public override string ToString() =>
        Message + (Locations.Count > 0 ? " (" + string.Join(", ", Locations.Select(l => $"{l.Line}:{l.Column}")) + ")" : "");
}

/// <summary>Thrown by the lexer and parser; carries one location.</summary>
public sealed class GraphQLSyntaxException(string message, Location location) : Exception(message)
{
    public Location Location { get; } = location;
    public GraphQLError ToError() => new("Syntax Error: " + Message, [Location]);
}

/// <summary>Thrown by a resolver to report a field error with a message meant for the client.</summary>
public class GraphQLFieldException(string message, IReadOnlyDictionary<string, object?>? extensions = null) : Exception(message)
{
    public IReadOnlyDictionary<string, object?>? Extensions { get; } = extensions;
}
