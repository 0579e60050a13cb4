using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Content.Privacy;
using Portal.Core.Data;
using Portal.Core.Recipes;
using Portal.Testing;
using Portal.Wishes.Models;
using Portal.Wishes.Services;

namespace Portal.Wishes.Tests;

/// <summary>
/// A portal set up with the micro-wish recipe and one published wish whose personal data is seeded with values
/// found nowhere else, claimed (not yet confirmed) by a volunteer.
/// </summary>
public class PrivacyScanServer : SetUpPortalServer
{
    public static readonly string[] Secrets = ["钱秀芝", "13711112222", "石桥社区九栋909室", "330102195001019999", "糖尿病需定期注射胰岛素", "月收入不足八百元"];

    public PrivacyScanServer() : this(DatabaseProvider.Sqlite) { }
    protected PrivacyScanServer(DatabaseProvider provider) : base(provider, "micro-wish") { }

    public string WishId { get; private set; } = "";
    public long ClaimId { get; private set; }
    public string ClaimerName { get; } = "scanv" + Guid.NewGuid().ToString("N")[..6];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await CreateRoleAsync("ScanStaff", "AccessAdmin", "EditContent", "PublishContent", "ReviewWishes", "ConfirmClaims");
        await CreateRoleAsync("ScanOfficer", "AccessAdmin", "EditContent", "ViewPersonalData", "ExportPersonalData");
        var claimerId = await CreateUserAsync(ClaimerName, Password, "Volunteer");

        await using var scope = Services.CreateAsyncScope();
        var cm = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var community = await cm.Records.Where(r => r.ContentType == "Community" && r.Published).Select(r => r.ContentItemId).FirstAsync();
        var wish = (await cm.NewAsync("Wish"))!;
        wish.Part("TitlePart")["Title"] = "一个血糖仪";
        var part = wish.Part("Wish");
        part["ItemText"] = new JsonObject { ["Text"] = "一个血糖仪" };
        part["Category"] = new JsonObject { ["Value"] = "essential-supplies" };
        part["Kind"] = new JsonObject { ["Value"] = "material" };
        part["IntakeChannel"] = new JsonObject { ["Value"] = "hotline" };
        part["Community"] = new JsonObject { ["ContentItemIds"] = new JsonArray(community) };
        string[] fields = ["WisherName", "Phone", "Address", "IdNumber", "HealthNotes", "IncomeNotes"];
        for (var i = 0; i < fields.Length; i++) part[fields[i]] = new JsonObject { ["Text"] = Secrets[i] };
        foreach (var consent in new[] { "PublishConsent", "StoryConsent", "PhotoConsent" }) part[consent] = new JsonObject { ["Value"] = true };
        var created = await cm.CreateAsync(wish);
        if (!created.Succeeded) throw new InvalidOperationException(created.ToString());
        WishId = created.Item!.ContentItemId;
        await WishMoves.PublishAsync(scope.ServiceProvider, WishId);
        ClaimId = (await scope.ServiceProvider.GetRequiredService<WishClaims>().ClaimAsync(WishId, claimerId, ClaimantKind.Volunteer)).ClaimId!.Value;
    }
}

public sealed class PostgresPrivacyScanServer() : PrivacyScanServer(DatabaseProvider.Postgres);

