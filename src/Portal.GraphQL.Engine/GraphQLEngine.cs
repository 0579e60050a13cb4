using Portal.GraphQL.Engine.Execution;
using Portal.GraphQL.Engine.Language;
using Portal.GraphQL.Engine.Types;
using Portal.GraphQL.Engine.Validation;

namespace Portal.GraphQL.Engine;

/// <summary>A request as GraphQL-over-HTTP carries it, plus what the host passes to resolvers.</summary>
public sealed record ExecutionRequest
{
    public required string Query { get; init; }
    public string? OperationName { get; init; }
    public IReadOnlyDictionary<string, object?>? Variables { get; init; }
    public object? RootValue { get; init; }
    public object? UserContext { get; init; }

    /// <summary>Operation types this request may run (GET allows only queries); null allows all.</summary>
    public IReadOnlySet<OperationType>? AllowedOperations { get; init; }
}

/// <summary>Limits a request must stay within; exceeding one is an error that names the limit.</summary>
public sealed record ExecutionOptions
{
    public int MaxQueryLength { get; init; } = 100_000;
    public int MaxDepth { get; init; } = 15;
    public int MaxComplexity { get; init; } = 5_000;
    /// <summary>The multiplier for a list field without a <c>first</c> argument.</summary>
    public int AssumedListSize { get; init; } = 10;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
    public ParserOptions Parser { get; init; } = ParserOptions.Default;
    /// <summary>Whether unexpected resolver exceptions show their message (true for tests and tools, false for partners).</summary>
    public bool ExposeExceptionMessages { get; init; } = true;
    public static ExecutionOptions Default { get; } = new();
}

/// <summary>Parse, validate, check limits, coerce variables and execute: the whole pipeline behind one call.</summary>
public static class GraphQLEngine
{
    public static ExecutionResult Prepare(Schema schema, ExecutionRequest request, ExecutionOptions options, out PreparedOperation? prepared)
    {
        prepared = null;
        if (request.Query.Length > options.MaxQueryLength)
            return Limit($"Query is too long: {request.Query.Length} characters exceeds the limit maxQueryLength of {options.MaxQueryLength}.", "maxQueryLength");
        Document document;
        try
        {
            document = Parser.Parse(request.Query, options.Parser);
        }
        catch (GraphQLSyntaxException ex)
        {
            return ExecutionResult.RequestError(RequestFailure.Syntax, [ex.ToError()]);
        }
        var (operation, selectionError) = SelectOperation(document, request.OperationName);
        // A method that may not run this kind of operation is refused before validation (GraphQL over HTTP: GET and mutations).
        if (operation is not null && request.AllowedOperations is { } allowed && !allowed.Contains(operation.Operation))
            return ExecutionResult.RequestError(RequestFailure.OperationNotAllowed, [new GraphQLError(
                $"Cannot run a {operation.Operation.ToString().ToLowerInvariant()} operation with this request; use POST.",
                [document.Source.LocationOf(operation.Start)])]);

        var errors = Validator.Validate(schema, document);
        if (errors.Count > 0) return ExecutionResult.RequestError(RequestFailure.Validation, errors);
        if (operation is null) return ExecutionResult.RequestError(RequestFailure.OperationSelection, [new GraphQLError(selectionError!)]);

        var (variables, variableErrors) = Values.CoerceVariableValues(schema, operation, document.Source, request.Variables);
        if (variableErrors.Count > 0) return ExecutionResult.RequestError(RequestFailure.VariableCoercion, variableErrors);

        var fragments = document.Fragments.GroupBy(f => f.Name.Value).ToDictionary(g => g.Key, g => g.First());
        var cost = QueryCost.Measure(schema, operation, fragments, variables, options.AssumedListSize);
        if (cost.Depth > options.MaxDepth)
            return Limit($"Query is too deep: depth {cost.Depth} exceeds the limit maxDepth of {options.MaxDepth}.", "maxDepth");
        if (cost.Complexity > options.MaxComplexity)
            return Limit($"Query is too complex: complexity {cost.Complexity} exceeds the limit maxComplexity of {options.MaxComplexity}.", "maxComplexity");

        prepared = new PreparedOperation(document, operation, fragments, variables);
        return new ExecutionResult(null, []);
    }

    public static async Task<ExecutionResult> ExecuteAsync(Schema schema, ExecutionRequest request, ExecutionOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options ??= ExecutionOptions.Default;
        var failure = Prepare(schema, request, options, out var prepared);
        return prepared is null ? failure : await ExecutePreparedAsync(schema, request, prepared, options, cancellationToken);
    }

    /// <summary>Executes an operation <see cref="Prepare"/> accepted, so a host can check it (scopes, methods) in between.</summary>
    public static async Task<ExecutionResult> ExecutePreparedAsync(Schema schema, ExecutionRequest request, PreparedOperation prepared,
        ExecutionOptions options, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        var context = new Execution.ExecutionContext
        {
            Schema = schema,
            Request = request,
            Document = prepared.Document,
            Operation = prepared.Operation,
            Fragments = prepared.Fragments,
            Variables = prepared.Variables,
            ExposeExceptionMessages = options.ExposeExceptionMessages,
            CancellationToken = timeout.Token,
        };
        try
        {
            return await new Executor(context).ExecuteAsync(request.RootValue);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new ExecutionResult(null, [LimitError($"Query timed out: it ran longer than the limit timeout of {options.Timeout.TotalMilliseconds:0} ms.", "timeout")]);
        }
    }

