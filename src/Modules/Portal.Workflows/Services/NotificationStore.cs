using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Workflows.Models;

namespace Portal.Workflows.Services;

/// <summary>Notices in the admin: for a user, or for every member of a role.</summary>
public sealed class NotificationStore(PortalDbContext db, TimeProvider clock)
{
    public async Task<int> SendAsync(IEnumerable<string> userIds, IEnumerable<string> roles, string message, string? url, DateTime now)
    {
        var text = message.Length > 1000 ? message[..1000] : message;
        var count = 0;
        foreach (var user in userIds) { db.Add(new NotificationRecord { UserId = user, Message = text, Url = url, CreatedUtc = now }); count++; }
        foreach (var role in roles) { db.Add(new NotificationRecord { RoleName = role, Message = text, Url = url, CreatedUtc = now }); count++; }
        await db.SaveChangesAsync();
        return count;
    }

    /// <summary>The newest notices for <paramref name="user"/>: their own and their roles'.</summary>
    public async Task<IReadOnlyList<NotificationRecord>> ForAsync(ClaimsPrincipal user, int take = 50)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        return await db.Set<NotificationRecord>().AsNoTracking()
            .Where(n => (n.UserId != null && n.UserId == userId) || (n.RoleName != null && roles.Contains(n.RoleName)))
            .OrderByDescending(n => n.Id).Take(take).ToListAsync();
    }

    /// <summary>Marks a user's own notice read; false when it is not theirs.</summary>
    public async Task<bool> MarkReadAsync(ClaimsPrincipal user, long id)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        return await db.Set<NotificationRecord>().Where(n => n.Id == id && n.UserId == userId && n.ReadUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadUtc, clock.GetUtcNow().UtcDateTime)) == 1;
    }
}
