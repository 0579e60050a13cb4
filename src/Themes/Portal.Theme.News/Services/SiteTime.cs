using System.Globalization;
using Portal.Core.Settings;

namespace Portal.Theme.News.Services;

/// <summary>Dates as readers expect them: in the site's time zone (General.TimeZone), not the server's.</summary>
public sealed class SiteTime(SiteSettingsStore settings)
{
    private TimeZoneInfo? zone;

    public async Task<TimeZoneInfo> ZoneAsync() => zone ??= await settings.TimeZoneAsync();

    public async Task<DateTime> LocalAsync(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), await ZoneAsync());

    public async Task<string> FormatAsync(DateTime utc, string format) =>
        (await LocalAsync(utc)).ToString(format, CultureInfo.InvariantCulture);
}
