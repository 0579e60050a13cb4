using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Core.Recipes;
using Portal.Core.Settings;
using Portal.Testing;

namespace Portal.Core.Tests.Recipes;

public abstract partial class RecipeSuite
{
    [Fact]
    public async Task The_micro_wish_recipe_sets_up_a_fresh_portal_with_demo_content()
    {
        await using var fresh = await PortalTestHost.StartAsync(Host.Database.Provider);
        var recipe = await fresh.InScopeAsync(sp => sp.GetRequiredService<IRecipeCatalog>().FindAsync("micro-wish"));
        Assert.NotNull(recipe);
        Assert.True(recipe.IsSetupRecipe);

        var result = await fresh.InScopeAsync(sp => sp.GetRequiredService<IRecipeExecutor>()
            .ExecuteAsync(recipe, new Dictionary<string, string?> { ["SiteName"] = "东湖微心愿" }));

        Ok(result);
        var published = await fresh.InScopeAsync(async sp =>
            (await sp.GetRequiredService<PortalDbContext>().Set<ContentItemRecord>().Where(r => r.Published).ToListAsync())
            .GroupBy(r => r.ContentType).ToDictionary(g => g.Key, g => g.Count()));
        Assert.Equal(3, published["Community"]);
        Assert.Equal(2, published["Campaign"]);
        // The 43 wishes the demo's lives take through review are published; drafts, those under review, returned,
        // rejected and cancelled before review are not.
        Assert.Equal(43, published["Wish"]);
        Assert.Equal(8, published["Volunteer"]);
        Assert.Equal(5, published["Organisation"]);
        Assert.Equal(4, published["Story"]);
        Assert.Equal("东湖微心愿", await fresh.InScopeAsync(sp => sp.GetRequiredService<SiteSettingsStore>().SiteNameAsync()));
    }

    [Fact]
    public async Task The_micro_wish_recipe_links_its_demo_items_and_names_the_site_without_a_parameter()
    {
        await using var fresh = await PortalTestHost.StartAsync(Host.Database.Provider);
        var recipe = (await fresh.InScopeAsync(sp => sp.GetRequiredService<IRecipeCatalog>().FindAsync("micro-wish")))!;

        Ok(await fresh.InScopeAsync(sp => sp.GetRequiredService<IRecipeExecutor>().ExecuteAsync(recipe)));

        await fresh.InScopeAsync(async sp =>
        {
            var content = sp.GetRequiredService<ContentManager>();
            var story = (await content.QueryAsync(new ContentQuery { Types = ["Story"], Take = 10 })).Items.First(s => s.DisplayText == "楼道口亮起了“心愿灯”");
            var wishId = story.Content["Story"]!["RelatedWishes"]!["ContentItemIds"]![0]!.GetValue<string>();
            var wish = (await content.GetAsync(wishId))!;
            Assert.Equal("马奶奶", wish.Content["Wish"]!["Alias"]!["Text"]!.GetValue<string>());
            var communityId = wish.Content["Wish"]!["Community"]!["ContentItemIds"]![0]!.GetValue<string>();
            Assert.Equal("梧桐社区", (await content.GetAsync(communityId))!.DisplayText);
            Assert.Equal("stories/wish-lamp", story.Content["AutoroutePart"]!["Path"]!.GetValue<string>());
            Assert.Equal("微心愿", await sp.GetRequiredService<SiteSettingsStore>().SiteNameAsync());
        });
    }
}
