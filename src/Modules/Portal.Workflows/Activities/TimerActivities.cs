using System.Globalization;
using System.Text.RegularExpressions;
using Portal.Workflows.Engine;
using Portal.Workflows.Models;

namespace Portal.Workflows.Activities;

/// <summary>
/// Fires on a cron schedule (UTC). As a start it begins an instance at each occurrence (once across nodes;
/// after downtime it fires once to catch up); met along the way it waits for the next occurrence.
/// </summary>
public sealed class TimerEvent : Activity
{
    public const string EventName = "TimerEvent";
    public override string Name => EventName;
    public override ActivityKind Kind => ActivityKind.Event;
    public override string DisplayText => "Timer";
    public override string Category => "Events";
    public override string Description => "Fires on a schedule, e.g. every day at 02:00 ('0 2 * * *', UTC).";
    public override IReadOnlyList<ActivityProperty> Properties =>
        [new("CronExpression", PropertyKind.Text, "Schedule (cron, UTC)", "minute hour day month weekday, e.g. 0 2 * * *", Required: true)];

    public override IReadOnlyList<string> Outcomes(ActivityRecord activity) => ["Done"];

    public override Task<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        context.Workflow.ScheduleTimer(context.ActivityId, Schedule(context.Record).Next(context.Workflow.Clock.GetUtcNow().UtcDateTime));
        return Task.FromResult(ActivityResult.Halt());
    }

    public override IEnumerable<string> Validate(ActivityRecord activity) =>
        Cron.TryParse(activity.Text("CronExpression"), out _, out var error) ? [] : [error!];

    public static Cron Schedule(ActivityRecord activity) =>
        Cron.TryParse(activity.Text("CronExpression"), out var cron, out var error) ? cron! : throw new WorkflowActivityException(error!);
}

/// <summary>Waits for a duration (a time limit), then goes on; the wait survives restarts and fires once across nodes.</summary>
public sealed partial class DelayTask : Activity
{
    public override string Name => "DelayTask";
    public override bool WritesData => false;
    public override string DisplayText => "Delay";
    public override string Category => "Events";
    public override string Description => "Waits for a while, e.g. 48h or 7d, then continues.";
    public override IReadOnlyList<ActivityProperty> Properties =>
        [new("Duration", PropertyKind.Template, "Wait for", "e.g. 30m, 48h, 7d, or 1.12:00:00; {{ }} allowed", Required: true)];

    public override IReadOnlyList<string> Outcomes(ActivityRecord activity) => ["Done"];

    public override Task<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var text = context.Render("Duration");
        if (!TryParseDuration(text, out var duration))
            throw new WorkflowActivityException($"'{text}' is not a duration: write e.g. 30m, 48h, 7d or 1.12:00:00.");
        context.Workflow.ScheduleTimer(context.ActivityId, context.Workflow.Clock.GetUtcNow().UtcDateTime + duration);
        return Task.FromResult(ActivityResult.Halt());
    }

    public override IEnumerable<string> Validate(ActivityRecord activity) =>
        activity.Text("Duration") is { Length: > 0 } d && (d.Contains("{{") || TryParseDuration(d, out _)) ? [] : ["Give a duration such as 48h or 7d."];

    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        if (ShortDuration().Match(text.Trim()) is { Success: true } m)
        {
            var n = double.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
            duration = m.Groups["unit"].Value switch { "s" => TimeSpan.FromSeconds(n), "m" => TimeSpan.FromMinutes(n), "h" => TimeSpan.FromHours(n), _ => TimeSpan.FromDays(n) };
            return duration > TimeSpan.Zero;
        }
        return TimeSpan.TryParse(text.Trim(), CultureInfo.InvariantCulture, out duration) && duration > TimeSpan.Zero;
    }

    [GeneratedRegex(@"^(?<n>\d+(\.\d+)?)\s*(?<unit>s|m|h|d)$")]
    private static partial Regex ShortDuration();
}
