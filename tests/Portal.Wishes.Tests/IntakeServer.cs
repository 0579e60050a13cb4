using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Testing;

namespace Portal.Wishes.Tests;

/// <summary>
/// A set-up portal with the Wishes module's own content types as they ship (required category, kind, channel, alias and
/// community), one published community, and staff who take wishes in on residents' behalf.
/// </summary>
public class IntakeServer : SetUpPortalServer
{
    public IntakeServer() { }

    protected IntakeServer(IDictionary<string, string?> settings) : base(Portal.Core.Data.DatabaseProvider.Sqlite, settings: settings) { }

    public const string Staff = "IntakeStaff";
    public string CommunityId { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await CreateRoleAsync(Staff, "AccessAdmin", "ReviewWishes", "ConfirmClaims", "ViewPersonalData");
        await CreateRoleAsync("Volunteer", "ClaimWishes");
        await using var scope = Services.CreateAsyncScope();
        var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var community = (await content.NewAsync("Community"))!;
        community.Part("TitlePart")["Title"] = "幸福里社区";
        foreach (var (field, text) in new[] { ("Street", "和平街道"), ("District", "东城区"), ("City", "北京") })
            community.Field("Community", field)["Text"] = text;
        CommunityId = (await content.CreateAsync(community, publish: true)).Item!.ContentItemId;
    }

    /// <summary>The wishes whose title holds <paramref name="item"/>.</summary>
    public Task<List<string>> WishesOfAsync(string item) =>
        this.InScopeAsync(sp => sp.GetRequiredService<ContentManager>().Records.AsNoTracking()
            .Where(r => r.ContentType == "Wish" && r.DisplayText.Contains(item)).Select(r => r.ContentItemId).Distinct().ToListAsync());

    /// <summary>The staff form's fields for one wish, as a browser posts them; <paramref name="change"/> adjusts them.</summary>
    public Dictionary<string, string> WishForm(string item, string wisher, string phone, Action<Dictionary<string, string>>? change = null)
    {
        var form = new Dictionary<string, string>
        {
            ["TitlePart.Title"] = "想要" + item,
            ["Wish.ItemText.Text"] = item,
            ["Wish.Category.Value"] = "essential-supplies",
            ["Wish.Kind.Value"] = "material",
            ["Wish.IntakeChannel.Value"] = "home-visit",
            ["Wish.Alias.Text"] = wisher[..1] + "奶奶",
            ["Wish.Community.ContentItemIds"] = CommunityId,
            ["Wish.Slots.Value"] = "1",
            ["Wish.WisherName.Text"] = wisher,
            ["Wish.Phone.Text"] = phone,
            ["Wish.PublishConsent.Value"] = "true",
        };
        change?.Invoke(form);
        return form;
    }
}
