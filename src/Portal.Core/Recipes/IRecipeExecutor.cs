namespace Portal.Core.Recipes;

/// <summary>A recipe file found in the recipes folder.</summary>
public sealed record RecipeDescriptor(string Name, string DisplayName, string Description, bool IsSetupRecipe, string FilePath);

/// <summary>Where a recipe stopped: the step's zero-based index, its name and why.</summary>
public sealed record RecipeFailure(int StepIndex, string StepName, string Message)
{
    public override string ToString() => $"Step {StepIndex + 1} ({StepName}) failed: {Message}";
}

public sealed record RecipeResult(int StepsExecuted, RecipeFailure? Failure)
{
    public bool Succeeded => Failure is null;
}

/// <summary>
/// Runs a recipe in one transaction: all of its steps take effect, or (when a step fails) none do.
/// Parameters are what <c>[js: parameters('Name')]</c> reads, e.g. SiteName, AdminUserId, AdminUsername.
/// </summary>
public interface IRecipeExecutor
{
    Task<RecipeResult> ExecuteAsync(RecipeDescriptor recipe, IReadOnlyDictionary<string, string?>? parameters = null, CancellationToken cancellationToken = default);
}

/// <summary>The recipes the portal ships (the <c>recipes/</c> folder) and recipe files given by path.</summary>
public interface IRecipeCatalog
{
    Task<IReadOnlyList<RecipeDescriptor>> ListAsync();

    /// <summary>A shipped recipe by its <c>name</c> (for example <c>micro-wish</c>), or null.</summary>
    Task<RecipeDescriptor?> FindAsync(string name);

    /// <summary>Reads a recipe file's header; throws <see cref="RecipeFormatException"/> when it is not a recipe.</summary>
    Task<RecipeDescriptor> LoadAsync(string filePath);
}

/// <summary>A recipe file that cannot be read: bad JSON (with line and position) or not a recipe.</summary>
public sealed class RecipeFormatException(string message, Exception? inner = null) : Exception(message, inner);
