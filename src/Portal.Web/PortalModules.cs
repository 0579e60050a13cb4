using Portal.Core.Modules;

namespace Portal.Web;

/// <summary>What the portal is made of. The host composes these in dependency order.</summary>
public static class PortalModules
{
    public static IReadOnlyList<PortalModule> All =>
    [
        new Portal.Contents.ContentsModule(),
        new Portal.Theme.Admin.AdminThemeModule(),
        new Portal.Users.UsersModule(),
        new Portal.Wishes.WishesModule(),
        new Portal.GraphQL.GraphQLModule(),
        new Portal.Search.SearchModule(),
    ];
}
