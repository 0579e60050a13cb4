using System.Globalization;

namespace Portal.Core.Settings;

/// <summary>Times as people expect them, on the public site and in the admin: in the site's time zone (General.TimeZone), not the server's or UTC.</summary>
public sealed class SiteTime(SiteSettingsStore settings)
{
    private TimeZoneInfo? zone;

    public async Task<TimeZoneInfo> ZoneAsync() => zone ??= await settings.TimeZoneAsync();

    public async Task<DateTime> LocalAsync(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), await ZoneAsync());

    public async Task<string> FormatAsync(DateTime utc, string format) =>
        (await LocalAsync(utc)).ToString(format, CultureInfo.InvariantCulture);
}
