namespace Portal.Workflows.Engine;

/// <summary>
/// A five-field cron expression (minute hour day-of-month month day-of-week; <c>*</c>, lists, ranges and
/// <c>/</c> steps), in UTC. <see cref="Next"/> finds the first matching minute after a moment.
/// </summary>
public sealed class Cron
{
    private readonly bool[] minutes, hours, days, months, weekdays;
    private readonly bool anyDay, anyWeekday;

    private Cron(bool[][] fields, bool anyDay, bool anyWeekday)
    {
        (minutes, hours, days, months, weekdays) = (fields[0], fields[1], fields[2], fields[3], fields[4]);
        (this.anyDay, this.anyWeekday) = (anyDay, anyWeekday);
    }

    private static readonly (int Min, int Max)[] Ranges = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 7)];

    public static bool TryParse(string? text, out Cron? cron, out string? error)
    {
        cron = null;
        var parts = (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 5)
        {
            error = $"'{text}' is not a cron expression: give five fields (minute hour day month weekday), e.g. '0 2 * * *'.";
            return false;
        }
        var fields = new bool[5][];
        for (var i = 0; i < 5; i++)
        {
            fields[i] = new bool[Ranges[i].Max + 1];
            foreach (var item in parts[i].Split(','))
                if (!TryField(item, Ranges[i], fields[i]))
                {
                    error = $"'{item}' is not valid in field {i + 1} of '{text}' (allowed {Ranges[i].Min}-{Ranges[i].Max}).";
                    return false;
                }
        }
        if (fields[4][7]) fields[4][0] = true;
        cron = new Cron(fields, parts[2] == "*", parts[4] == "*");
        error = null;
        return true;
    }

    private static bool TryField(string item, (int Min, int Max) range, bool[] set)
    {
        var step = 1;
        var slash = item.IndexOf('/');
        if (slash >= 0)
        {
            if (!int.TryParse(item[(slash + 1)..], out step) || step < 1) return false;
            item = item[..slash];
        }
        int from, to;
        if (item == "*") (from, to) = range;
        else if (item.Split('-') is [var a, var b] && int.TryParse(a, out from) && int.TryParse(b, out to)) { }
        else if (int.TryParse(item, out from)) to = slash >= 0 ? range.Max : from;
        else return false;
        if (from < range.Min || to > range.Max || from > to) return false;
        for (var v = from; v <= to; v += step) set[v] = true;
        return true;
    }

    /// <summary>The first whole minute strictly after <paramref name="afterUtc"/> that matches, within four years.</summary>
    public DateTime Next(DateTime afterUtc)
    {
        var t = new DateTime(afterUtc.Year, afterUtc.Month, afterUtc.Day, afterUtc.Hour, afterUtc.Minute, 0, DateTimeKind.Utc).AddMinutes(1);
        var limit = t.AddYears(4);
        while (t < limit)
        {
            if (!months[t.Month]) { t = new DateTime(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1); continue; }
            if (!DayMatches(t)) { t = t.Date.AddDays(1); continue; }
            if (!hours[t.Hour]) { t = t.Date.AddHours(t.Hour + 1); continue; }
            if (!minutes[t.Minute]) { t = t.AddMinutes(1); continue; }
            return t;
        }
        throw new InvalidOperationException("The cron expression never matches.");
    }

    // Cron's rule: when both day fields are restricted, either may match.
    private bool DayMatches(DateTime t) => (anyDay, anyWeekday) switch
    {
        (true, true) => true,
        (false, true) => days[t.Day],
        (true, false) => weekdays[(int)t.DayOfWeek],
        _ => days[t.Day] || weekdays[(int)t.DayOfWeek],
    };
}