public abstract class PrivacyScanSuite(PrivacyScanServer server)
{
    /// <summary>Every GET route of the composed portal, its parameters filled with the seeded wish and claim.</summary>
    private IReadOnlyList<string> GetRoutes()
    {
        var routes = new SortedSet<string>();
        foreach (var endpoint in server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            if (methods is not null && !methods.Contains("GET")) continue;
            var path = "/" + string.Join("/", endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => Value(parameter.Name),
                _ => "",
            }))));
            routes.Add(path);
        }
        return routes.ToList();
    }

    private string Value(string parameter) => parameter.ToLowerInvariant() switch
    {
        "claimid" => server.ClaimId.ToString(),
        "type" or "name" => "Wish",
        "field" => "WisherName",
        "culture" => "zh-CN",
        "code" => "404",
        _ => server.WishId,
    };

    private static void AssertNoSecret(string where, string body)
    {
        foreach (var secret in PrivacyScanServer.Secrets)
            Assert.False(body.Contains(secret, StringComparison.Ordinal), $"{where} shows the personal value '{secret}'.");
    }

    [Fact]
    public async Task No_page_or_API_answer_shows_personal_data_to_the_public_a_claimer_or_staff_without_the_permission()
    {
        var routes = GetRoutes();
        Assert.Contains($"/api/wishes/{server.WishId}/contact", routes);
        Assert.Contains($"/admin/content/{server.WishId}/edit", routes);
        using var anonymous = server.NewClient();
        using var claimer = server.NewClient();
        await server.SignInAsync(claimer, server.ClaimerName, PortalServer.Password);
        using var staff = await server.NewSignedInClientAsync("scans" + Guid.NewGuid().ToString("N")[..6], "ScanStaff");

        var fetched = 0;
        foreach (var (who, client) in new[] { ("anonymous", anonymous), ("claimer", claimer), ("staff", staff) })
            foreach (var route in routes)
            {
                var response = await client.GetAsync(route);
                AssertNoSecret($"{route} as {who} ({(int)response.StatusCode})", await response.Content.ReadAsStringAsync());
                if (response.IsSuccessStatusCode) fetched++;
            }

        Assert.True(fetched >= 5, $"Only {fetched} answers were successful; the scan looked at too little.");
        var staffEdit = await staff.GetStringAsync($"/admin/content/{server.WishId}/edit");
        Assert.Contains("钱**", staffEdit);
        Assert.Contains("个人信息：已隐藏", staffEdit);
    }

    [Fact]
    public async Task Stored_documents_the_field_index_and_a_content_export_hold_no_personal_data()
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var documents = await db.Set<ContentItemRecord>().AsNoTracking().Where(r => r.ContentItemId == server.WishId).Select(r => r.Data).ToListAsync();
        var indexed = await db.Set<ContentFieldIndexRecord>().AsNoTracking().Where(f => f.ContentType == "Wish").Select(f => f.TextValue).ToListAsync();
        var export = await scope.ServiceProvider.GetRequiredService<RecipeExporter>().ExportAsync(new RecipeExportRequest(["Wish"]));

        Assert.NotEmpty(documents);
        foreach (var document in documents) AssertNoSecret("a stored version", document);
        AssertNoSecret("the field index", string.Join("\n", indexed));
        AssertNoSecret("the content export", export.ToJsonString());
        Assert.Contains(server.WishId, export.ToJsonString());
        Assert.Contains("\"Sensitive\":true", export.ToJsonString());
    }

    [Fact]
    public async Task Staff_allowed_to_see_personal_data_see_and_export_it_and_every_view_is_logged()
    {
        var officerName = "scano" + Guid.NewGuid().ToString("N")[..6];
        using var officer = await server.NewSignedInClientAsync(officerName, "ScanOfficer");
        using var staff = await server.NewSignedInClientAsync("scans" + Guid.NewGuid().ToString("N")[..6], "ScanStaff");

        var edit = await officer.GetStringAsync($"/admin/content/{server.WishId}/edit");
        var csv = await officer.GetAsync("/admin/personal-data/Wish.csv");
        var refused = await staff.GetAsync("/admin/personal-data/Wish.csv");

        Assert.Contains("钱秀芝", edit);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var text = await csv.Content.ReadAsStringAsync();
        foreach (var secret in PrivacyScanServer.Secrets) Assert.Contains(secret, text);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        await using var scope = server.Services.CreateAsyncScope();
        var log = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<PersonalDataAccessRecord>().AsNoTracking()
            .Where(a => a.UserName == officerName).ToListAsync();
        Assert.Contains(log, a => a.Purpose == PersonalData.EditPurpose && a.ContentItemId == server.WishId);
        Assert.Contains(log, a => a.Purpose == PersonalData.ExportPurpose && a.ContentItemId == null);
    }

    [Fact]
    public async Task Saving_the_wish_as_staff_without_the_permission_keeps_its_personal_data()
    {
        using var staff = await server.NewSignedInClientAsync("scans" + Guid.NewGuid().ToString("N")[..6], "ScanStaff");
        var page = await staff.GetStringAsync($"/admin/content/{server.WishId}/edit");
        var fields = FormFields(page);
        fields["TitlePart.Title"] = "一个血糖仪";
        Assert.DoesNotContain("WisherName", string.Join(",", fields.Keys));

        var response = await PortalServer.PostFormAsync(staff, $"/admin/content/{server.WishId}/edit", fields);

        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            System.Text.RegularExpressions.Regex.Match(await response.Content.ReadAsStringAsync(), "field-error[^>]*>([^<]*)").Groups[1].Value);
        await using var scope = server.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<PersonalData>().RevealAsync(server.WishId, "Test");
        Assert.Equal("钱秀芝", stored["Wish"]!["WisherName"]!["Text"]!.GetValue<string>());
        Assert.Equal("13711112222", stored["Wish"]!["Phone"]!["Text"]!.GetValue<string>());
    }

    /// <summary>The values a browser would post from the page's form: inputs with their values, checkboxes only when checked.</summary>
    private static Dictionary<string, string> FormFields(string page)
    {
        var fields = new Dictionary<string, string>();
        foreach (System.Text.RegularExpressions.Match tag in System.Text.RegularExpressions.Regex.Matches(page, "<input[^>]*>"))
        {
            string? Attribute(string name) => System.Text.RegularExpressions.Regex.Match(tag.Value, $"\\s{name}=\"([^\"]*)\"") is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;
            if (Attribute("name") is not { } field || field.StartsWith("__")) continue;
            if (Attribute("type") is "checkbox" or "radio" && !tag.Value.Contains(" checked")) continue;
            // A checked box overrides the hidden "false" its editor puts beside it.
            if (Attribute("type") == "checkbox") fields[field] = Attribute("value") ?? "on";
            else fields.TryAdd(field, Attribute("value") ?? "");
        }
        foreach (System.Text.RegularExpressions.Match select in System.Text.RegularExpressions.Regex.Matches(page, "<select[^>]*name=\"([^\"]+)\"[^>]*>(.*?)</select>", System.Text.RegularExpressions.RegexOptions.Singleline))
        {
            var chosen = System.Text.RegularExpressions.Regex.Match(select.Groups[2].Value, "<option(?=[^>]*\\sselected)[^>]*\\svalue=\"([^\"]*)\"");
            fields.TryAdd(select.Groups[1].Value, chosen.Success ? chosen.Groups[1].Value : "");
        }
        return fields;
    }

    [Fact]
    public async Task The_claimer_gets_the_contact_over_HTTP_only_after_staff_confirm_the_claim()
    {
        var id = await server.PublishedScanWishAsync();
        var claimerName = "scanc" + Guid.NewGuid().ToString("N")[..6];
        using var claimer = await server.NewSignedInClientAsync(claimerName, "Volunteer");
        using var staff = await server.NewSignedInClientAsync("scans" + Guid.NewGuid().ToString("N")[..6], "ScanStaff");
        var claimed = await claimer.PostAsJsonAsync($"/api/wishes/{id}/claims", new { });
        Assert.True(claimed.StatusCode == HttpStatusCode.Created, await claimed.Content.ReadAsStringAsync());
        var claim = (await claimed.Content.ReadFromJsonAsync<JsonObject>())!["claimId"]!.GetValue<long>();

        var before = await claimer.GetAsync($"/api/wishes/{id}/contact");
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/wishes/claims/{claim}/confirm", new { })).StatusCode);
        var after = await claimer.GetFromJsonAsync<JsonObject>($"/api/wishes/{id}/contact");

        Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        Assert.Contains("确认您的认领后", await before.Content.ReadAsStringAsync());
        Assert.Equal("沈阿婆", after!["name"]!.GetValue<string>());
        Assert.Equal("13600003333", after["phone"]!.GetValue<string>());
        Assert.Null(after["idNumber"]);
    }
}

