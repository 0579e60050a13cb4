using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Content;
using Portal.Core.Data;

namespace Portal.Core.Settings;

/// <summary>A group of site settings (for example "General": site name, time zone), stored as JSON.</summary>
public sealed class SiteSettingsRecord
{
    public string Name { get; set; } = "";
    public string Data { get; set; } = "{}";
}

public sealed class SiteSettingsStore(PortalDbContext db)
{
    public const string General = "General";

    public async Task<JsonObject> GetAsync(string group)
    {
        var data = await db.Set<SiteSettingsRecord>().AsNoTracking().Where(r => r.Name == group).Select(r => r.Data).FirstOrDefaultAsync();
        return data is null ? new JsonObject() : JsonNode.Parse(data) as JsonObject ?? new JsonObject();
    }

    public async Task<IReadOnlyDictionary<string, JsonObject>> GetAllAsync() =>
        (await db.Set<SiteSettingsRecord>().AsNoTracking().ToListAsync())
            .ToDictionary(r => r.Name, r => JsonNode.Parse(r.Data) as JsonObject ?? new JsonObject());

    /// <summary>Merges <paramref name="values"/> into the group (keys not given are kept).</summary>
    public async Task SetAsync(string group, JsonObject values)
    {
        var record = await db.Set<SiteSettingsRecord>().FirstOrDefaultAsync(r => r.Name == group);
        var current = record is null ? new JsonObject() : JsonNode.Parse(record.Data) as JsonObject ?? new JsonObject();
        foreach (var (key, value) in values) current[key] = value?.DeepClone();
        if (record is null)
        {
            record = new SiteSettingsRecord { Name = group };
            db.Add(record);
        }
        record.Data = current.ToJsonString(ContentJson.Options);
        await db.SaveChangesAsync();
    }

    /// <summary>The time zone of a site that names none (or one this system does not know).</summary>
    public const string DefaultTimeZone = "Asia/Shanghai";

    /// <summary>
    /// The site's time zone, <c>General.TimeZone</c> (an IANA id such as <c>Asia/Shanghai</c>): what dates typed without
    /// a time (a wish's deadline) and times shown to people mean. <see cref="DefaultTimeZone"/> when none is set.
    /// </summary>
    public async Task<TimeZoneInfo> TimeZoneAsync() => Zone((await GetAsync(General))["TimeZone"]?.ToString());

    public static TimeZoneInfo Zone(string? id) =>
        (id is { Length: > 0 } && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        || TimeZoneInfo.TryFindSystemTimeZoneById(DefaultTimeZone, out zone)
            ? zone
            : TimeZoneInfo.Utc;

    public async Task<string> SiteNameAsync() =>
        (await GetAsync(General))["SiteName"]?.ToString() is { Length: > 0 } name ? name : "Portal";

    public static T? Read<T>(JsonObject group, string key) =>
        group[key] is { } node ? node.Deserialize<T>(ContentJson.Options) : default;
}
