using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content.Definitions;
using Portal.Core.Recipes;
using Portal.Search.Recipes;
using Portal.Search.Services;

namespace Portal.Search.Tests.Services;

public abstract partial class SearchSuite
{
    [Fact]
    public async Task The_recipe_step_names_what_it_cannot_find_and_changes_nothing()
    {
        var errors = await Host.InScopeAsync(async sp =>
        {
            var step = new RecipeStepContext(new JsonObject
            {
                ["ContentTypes"] = new JsonObject { ["Story"] = new JsonArray("TitlePart", "Headline"), ["Poster"] = new JsonArray("TitlePart") },
            }, 3, "", sp);
            await new SearchIndexSettingsStep().ExecuteAsync(step);
            return step.Errors;
        });

        Assert.Contains("ContentTypes.Story: the type has no part or field named 'Headline'.", errors);
        Assert.Contains("ContentTypes.Poster: there is no content type named 'Poster'.", errors);
        var story = await Host.InScopeAsync(async sp => (await sp.GetRequiredService<ContentDefinitionStore>().GetAsync()).ContentParts.First(p => p.Name == "Story"));
        Assert.True(SearchIndexSettings.IsIncluded(story.Fields.First(f => f.Name == "Subtitle").Settings));
    }

    [Fact]
    public async Task The_recipe_step_indexes_published_items_of_a_type_it_makes_searchable()
    {
        var m = Marker();
        var community = await ItemAsync("Community", $"梧桐社区 {m}");
        Assert.Empty(await IdsAsync(m));

        var errors = await Host.InScopeAsync(async sp =>
        {
            var step = new RecipeStepContext(new JsonObject { ["ContentTypes"] = new JsonObject { ["Community"] = new JsonArray("TitlePart") } }, 0, "", sp);
            await new SearchIndexSettingsStep().ExecuteAsync(step);
            return step.Errors;
        });

        Assert.Empty(errors);
        Assert.Equal([community], await IdsAsync(m));
    }
}
