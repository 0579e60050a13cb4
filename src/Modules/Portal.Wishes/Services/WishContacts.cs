using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Content;
using Portal.Core.Content.Privacy;
using Portal.Core.Data;
using Portal.Wishes.Handlers;
using Portal.Wishes.Models;

namespace Portal.Wishes.Services;

public sealed record WishContact(string WishId, string? Name, string? Phone, string? Address);

/// <summary>
/// Who may see how to reach a wisher: staff, and a claimer whose claim staff have confirmed (订单式服务: the claimer
/// calls first). Every view is logged by <see cref="PersonalData"/>; a refusal says why.
/// </summary>
public sealed class WishContacts(PortalDbContext db, PersonalData personalData, IStringLocalizer<WishContacts> T)
{
    public const string ClaimerPurpose = "ClaimerContact", StaffPurpose = "StaffContact";

    private static readonly ClaimStatus[] Confirmed = [ClaimStatus.Confirmed, ClaimStatus.Scheduled, ClaimStatus.Fulfilled];

    public async Task<(WishContact? Contact, WishErrorKind Error, string? Reason)> RevealAsync(string wishId, string userId, bool isStaff)
    {
        if (!await db.Set<WishIndexRecord>().AnyAsync(w => w.WishId == wishId))
            return (null, WishErrorKind.NotFound, T["No wish has the id '{0}'.", wishId]);
        string purpose, detail;
        if (isStaff)
        {
            (purpose, detail) = (StaffPurpose, "staff");
        }
        else
        {
            var claims = await db.Set<WishClaimRecord>().AsNoTracking().Where(c => c.WishId == wishId && c.ClaimantId == userId).ToListAsync();
            var confirmed = claims.FirstOrDefault(c => Confirmed.Contains(c.Status));
            if (confirmed is null)
                return (null, WishErrorKind.Invalid, claims.Any(c => c.Status == ClaimStatus.Active)
                    ? T["The contact details are shown once community staff have confirmed your claim."]
                    : T["Only the confirmed claimer of this wish and community staff may see the contact details."]);
            (purpose, detail) = (ClaimerPurpose, $"claim {confirmed.Id}");
        }
        var values = await personalData.RevealAsync(wishId, purpose, WishFields.Contact, detail);
        var part = values[WishFields.Type];
        return (new WishContact(wishId,
            JsonValues.Text(part?[WishFields.WisherName]?["Text"]),
            JsonValues.Text(part?[WishFields.Phone]?["Text"]),
            JsonValues.Text(part?[WishFields.Address]?["Text"])), WishErrorKind.None, null);
    }
}
