using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jint;
using Jint.Native;
using Jint.Parser;
using Jint.Runtime;
using Microsoft.Extensions.Configuration;
using Portal.Core.Content;

namespace Portal.Core.Recipes;

/// <summary>An expression in a recipe that cannot be evaluated; the step holding it fails with this message.</summary>
public sealed class RecipeExpressionException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Evaluates the expressions of one recipe run: string values <c>[js: ...]</c> (Jint, with uuid, variables,
/// parameters, configuration and base64) and <c>[file:text('path')]</c> (a file beside the recipe).
/// Variables are evaluated on first use and then reused for the rest of the run.
/// </summary>
public sealed partial class RecipeExpressions(
    JsonObject variables,
    IReadOnlyDictionary<string, string?> parameters,
    IConfiguration configuration,
    string recipeDirectory)
{
    public static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(2);
    private const int MaxRecursion = 64;
    private const int MaxDepth = 64;

    private readonly Dictionary<string, JsonNode?> evaluated = new(StringComparer.Ordinal);
    private readonly HashSet<string> evaluating = new(StringComparer.Ordinal);

    /// <summary>A copy of <paramref name="node"/> with every expression string replaced by its value.</summary>
    public JsonNode? Evaluate(JsonNode? node) => Evaluate(node, 0);

    private JsonNode? Evaluate(JsonNode? node, int depth)
    {
        if (depth > MaxDepth) throw new RecipeExpressionException($"The step is nested deeper than {MaxDepth} levels.");
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj) copy[key] = Evaluate(value, depth + 1);
                return copy;
            case JsonArray array:
                return new JsonArray(array.Select(e => Evaluate(e, depth + 1)).ToArray());
            case JsonValue value when value.TryGetValue<string>(out var text):
                return EvaluateString(text);
            default:
                return node?.DeepClone();
        }
    }

    private JsonNode? EvaluateString(string text)
    {
        if (ScriptExpression().Match(text) is { Success: true } script)
            return RunScript(script.Groups["script"].Value, text);
        if (FileExpression().Match(text) is { Success: true } file)
            return JsonValue.Create(ReadText(file.Groups["path"].Value));
        return JsonValue.Create(text);
    }

    private JsonNode? RunScript(string script, string expression)
    {
        var engine = new Engine(o => o.TimeoutInterval(ScriptTimeout).LimitRecursion(MaxRecursion));
        engine.SetValue("uuid", new Func<string>(IdGenerator.NewId));
        engine.SetValue("variables", new Func<string, object?>(name => ToClr(Variable(name))));
        engine.SetValue("parameters", new Func<string, string?>(name => parameters.GetValueOrDefault(name)));
        engine.SetValue("configuration", new Func<string, object?, object?>((key, fallback) => configuration[key] ?? fallback));
        engine.SetValue("base64", new Func<string, string>(Base64));
        JsValue result;
        try
        {
            result = engine.Execute(script).GetCompletionValue();
        }
        catch (TargetInvocationException e) when (e.InnerException is RecipeExpressionException inner)
        {
            // Jint calls our functions through reflection; their own messages are the clear ones.
            ExceptionDispatchInfo.Throw(inner);
            throw;
        }
        catch (Exception e) when (e is JavaScriptException or ParserException or RecursionDepthOverflowException
                                      or TimeoutException or StatementsCountOverflowException or ArgumentException)
        {
            var reason = e is TimeoutException ? $"it ran longer than {ScriptTimeout.TotalSeconds:0} s" : e.Message;
            throw new RecipeExpressionException($"The expression '{expression}' failed: {reason}", e);
        }
        return ToJson(result);
    }

    private JsonNode? Variable(string name)
    {
        if (evaluated.TryGetValue(name, out var value)) return value?.DeepClone();
        if (!variables.TryGetPropertyValue(name, out var raw))
            throw new RecipeExpressionException($"The recipe has no variable '{name}'.");
        if (!evaluating.Add(name))
            throw new RecipeExpressionException($"The variable '{name}' refers to itself.");
        value = Evaluate(raw);
        evaluating.Remove(name);
        evaluated[name] = value;
        return value?.DeepClone();
    }

    private string ReadText(string relativePath)
    {
        var path = ResolveInside(recipeDirectory, relativePath)
            ?? throw new RecipeExpressionException($"The file '{relativePath}' is outside the recipe's folder.");
        if (!File.Exists(path)) throw new RecipeExpressionException($"The file '{relativePath}' does not exist beside the recipe.");
        return File.ReadAllText(path);
    }

    /// <summary>The full path of <paramref name="relativePath"/> under <paramref name="folder"/>, or null when it escapes the folder.</summary>
    public static string? ResolveInside(string folder, string relativePath)
    {
        if (relativePath.Length == 0 || Path.IsPathRooted(relativePath) || relativePath.Contains('\\')) return null;
        var root = Path.GetFullPath(folder);
        var full = Path.GetFullPath(Path.Combine(root, relativePath));
        return full.StartsWith(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }

    private static string Base64(string encoded)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        }
        catch (FormatException e)
        {
            throw new RecipeExpressionException($"base64('{encoded}') is not valid base64.", e);
        }
    }

    private static object? ToClr(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<double>(out var d) => d,
        _ => node.ToJsonString(),
    };

    private static JsonNode? ToJson(JsValue value)
    {
        if (value.IsNull() || value.IsUndefined()) return null;
        if (value.IsString()) return JsonValue.Create(value.AsString());
        if (value.IsBoolean()) return JsonValue.Create(value.AsBoolean());
        if (value.IsNumber())
        {
            var number = value.AsNumber();
            return number == Math.Floor(number) && Math.Abs(number) < 1e15 ? JsonValue.Create((long)number) : JsonValue.Create(number);
        }
        return JsonValue.Create(value.ToString());
    }

    [GeneratedRegex(@"^\[js:(?<script>.*)\]$", RegexOptions.Singleline)]
    private static partial Regex ScriptExpression();

    [GeneratedRegex(@"^\[file:text\(\s*(?:'(?<path>[^']*)'|""(?<path>[^""]*)"")\s*\)\]$")]
    private static partial Regex FileExpression();
}
