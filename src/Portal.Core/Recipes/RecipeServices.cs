using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Commands;
using Portal.Core.Recipes.Steps;

namespace Portal.Core.Recipes;

public static class RecipeServices
{
    /// <summary>The recipe engine, its core steps (ContentDefinition, content, settings, media), export and commands.</summary>
    public static IServiceCollection AddRecipes(this IServiceCollection services)
    {
        services.AddSingleton<IRecipeCatalog, RecipeCatalog>();
        services.AddScoped<IRecipeExecutor, RecipeExecutor>();
        services.AddScoped<RecipeFileJournal>();
        services.AddScoped<RecipeExporter>();
        services.AddScoped<IRecipeStep, ContentDefinitionStep>();
        services.AddScoped<IRecipeStep, ContentStep>();
        services.AddScoped<IRecipeStep, SettingsStep>();
        services.AddScoped<IRecipeStep, MediaStep>();
        services.AddScoped<IRecipeExportStep, ContentDefinitionExportStep>();
        services.AddScoped<IRecipeExportStep, SettingsExportStep>();
        services.AddScoped<IRecipeExportStep, ContentExportStep>();
        services.AddSingleton<IPortalCommand, ImportRecipeCommand>();
        services.AddSingleton<IPortalCommand, ExportRecipeCommand>();
        services.AddSingleton<IPortalCommand, ListRecipesCommand>();
        return services;
    }
}