    private static (OperationDefinition? Operation, string? Error) SelectOperation(Document document, string? operationName)
    {
        var operations = document.Operations.ToList();
        if (operationName is { Length: > 0 } name)
            return operations.FirstOrDefault(o => o.Name?.Value == name) is { } named ? (named, null) : (null, $"Unknown operation named \"{name}\".");
        return operations.Count switch
        {
            1 => (operations[0], null),
            0 => (null, "Must provide an operation."),
            _ => (null, "Must provide operation name if query contains multiple operations."),
        };
    }

    private static ExecutionResult Limit(string message, string limit) =>
        ExecutionResult.RequestError(RequestFailure.Limit, [LimitError(message, limit)]);

    private static GraphQLError LimitError(string message, string limit) =>
        new(message, extensions: new Dictionary<string, object?> { ["code"] = "LIMIT_EXCEEDED", ["limit"] = limit });
}

public sealed record PreparedOperation(Document Document, OperationDefinition Operation,
    IReadOnlyDictionary<string, FragmentDefinition> Fragments, IReadOnlyDictionary<string, object?> Variables)
{
    /// <summary>
    /// The root fields the operation selects, through fragments, each with its coerced arguments (for access checks that
    /// depend on them). Arguments that do not coerce are left empty: execution reports them.
    /// </summary>
    public IReadOnlyList<(string Name, IReadOnlyDictionary<string, object?> Arguments)> RootFields(Schema schema)
    {
        var root = schema.RootType(Operation.Operation);
        var fields = new List<(string, IReadOnlyDictionary<string, object?>)>();
        var visited = new HashSet<string>();
        Collect(Operation.SelectionSet);
        return fields;

        void Collect(SelectionSet set)
        {
            foreach (var selection in set.Selections)
                switch (selection)
                {
                    case Field field: fields.Add((field.Name.Value, Arguments(field))); break;
                    case InlineFragment inline: Collect(inline.SelectionSet); break;
                    case FragmentSpread spread when visited.Add(spread.Name.Value) && Fragments.TryGetValue(spread.Name.Value, out var fragment):
                        Collect(fragment.SelectionSet);
                        break;
                }
        }

        IReadOnlyDictionary<string, object?> Arguments(Field field)
        {
            if (root?.GetField(field.Name.Value) is not { } definition) return new Dictionary<string, object?>();
            try
            {
                return Values.CoerceArguments(definition.Arguments, field.Arguments, Variables, definition.Name);
            }
            catch (ArgumentCoercionException)
            {
                return new Dictionary<string, object?>();
            }
        }
    }
}

/// <summary>
/// Depth and complexity of an operation with fragments expanded. A field costs 1 times the sizes of the lists
/// above it; a list field's size is its <c>first</c> argument when given. Introspection is bounded by the schema and not counted.
/// </summary>
internal static class QueryCost
{
    public static (int Depth, long Complexity) Measure(Schema schema, OperationDefinition operation, IReadOnlyDictionary<string, FragmentDefinition> fragments,
        IReadOnlyDictionary<string, object?> variables, int assumedListSize)
    {
        var depth = 0;
        long complexity = 0;
        Walk(operation.SelectionSet, schema.RootType(operation.Operation), 1, 1, []);
        return (depth, complexity);

        void Walk(SelectionSet set, NamedType? type, int level, long multiplier, HashSet<string> path)
        {
            foreach (var selection in set.Selections)
            {
                if (complexity > int.MaxValue) return;
                switch (selection)
                {
                    case Field field when field.Name.Value.StartsWith("__", StringComparison.Ordinal):
                        break;
                    case Field field:
                        depth = Math.Max(depth, level);
                        complexity += multiplier;
                        var fieldType = (type as ComplexType)?.GetField(field.Name.Value)?.Type;
                        if (field.SelectionSet is not null)
                            Walk(field.SelectionSet, fieldType?.Unwrap(), level + 1, multiplier * ListSize(field, fieldType), path);
                        break;
                    case InlineFragment inline:
                        Walk(inline.SelectionSet, inline.TypeCondition is null ? type : schema.GetType(inline.TypeCondition.Name.Value), level, multiplier, path);
                        break;
                    case FragmentSpread spread when fragments.TryGetValue(spread.Name.Value, out var fragment) && path.Add(spread.Name.Value):
                        Walk(fragment.SelectionSet, schema.GetType(fragment.TypeCondition.Name.Value), level, multiplier, path);
                        path.Remove(spread.Name.Value);
                        break;
                }
            }
        }

        long ListSize(Field field, GraphQLType? fieldType)
        {
            var first = field.Arguments.FirstOrDefault(a => a.Name.Value is "first" or "last");
            if (first is null) return fieldType?.Nullable is ListType ? assumedListSize : 1;
            var value = Values.ValueFromAst(first.Value, Scalars.Int, variables);
            return value is int n && n > 0 ? n : 1;
        }
    }
}
