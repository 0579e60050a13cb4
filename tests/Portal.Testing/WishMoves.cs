using Microsoft.Extensions.DependencyInjection;
using Portal.Wishes.Models;
using Portal.Wishes.Services;

namespace Portal.Testing;

/// <summary>Wish moves for test set-ups on a portal set up with the micro-wish recipe.</summary>
public static class WishMoves
{
    /// <summary>
    /// Submits, reviews and publishes a wish. The recipe's review workflow may already have made a move (it puts a
    /// submitted wish under review at once), so a wish already in the target state counts as moved.
    /// </summary>
    public static async Task PublishAsync(IServiceProvider services, string wishId)
    {
        var lifecycle = services.GetRequiredService<WishLifecycle>();
        foreach (var to in new[] { WishStatus.Submitted, WishStatus.UnderReview, WishStatus.Published })
        {
            var moved = await lifecycle.MoveAsync(wishId, to);
            if (!moved.Succeeded && moved.Status != to) throw new InvalidOperationException(moved.Error);
        }
    }
}
