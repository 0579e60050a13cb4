using System.Globalization;
using System.Text.Json.Nodes;

namespace Portal.Core.Content.Fields;

public sealed class NumericField : ContentFieldKind
{
    public override string DisplayName => "Number";
    public override IReadOnlyList<string> SettingKeys => ["Hint", "Required", "Minimum", "Maximum", "Scale"];

    public override void Validate(FieldValidationContext context)
    {
        var node = context.Value["Value"];
        RequireWhenSet(context, node);
        if (node is null) return;
        if (Read(node) is not { } number)
        {
            context.Error(context.T["{0} must be a number.", context.Label]);
            return;
        }
        if (context.Settings.Minimum is { } min && number < min)
            context.Error(context.T["{0} must be at least {1}.", context.Label, min]);
        if (context.Settings.Maximum is { } max && number > max)
            context.Error(context.T["{0} must be at most {1}.", context.Label, max]);
        if (context.Settings.Number("Scale") is { } scale && Math.Round(number, (int)scale) != number)
            context.Error(context.T["{0} allows at most {1} decimal places.", context.Label, scale]);
    }

    private static double? Read(JsonNode node) => JsonValues.NumberOrNumericText(node);

    public override IEnumerable<FieldIndexValue> IndexValues(JsonObject value) =>
        value["Value"] is { } node && Read(node) is { } n ? [new(Number: n)] : [];
}

public sealed class BooleanField : ContentFieldKind
{
    public override string DisplayName => "Yes/No";
    public override IReadOnlyList<string> SettingKeys => ["Hint"];

    public override void Validate(FieldValidationContext context)
    {
        if (context.Value["Value"] is { } node && JsonValues.Boolean(node) is null)
            context.Error(context.T["{0} must be true or false.", context.Label]);
    }

    public override IEnumerable<FieldIndexValue> IndexValues(JsonObject value) =>
        JsonValues.Boolean(value["Value"]) is { } b ? [new(Boolean: b)] : [];
}

public abstract class DateFieldBase : ContentFieldKind
{
    public override IReadOnlyList<string> SettingKeys => ["Hint", "Required", "Minimum", "Maximum"];
    protected abstract bool DateOnly { get; }

    public override void Validate(FieldValidationContext context)
    {
        var node = context.Value["Value"];
        RequireWhenSet(context, node);
        if (node is null || JsonValues.Text(node) is "") return;
        if (Read(node) is not { } date)
        {
            context.Error(DateOnly
                ? context.T["{0} must be a date (yyyy-MM-dd).", context.Label]
                : context.T["{0} must be a date and time.", context.Label]);
            return;
        }
        if (ReadSetting(context, "Minimum") is { } min && date < min)
            context.Error(context.T["{0} must be on or after {1:yyyy-MM-dd}.", context.Label, min]);
        if (ReadSetting(context, "Maximum") is { } max && date > max)
            context.Error(context.T["{0} must be on or before {1:yyyy-MM-dd}.", context.Label, max]);
    }

    private DateTime? ReadSetting(FieldValidationContext context, string key) =>
        context.Settings.Text(key) is { } text ? Parse(text) : null;

    private DateTime? Read(JsonNode node) =>
        node is JsonValue v && v.TryGetValue<DateTime>(out var d) ? Normalize(d)
        : JsonValues.Text(node) is { } text ? Parse(text)
        : null;

    private DateTime? Parse(string text) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d)
            ? Normalize(d)
            : null;

    private DateTime Normalize(DateTime d)
    {
        d = d.Kind == DateTimeKind.Local ? d.ToUniversalTime() : DateTime.SpecifyKind(d, DateTimeKind.Utc);
        return DateOnly ? d.Date : d;
    }

    public override IEnumerable<FieldIndexValue> IndexValues(JsonObject value) =>
        value["Value"] is { } node && Read(node) is { } date ? [new(Date: date)] : [];
}

public sealed class DateField : DateFieldBase
{
    public override string DisplayName => "Date";
    protected override bool DateOnly => true;
}

public sealed class DateTimeField : DateFieldBase
{
    public override string DisplayName => "Date and time";
    protected override bool DateOnly => false;
}
