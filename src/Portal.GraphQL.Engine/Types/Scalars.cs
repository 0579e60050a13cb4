using System.Globalization;
using Portal.GraphQL.Engine.Language;

namespace Portal.GraphQL.Engine.Types;

/// <summary>
/// A leaf type. <see cref="Serialize"/> turns a resolved value into a JSON value, <see cref="ParseValue"/> accepts a
/// variable's JSON value and <see cref="ParseLiteral"/> a literal; each throws <see cref="GraphQLValueException"/>.
/// </summary>
public class ScalarType(string name, string? description = null) : NamedType(name, description)
{
    public override TypeKind Kind => TypeKind.SCALAR;
    public string? SpecifiedByUrl { get; init; }
    public Func<object, object?> Serialize { get; init; } = v => v;
    public Func<object, object?> ParseValue { get; init; } = v => v;
    public Func<Value, object?> ParseLiteral { get; init; } = node => node switch
    {
        StringValue s => s.Text,
        IntValue i => long.Parse(i.Text, CultureInfo.InvariantCulture),
        FloatValue f => double.Parse(f.Text, CultureInfo.InvariantCulture),
        BooleanValue b => b.Flag,
        _ => throw new GraphQLValueException($"{name} cannot represent value: {node}"),
    };
}

/// <summary>A value a scalar or enum cannot represent; the message goes to the client.</summary>
public sealed class GraphQLValueException(string message) : Exception(message);

public static class Scalars
{
    public static readonly ScalarType Int = new("Int", "The `Int` scalar type represents non-fractional signed whole numeric values. Int can represent values between -(2^31) and 2^31 - 1.")
    {
        Serialize = SerializeInt,
        ParseValue = v => v is bool || !IsNumber(v)
            ? throw new GraphQLValueException($"Int cannot represent non-integer value: {Inspect.Value(v)}")
            : ToInt(v),
        ParseLiteral = node => node is IntValue i
            ? (int.TryParse(i.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n
                : throw new GraphQLValueException($"Int cannot represent non 32-bit signed integer value: {i.Text}"))
            : throw new GraphQLValueException($"Int cannot represent non-integer value: {node}"),
    };

    public static readonly ScalarType Float = new("Float", "The `Float` scalar type represents signed double-precision fractional values as specified by [IEEE 754](https://en.wikipedia.org/wiki/IEEE_floating_point).")
    {
        Serialize = v => v switch
        {
            bool b => b ? 1.0 : 0.0,
            _ when IsNumber(v) && Convert.ToDouble(v, CultureInfo.InvariantCulture) is var d && double.IsFinite(d) => d,
            string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => d,
            _ => throw new GraphQLValueException($"Float cannot represent non numeric value: {Inspect.Value(v)}"),
        },
        ParseValue = v => v is not bool && IsNumber(v) && Convert.ToDouble(v, CultureInfo.InvariantCulture) is var d && double.IsFinite(d)
            ? d
            : throw new GraphQLValueException($"Float cannot represent non numeric value: {Inspect.Value(v)}"),
        ParseLiteral = node => node switch
        {
            IntValue i => double.Parse(i.Text, CultureInfo.InvariantCulture),
            FloatValue f => double.Parse(f.Text, CultureInfo.InvariantCulture),
            _ => throw new GraphQLValueException($"Float cannot represent non numeric value: {node}"),
        },
    };

    public static readonly ScalarType String = new("String", "The `String` scalar type represents textual data, represented as UTF-8 character sequences. The String type is most often used by GraphQL to represent free-form human-readable text.")
    {
        Serialize = v => v switch
        {
            string s => s,
            bool b => b ? "true" : "false",
            Enum e => e.ToString(),
            System.DateTime or DateTimeOffset => ((IFormattable)v).ToString("O", CultureInfo.InvariantCulture),
            _ when IsNumber(v) => Convert.ToString(v, CultureInfo.InvariantCulture),
            _ => throw new GraphQLValueException($"String cannot represent value: {Inspect.Value(v)}"),
        },
        ParseValue = v => v as string ?? throw new GraphQLValueException($"String cannot represent a non string value: {Inspect.Value(v)}"),
        ParseLiteral = node => node is StringValue s ? s.Text : throw new GraphQLValueException($"String cannot represent a non string value: {node}"),
    };

    public static readonly ScalarType Boolean = new("Boolean", "The `Boolean` scalar type represents `true` or `false`.")
    {
        Serialize = v => v switch
        {
            bool b => b,
            _ when IsNumber(v) => Convert.ToDouble(v, CultureInfo.InvariantCulture) != 0,
            _ => throw new GraphQLValueException($"Boolean cannot represent a non boolean value: {Inspect.Value(v)}"),
        },
        ParseValue = v => v as bool? ?? throw new GraphQLValueException($"Boolean cannot represent a non boolean value: {Inspect.Value(v)}"),
        ParseLiteral = node => node is BooleanValue b ? b.Flag : throw new GraphQLValueException($"Boolean cannot represent a non boolean value: {node}"),
    };

    public static readonly ScalarType ID = new("ID", "The `ID` scalar type represents a unique identifier, often used to refetch an object or as key for a cache. The ID type appears in a JSON response as a String; however, it is not intended to be human-readable. When expected as an input type, any string (such as `\"4\"`) or integer (such as `4`) input value will be accepted as an ID.")
    {
        Serialize = v => v switch
        {
            string s => s,
            Guid g => g.ToString(),
            _ when IsInteger(v) => Convert.ToString(v, CultureInfo.InvariantCulture),
            _ => throw new GraphQLValueException($"ID cannot represent value: {Inspect.Value(v)}"),
        },
        ParseValue = v => v switch
        {
            string s => s,
            _ when IsInteger(v) && v is not bool => Convert.ToString(v, CultureInfo.InvariantCulture),
            _ => throw new GraphQLValueException($"ID cannot represent value: {Inspect.Value(v)}"),
        },
        ParseLiteral = node => node switch
        {
            StringValue s => s.Text,
            IntValue i => i.Text,
            _ => throw new GraphQLValueException($"ID cannot represent a non-string and non-integer value: {node}"),
        },
    };

    /// <summary>ISO 8601 date and time; not built in, offered for schemas that need it.</summary>
    public static readonly ScalarType DateTime = new("DateTime", "A date and time in ISO 8601 format, in UTC.")
    {
        Serialize = v => v switch
        {
            System.DateTime d => d.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            DateTimeOffset d => d.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            string s => s,
            _ => throw new GraphQLValueException($"DateTime cannot represent value: {Inspect.Value(v)}"),
        },
        ParseValue = v => v is string s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)
            ? d.UtcDateTime
            : throw new GraphQLValueException($"DateTime cannot represent value: {Inspect.Value(v)}"),
        ParseLiteral = node => node is StringValue s && DateTimeOffset.TryParse(s.Text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)
            ? d.UtcDateTime
            : throw new GraphQLValueException($"DateTime cannot represent value: {node}"),
    };