public static class PrivacyScanServerExtensions
{
    /// <summary>A second published wish with contact details of its own, for a claim journey.</summary>
    public static async Task<string> PublishedScanWishAsync(this PrivacyScanServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var cm = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var existing = (await cm.GetAsync(server.WishId, VersionOptions.Latest))!;
        var wish = (await cm.NewAsync("Wish"))!;
        wish.Part("TitlePart")["Title"] = "一副老花镜";
        wish.Content["Wish"] = existing.Content["Wish"]!.DeepClone();
        wish.Field("Wish", "Alias")["Text"] = "";
        wish.Field("Wish", "WisherName")["Text"] = "沈阿婆";
        wish.Field("Wish", "Phone")["Text"] = "13600003333";
        wish.Field("Wish", "PublishConsent")["Value"] = true;
        var id = (await cm.CreateAsync(wish)).Item!.ContentItemId;
        await WishMoves.PublishAsync(scope.ServiceProvider, id);
        return id;
    }
}

public sealed class SqlitePrivacyScanTests(PrivacyScanServer server) : PrivacyScanSuite(server), IClassFixture<PrivacyScanServer>;

public sealed class PostgresPrivacyScanTests(PostgresPrivacyScanServer server) : PrivacyScanSuite(server), IClassFixture<PostgresPrivacyScanServer>;
