using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Core.Recipes;
using Portal.Wishes.Models;
using Portal.Wishes.Services;

namespace Portal.Wishes.Recipes;

/// <summary>
/// <c>{ "name": "Wishes", "Wishes": [ { "WishId", "Status", "Reason"?, "Claims"?: [ { "Claimant", "Note"?, "Hours"?, "InDays"? } ] } ] }</c>:
/// brings imported wishes to a state the way people would, through <see cref="WishLifecycle"/> and <see cref="WishClaims"/>:
/// every move is checked against the rules and written to the audit trail, claims take slots, verification grants points.
/// A claimant is a Volunteer or Organisation item (its first account claims, or the item itself when it has none).
/// The wish walks the shortest legal path from where it is; wishes claimed by organisations pass "open to organisations".
/// </summary>
public sealed class WishesStep(PortalDbContext db, WishLifecycle lifecycle, WishClaims claims, TimeProvider clock) : IRecipeStep
{
    public string Name => "Wishes";

    public async Task ExecuteAsync(RecipeStepContext context)
    {
        if (context.Step["Wishes"] is not JsonArray wishes)
        {
            context.Error("The Wishes step needs a \"Wishes\" array.");
            return;
        }
        foreach (var (node, index) in wishes.Select((n, i) => (n, i)))
        {
            var error = node is JsonObject wish ? await ApplyAsync(wish) : "must be an object";
            if (error is not null)
            {
                context.Error($"Wishes[{index}]: {error}");
                return;
            }
        }
    }

    private async Task<string?> ApplyAsync(JsonObject entry)
    {
        var wishId = Text(entry["WishId"]);
        if (wishId is null) return "needs a \"WishId\".";
        if (!Enum.TryParse<WishStatus>(Text(entry["Status"]), ignoreCase: false, out var target))
            return $"\"Status\" must be one of {string.Join(", ", Enum.GetNames<WishStatus>())}.";
        var wish = await db.Set<WishIndexRecord>().AsNoTracking().FirstOrDefaultAsync(w => w.WishId == wishId);
        if (wish is null) return $"no wish has the id '{wishId}' (import it in a content step first).";

        var claimants = new List<(string Id, string Name, ClaimantKind Kind, JsonObject Entry)>();
        foreach (var claim in entry["Claims"] as JsonArray ?? [])
        {
            if (claim is not JsonObject c || await ClaimantAsync(Text(c["Claimant"])) is not { } claimant)
                return $"each claim needs a \"Claimant\": the id of a Volunteer or Organisation item.";
            claimants.Add((claimant.Id, claimant.Name, claimant.Kind, c));
        }
        var byOrganisation = claimants.Any(c => c.Kind == ClaimantKind.Organisation);
        var path = PathTo(wish.Status, target, byOrganisation);
        if (path is null) return $"a wish that is {wish.Status} cannot become {target}.";
        if (path.Contains(WishStatus.Claimed) && claimants.Count != wish.SlotsTotal)
            return $"becoming {target} needs {wish.SlotsTotal} claim(s), one per slot; {claimants.Count} given.";

        var claimIds = new List<long>();
        var reason = Text(entry["Reason"]);
        foreach (var to in path)
        {
            var error = to switch
            {
                WishStatus.Claimed => await ClaimAllAsync(wishId, claimants, claimIds, confirm: path[^1] != WishStatus.Claimed),
                WishStatus.Scheduled when claimIds.Count > 0 => await EachAsync(claimIds, claimants, (id, c) =>
                    claims.ScheduleAsync(id, clock.GetUtcNow().UtcDateTime.AddDays(Number(c["InDays"]) ?? 2))),
                WishStatus.Fulfilled when claimIds.Count > 0 => await EachAsync(claimIds, claimants, (id, c) =>
                    claims.FulfilAsync(id, Text(c["Note"]), null, Number(c["Hours"]))),
                _ => (await lifecycle.MoveAsync(wishId, to, WishLifecycleRules.NeedsReason(to) ? reason : null)).Error,
            };
            if (error is not null) return $"becoming {to}: {error}";
        }
        // Claims on a wish that stays open take slots without filling them (partial claiming).
        if (!path.Contains(WishStatus.Claimed) && claimants.Count > 0 && WishLifecycleRules.IsOpenForClaims(target))
            return await ClaimAllAsync(wishId, claimants, claimIds, confirm: false);
        return null;
    }

    private async Task<string?> ClaimAllAsync(string wishId, List<(string Id, string Name, ClaimantKind Kind, JsonObject Entry)> claimants, List<long> ids, bool confirm)
    {
        foreach (var c in claimants)
        {
            var result = await claims.ClaimAsync(wishId, c.Id, c.Kind, c.Name);
            if (!result.Succeeded) return result.Error;
            ids.Add(result.ClaimId!.Value);
            if (confirm && (await claims.ConfirmAsync(result.ClaimId.Value)).Error is { } error) return error;
        }
        return null;
    }

    private static async Task<string?> EachAsync(List<long> ids, List<(string Id, string Name, ClaimantKind Kind, JsonObject Entry)> claimants, Func<long, JsonObject, Task<WishResult>> work)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            if ((await work(ids[i], claimants[i].Entry)).Error is { } error) return error;
        }
        return null;
    }

    /// <summary>The shortest legal path (breadth first over the rules), excluding the start.</summary>
    public static IReadOnlyList<WishStatus>? PathTo(WishStatus from, WishStatus to, bool byOrganisation)
    {
        var previous = new Dictionary<WishStatus, WishStatus> { [from] = from };
        var queue = new Queue<WishStatus>([from]);
        while (queue.Count > 0 && !previous.ContainsKey(to))
        {
            var at = queue.Dequeue();
            foreach (var next in WishLifecycleRules.NextOf(at))
            {
                if (previous.ContainsKey(next) || (byOrganisation && at == WishStatus.Published && next == WishStatus.Claimed)) continue;
                // Releasing (back to open) is not a way forward.
                if (at is WishStatus.Claimed or WishStatus.Scheduled && WishLifecycleRules.IsOpenForClaims(next)) continue;
                previous[next] = at;
                queue.Enqueue(next);
            }
        }
        if (!previous.ContainsKey(to) || from == to) return from == to ? [] : null;
        var path = new List<WishStatus>();
        for (var at = to; at != from; at = previous[at]) path.Add(at);
        path.Reverse();
        return path;
    }

    private async Task<(string Id, string Name, ClaimantKind Kind)?> ClaimantAsync(string? itemId)
    {
        if (itemId is null) return null;
        var record = await db.Set<ContentItemRecord>().AsNoTracking()
            .Where(r => r.ContentItemId == itemId && r.Latest && (r.ContentType == "Volunteer" || r.ContentType == "Organisation"))
            .Select(r => new { r.ContentType, r.DisplayText, r.Data })
            .FirstOrDefaultAsync();
        if (record is null) return null;
        var account = (JsonNode.Parse(record.Data)?[record.ContentType]?[VolunteerFields.Account]?["UserIds"] as JsonArray)?
            .Select(Text).FirstOrDefault(a => a is not null);
        return (account ?? itemId, record.DisplayText, record.ContentType == "Organisation" ? ClaimantKind.Organisation : ClaimantKind.Volunteer);
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static double? Number(JsonNode? node) => JsonValues.NumberOrNumericText(node);
}