    public static IReadOnlyList<ScalarType> BuiltIn { get; } = [String, Int, Float, Boolean, ID];

    private static object SerializeInt(object v)
    {
        if (v is bool b) return b ? 1 : 0;
        if (!IsNumber(v)) throw new GraphQLValueException($"Int cannot represent non-integer value: {Inspect.Value(v)}");
        var d = Convert.ToDouble(v, CultureInfo.InvariantCulture);
        if (d != Math.Floor(d) || !double.IsFinite(d)) throw new GraphQLValueException($"Int cannot represent non-integer value: {Inspect.Value(v)}");
        if (d is > int.MaxValue or < int.MinValue) throw new GraphQLValueException($"Int cannot represent non 32-bit signed integer value: {Inspect.Value(v)}");
        return (int)d;
    }

    private static int ToInt(object v)
    {
        var d = Convert.ToDouble(v, CultureInfo.InvariantCulture);
        if (d != Math.Floor(d) || !double.IsFinite(d)) throw new GraphQLValueException($"Int cannot represent non-integer value: {Inspect.Value(v)}");
        if (d is > int.MaxValue or < int.MinValue) throw new GraphQLValueException($"Int cannot represent non 32-bit signed integer value: {Inspect.Value(v)}");
        return (int)d;
    }

    internal static bool IsNumber(object? v) => v is int or long or short or byte or sbyte or uint or ulong or ushort or double or float or decimal;
    private static bool IsInteger(object? v) => v is int or long or short or byte or sbyte or uint or ulong or ushort;
}

/// <summary>Prints runtime values for error messages, the way GraphQL tooling does.</summary>
public static class Inspect
{
    /// <summary>The printed value, cut to <paramref name="maxLength"/> characters for huge inputs.</summary>
    public static string Value(object? value, int maxLength)
    {
        if (value is System.Collections.ICollection { Count: > 100 } collection)
            return value is IReadOnlyDictionary<string, object?> ? $"{{ {collection.Count} fields }}" : $"[{collection.Count} items]";
        var text = Value(value);
        return text.Length <= maxLength ? text : text[..maxLength] + "...";
    }

    public static string Value(object? value) => value switch
    {
        null => "null",
        string s => Printer.Quote(s),
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f when Scalars.IsNumber(value) => f.ToString(null, CultureInfo.InvariantCulture),
        IReadOnlyDictionary<string, object?> map => map.Count == 0 ? "{}" : "{ " + string.Join(", ", map.Select(p => $"{p.Key}: {Value(p.Value)}")) + " }",
        System.Collections.IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(item => Value(item))) + "]",
        _ => value.ToString() ?? "",
    };
}
