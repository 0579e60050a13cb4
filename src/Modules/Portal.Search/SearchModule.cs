using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Contents.Services;
using Portal.Core.Commands;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Core.Modules;
using Portal.Core.Security;
using Portal.Search.Commands;
using Portal.Search.Handlers;
using Portal.Search.Models;
using Portal.Search.Recipes;
using Portal.Core.Recipes;
using Portal.Search.Services;

namespace Portal.Search;

/// <summary>Chinese-aware full-text search over published content, in the database's own full-text engine.</summary>
public sealed class SearchModule : PortalModule
{
    public override string Name => "Portal.Search";
    public override IReadOnlyList<string> Dependencies => ["Portal.Contents"];
    public override string Description => "Full-text search for Chinese and English: FTS5 on SQLite, tsvector on PostgreSQL.";

    public static readonly Permission ManageSearch = new("ManageSearch", "See the search index and rebuild it", "Search");

    public override IEnumerable<Permission> Permissions => [ManageSearch];

    public override IEnumerable<AdminMenuItem> AdminMenu =>
        [new("Search index", "/admin/search", Position: 30, Permission: ManageSearch.Name, Group: "Content")];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IModelContributor, SearchModel>();
        services.AddSingleton<SearchStatistics>();
        services.AddScoped<SearchStore>();
        services.AddScoped<SearchIndexer>();
        services.AddScoped<IPublicListingListener>(sp => sp.GetRequiredService<SearchIndexer>());
        services.AddScoped<ISearchService, SearchService>();
        services.AddScoped<ContentHandler, SearchIndexHandler>();
        services.AddScoped<IRecipeStep, SearchIndexSettingsStep>();
        services.AddSingleton(SearchIndexSettings.Flag);
        services.AddScoped<IContentTextSearch, AdminTextSearch>();
        services.AddScoped<SearchRebuilder>();
        services.AddSingleton<SearchRebuildRunner>();
        services.AddSingleton<IPortalCommand, SearchRebuildCommand>();
        services.AddHostedService<SearchIndexUpgrade>();
    }
}
