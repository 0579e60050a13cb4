using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content.Definitions;
using Portal.Core.Data;
using Portal.Core.Recipes;
using Portal.Testing;
using Portal.Wishes.Handlers;

namespace Portal.Wishes.Tests;

/// <summary>The module owns the micro-wish content types; the setup recipe brings only demo content, roles, settings and workflows.</summary>
public sealed class WishTypesTests
{
    private static Task<ContentDefinitionDocument> DefinitionsAsync(PortalTestHost host) =>
        host.InScopeAsync(sp => sp.GetRequiredService<ContentDefinitionStore>().GetAsync());

    [Fact]
    public async Task A_fresh_portal_has_the_wish_types_with_every_field_the_domain_reads_and_personal_data_marked()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProvider.Sqlite);
        var definitions = await DefinitionsAsync(host);
        var wish = definitions.ContentParts.Single(p => p.Name == WishFields.Type);
        var read = typeof(WishFields).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name != nameof(WishFields.Type)).Select(f => (string)f.GetRawConstantValue()!);
        var recipe = (await host.InScopeAsync(sp => sp.GetRequiredService<IRecipeCatalog>().FindAsync("micro-wish")))!;

        Assert.Empty(new[] { "Community", "Campaign", "Story", "Wish", "Volunteer", "Organisation" }.Except(definitions.ContentTypes.Select(t => t.Name)));
        Assert.Empty(read.Except(wish.Fields.Select(f => f.Name)));
        Assert.Equal(["WisherName", "Phone", "Address", "IdNumber", "HealthNotes", "IncomeNotes"], wish.Fields.Where(f => f.Sensitive).Select(f => f.Name));
        Assert.DoesNotContain((await RecipeReader.ReadFileAsync(recipe.FilePath)).Steps, s => RecipeDocument.StepName(s) == "ContentDefinition");
    }

    [Fact]
    public async Task A_field_an_administrator_adds_to_the_wish_stays_after_a_restart_and_the_setup_recipe()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProvider.Sqlite);
        var errors = await host.InScopeAsync(sp => sp.GetRequiredService<ContentDefinitionStore>().AlterAsync(d =>
        {
            var wish = d.ContentParts.Single(p => p.Name == WishFields.Type);
            wish.Fields.Add(new ContentPartFieldDefinition { Name = "Floor", FieldName = "TextField", DisplayName = "楼层" });
            wish.Fields.Single(f => f.Name == WishFields.ItemText).DisplayName = "想要的东西";
        }));
        Assert.Empty(errors);

        await using var restarted = await PortalTestHost.StartOnAsync(host.Database);
        var result = await restarted.InScopeAsync(async sp => await sp.GetRequiredService<IRecipeExecutor>()
            .ExecuteAsync((await sp.GetRequiredService<IRecipeCatalog>().FindAsync("micro-wish"))!));

        Assert.True(result.Succeeded, result.Failure?.ToString());
        var fields = (await DefinitionsAsync(restarted)).ContentParts.Single(p => p.Name == WishFields.Type).Fields;
        Assert.Equal("楼层", fields.Single(f => f.Name == "Floor").DisplayName);
        Assert.Equal("想要的东西", fields.Single(f => f.Name == WishFields.ItemText).DisplayName);
    }
}
