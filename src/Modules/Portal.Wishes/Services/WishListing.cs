using Microsoft.EntityFrameworkCore;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Wishes.Handlers;
using Portal.Wishes.Models;

namespace Portal.Wishes.Services;

/// <summary>
/// A wish is in public view exactly while the wish wall shows it: open for claims (published, or opened to
/// organisations). Once every slot is claimed it leaves search too, though its item stays published for the claimer,
/// staff and its story; released, it comes back.
/// </summary>
public sealed class WishListing(PortalDbContext db) : IPublicListingRule
{
    public async Task<IReadOnlySet<string>> HiddenAsync(IReadOnlyList<ContentItem> items)
    {
        var wishIds = items.Where(i => i.ContentType == WishFields.Type).Select(i => i.ContentItemId).ToList();
        if (wishIds.Count == 0) return new HashSet<string>();
        var open = await db.Set<WishIndexRecord>().AsNoTracking()
            .Where(w => wishIds.Contains(w.WishId) && WishLifecycleRules.OpenForClaims.Contains(w.Status))
            .Select(w => w.WishId).ToListAsync();
        return wishIds.Except(open).ToHashSet();
    }
}
