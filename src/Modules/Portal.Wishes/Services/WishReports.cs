using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Wishes.Models;

namespace Portal.Wishes.Services;

/// <summary>A reporting period in the site's time zone, as UTC bounds [From, To).</summary>
public sealed record ReportPeriod(int Year, int? Half, DateTime FromUtc, DateTime ToUtc)
{
    public static ReportPeriod Of(int year, int? half, TimeZoneInfo zone)
    {
        var from = new DateTime(year, half == 2 ? 7 : 1, 1);
        var to = half == 1 ? new DateTime(year, 7, 1) : new DateTime(year + 1, 1, 1);
        return new ReportPeriod(year, half, Utc(from, zone), Utc(to, zone));
    }

    private static DateTime Utc(DateTime local, TimeZoneInfo zone) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);
}

/// <summary>A Volunteer item (双报到: the community a party member reports to), and the accounts that claim as them.</summary>
public sealed record VolunteerProfile(string ItemId, string Name, bool PartyMember, string? Branch, string? CommunityId, IReadOnlyList<string> AccountIds);

public sealed record VolunteerReportRow(
    string Name, bool Registered, bool PartyMember, string Branch, string? CommunityId, int Services, double Hours, int Points, IReadOnlyList<string> Wishes);

public sealed record BranchReportRow(string Branch, int Registered, int PartyMembers, int Active, int Services, double Hours, int Points);

/// <summary>
/// 报到—服务—报告: the half-year volunteer report (who reported to which community, what they did, hours, points)
/// and the yearly branch report, both computed from claims and the points ledger, never typed in.
/// A claim counts in the period its claimant reported it fulfilled; points count when they were granted or reversed.
/// </summary>
public sealed class WishReports(PortalDbContext db, PointsLedger ledger)
{
    public const string VolunteerType = "Volunteer";

    /// <summary>Every registered volunteer, whether or not they served, and every volunteer claimant without a profile who did.</summary>
    public async Task<IReadOnlyList<VolunteerReportRow>> VolunteersAsync(ReportPeriod period)
    {
        var profiles = await ProfilesAsync();
        var profileOf = new Dictionary<string, VolunteerProfile>();
        foreach (var profile in profiles)
        {
            profileOf[profile.ItemId] = profile;
            foreach (var account in profile.AccountIds) profileOf[account] = profile;
        }

        var served = await db.Set<WishClaimRecord>().AsNoTracking()
            .Where(c => c.ClaimantKind == ClaimantKind.Volunteer && c.Status == ClaimStatus.Fulfilled
                && c.FulfilledUtc >= period.FromUtc && c.FulfilledUtc < period.ToUtc)
            .Select(c => new { c.ClaimantId, c.ClaimantName, c.ServiceHours, c.WishId })
            .ToListAsync();
        var points = await ledger.Between(period.FromUtc, period.ToUtc)
            .Where(p => p.ClaimantKind == ClaimantKind.Volunteer)
            .GroupBy(p => p.ClaimantId)
            .Select(g => new { ClaimantId = g.Key, Points = g.Sum(p => p.Points), Name = g.Max(p => p.ClaimantName) })
            .ToListAsync();
        var wishIds = served.Select(s => s.WishId).Distinct().ToList();
        var titles = await db.Set<ContentItemRecord>().AsNoTracking()
            .Where(r => r.Latest && wishIds.Contains(r.ContentItemId))
            .ToDictionaryAsync(r => r.ContentItemId, r => r.DisplayText);

        // One row per person: a profile, or a claimant id that has no profile.
        string KeyOf(string claimantId) => profileOf.TryGetValue(claimantId, out var p) ? p.ItemId : claimantId;
        var names = served.Select(s => (s.ClaimantId, s.ClaimantName)).Concat(points.Select(p => (p.ClaimantId, ClaimantName: p.Name)))
            .GroupBy(n => KeyOf(n.ClaimantId)).ToDictionary(g => g.Key, g => g.Select(n => n.ClaimantName).FirstOrDefault(n => n is not null) ?? g.First().ClaimantId);
        var servedBy = served.ToLookup(s => KeyOf(s.ClaimantId));
        var pointsBy = points.GroupBy(p => KeyOf(p.ClaimantId)).ToDictionary(g => g.Key, g => g.Sum(p => p.Points));
        var keys = profiles.Select(p => p.ItemId).Concat(names.Keys).Distinct();

        return keys.Select(key =>
            {
                var profile = profileOf.GetValueOrDefault(key);
                var services = servedBy[key].ToList();
                return new VolunteerReportRow(
                    profile?.Name ?? names[key], profile is not null, profile?.PartyMember ?? false, profile?.Branch ?? "", profile?.CommunityId,
                    services.Count, services.Sum(s => s.ServiceHours ?? 0), pointsBy.GetValueOrDefault(key),
                    services.Select(s => titles.GetValueOrDefault(s.WishId) ?? s.WishId).Distinct().ToList());
            })
            .OrderBy(r => r.Branch.Length == 0).ThenBy(r => r.Branch, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The yearly report of each party branch, from its volunteers' rows; volunteers without a branch are one group.</summary>
    public async Task<IReadOnlyList<BranchReportRow>> BranchesAsync(int year, TimeZoneInfo zone)
    {
        var rows = await VolunteersAsync(ReportPeriod.Of(year, null, zone));
        return rows.GroupBy(r => r.Branch)
            .Select(g => new BranchReportRow(g.Key, g.Count(r => r.Registered), g.Count(r => r.PartyMember), g.Count(r => r.Services > 0),
                g.Sum(r => r.Services), g.Sum(r => r.Hours), g.Sum(r => r.Points)))
            .OrderBy(b => b.Branch.Length == 0).ThenBy(b => b.Branch, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Published Volunteer items with the fields reports read (<see cref="VolunteerFields"/>).</summary>
    public async Task<IReadOnlyList<VolunteerProfile>> ProfilesAsync()
    {
        var records = await db.Set<ContentItemRecord>().AsNoTracking()
            .Where(r => r.Published && r.ContentType == VolunteerType)
            .Select(r => new { r.ContentItemId, r.DisplayText, r.Data })
            .ToListAsync();
        return records.Select(r =>
        {
            var part = (JsonNode.Parse(r.Data) as JsonObject)?[VolunteerType] as JsonObject;
            var accounts = part?[VolunteerFields.Account]?["UserIds"] as JsonArray;
            var community = part?[VolunteerFields.HomeCommunity]?["ContentItemIds"] as JsonArray;
            return new VolunteerProfile(
                r.ContentItemId, r.DisplayText,
                JsonValues.Boolean(part?[VolunteerFields.PartyMember]?["Value"]) ?? false,
                JsonValues.Text(part?[VolunteerFields.Branch]?["Text"]) is { Length: > 0 } branch ? branch.Trim() : null,
                community is { Count: > 0 } ? JsonValues.Text(community[0]) : null,
                accounts?.Select(JsonValues.Text).OfType<string>().ToList() ?? []);
        }).ToList();
    }
}

/// <summary>The Volunteer part's fields that reports read; the recipe defines them.</summary>
public static class VolunteerFields
{
    public const string PartyMember = "PartyMember";
    public const string Branch = "Branch";
    public const string HomeCommunity = "HomeCommunity";

    /// <summary>A user picker: the portal accounts that claim as this volunteer.</summary>
    public const string Account = "Account";
}
