using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Portal.Core.Content.Definitions;
using Portal.Core.Data;

namespace Portal.Core.Recipes;

/// <summary>
/// Runs a recipe's steps in order in one transaction. The first failing step (an exception, an expression
/// that cannot be evaluated, or errors it reported) stops the run, the transaction is rolled back and the
/// files the run wrote are taken back, so nothing of the recipe remains.
/// </summary>
public sealed class RecipeExecutor(
    PortalDbContext db,
    IEnumerable<IRecipeStep> steps,
    RecipeFileJournal files,
    DefinitionCache definitionCache,
    IConfiguration configuration,
    IServiceProvider services,
    ILogger<RecipeExecutor> logger) : IRecipeExecutor
{
    private readonly IReadOnlyList<IRecipeStep> steps = steps.ToList();

    public async Task<RecipeResult> ExecuteAsync(RecipeDescriptor recipe, IReadOnlyDictionary<string, string?>? parameters = null, CancellationToken cancellationToken = default)
    {
        var document = await RecipeReader.ReadFileAsync(recipe.FilePath);
        var directory = Path.GetDirectoryName(Path.GetFullPath(recipe.FilePath))!;
        var expressions = new RecipeExpressions(document.Variables, parameters ?? new Dictionary<string, string?>(), configuration, directory);
        logger.LogInformation("Recipe {Recipe}: {Count} steps", document.Name, document.Steps.Count);

        RecipeResult? result = null;
        try
        {
            result = await db.InTransactionAsync(() => RunStepsAsync(document, directory, expressions, cancellationToken), r => r.Succeeded, cancellationToken);
        }
        finally
        {
            if (result is not { Succeeded: true })
            {
                await files.UndoAsync();
                // Definitions read inside the rolled-back transaction must not outlive it.
                definitionCache.Clear();
            }
            files.Forget();
        }
        if (result.Failure is { } failure)
            logger.LogWarning("Recipe {Recipe}: {Failure}; nothing was changed", document.Name, failure);
        else
            logger.LogInformation("Recipe {Recipe}: {Count} steps done", document.Name, result.StepsExecuted);
        return result;
    }

    private async Task<RecipeResult> RunStepsAsync(RecipeDocument document, string directory, RecipeExpressions expressions, CancellationToken cancellationToken)
    {
        for (var index = 0; index < document.Steps.Count; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = RecipeDocument.StepName(document.Steps[index]);
            logger.LogInformation("Recipe {Recipe}: step {Number} ({Step})", document.Name, index + 1, name);
            var reason = await RunStepAsync(document.Steps[index], name, index, directory, expressions);
            if (reason is not null)
                return new RecipeResult(index, new RecipeFailure(index, name, reason));
        }
        return new RecipeResult(document.Steps.Count, null);
    }

    /// <summary>Runs one step; returns why it failed, or null.</summary>
    private async Task<string?> RunStepAsync(JsonObject raw, string name, int index, string directory, RecipeExpressions expressions)
    {
        var step = steps.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
        if (step is null)
            return $"There is no recipe step named '{name}'. Known steps: {string.Join(", ", steps.Select(s => s.Name).Distinct().Order())}.";
        try
        {
            var evaluated = (JsonObject)expressions.Evaluate(raw)!;
            var context = new RecipeStepContext(evaluated, index, directory, services);
            await step.ExecuteAsync(context);
            return context.Errors.Count > 0 ? string.Join("; ", context.Errors) : null;
        }
        catch (RecipeExpressionException e)
        {
            return e.Message;
        }
        // A step that throws is a failure of the recipe, reported with the step's name; the transaction rolls back.
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Recipe step {Step} threw", name);
            // Database errors wrap the useful message ("see the inner exception").
            var cause = e.GetBaseException();
            return cause == e ? e.Message : $"{e.Message} {cause.Message}";
        }
    }
}
