using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Testing;
using Portal.Wishes.Models;
using Portal.Wishes.Services;

namespace Portal.Wishes.Tests;

/// <summary>Setting up wishes on a <see cref="WishServer"/> the way staff and the lifecycle would.</summary>
public static class WishServerExtensions
{
    public static async Task<T> InScopeAsync<T>(this PortalServer server, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>A wish as staff save it: a draft in the index.</summary>
    public static Task<string> NewWishAsync(this WishServer server, string title = "一台电取暖器") =>
        server.InScopeAsync(async sp =>
        {
            var cm = sp.GetRequiredService<ContentManager>();
            var item = (await cm.NewAsync("Wish"))!;
            item.Part("TitlePart")["Title"] = title;
            item.Field("Wish", "Slots")["Value"] = 1;
            item.Field("Wish", "PublishConsent")["Value"] = true;
            return (await cm.CreateAsync(item)).Item!.ContentItemId;
        });

    /// <summary>Gives the wish a deadline in the index (the test type has no Deadline field), and counts the index afresh as after a bulk write.</summary>
    public static async Task SetDeadlineAsync(this WishServer server, string wishId, DateTime deadlineUtc)
    {
        await server.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<WishIndexRecord>()
            .Where(w => w.WishId == wishId).ExecuteUpdateAsync(s => s.SetProperty(w => w.DeadlineUtc, deadlineUtc)));
        await server.InScopeAsync(async sp => { await sp.GetRequiredService<WishCounts>().RecountAsync(); return 0; });
    }
}
