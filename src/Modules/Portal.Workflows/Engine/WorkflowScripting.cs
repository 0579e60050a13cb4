using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Parser;
using Jint.Runtime;

namespace Portal.Workflows.Engine;

/// <summary>
/// JavaScript for one run of an instance (Jint, ES5): expressions, scripts and <c>{{ expression }}</c> templates
/// see <c>input(name)</c>, <c>output(name, value)</c>, <c>property(name)</c>, <c>setProperty(name, value)</c>,
/// <c>correlationId()</c>, <c>lastResult()</c>, <c>signalUrl(name)</c> and, in scripts, <c>setOutcome(name)</c>. A script that runs too
/// long or recurses too deep fails its activity with a clear message.
/// </summary>
public sealed class WorkflowScripting
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private const int MaxRecursion = 64;

    private readonly WorkflowContext workflow;
    private readonly Jint.Engine engine;
    private readonly List<string> outcomes = [];

    internal WorkflowScripting(WorkflowContext workflow)
    {
        this.workflow = workflow;
        engine = new Jint.Engine(o => o.TimeoutInterval(Timeout).LimitRecursion(MaxRecursion));
        var state = workflow.State;
        engine.SetValue("input", new Func<string, JsValue>(name => ToJs(state.Input[name])));
        engine.SetValue("output", new Func<string, JsValue, JsValue>((name, value) =>
        {
            state.Output[name] = ToJson(value);
            return value;
        }));
        engine.SetValue("property", new Func<string, JsValue>(name => ToJs(state.Properties[name])));
        engine.SetValue("setProperty", new Func<string, JsValue, JsValue>((name, value) =>
        {
            state.Properties[name] = ToJson(value);
            return value;
        }));
        engine.SetValue("correlationId", new Func<string?>(() => workflow.CorrelationId));
        engine.SetValue("workflowInstanceId", new Func<string>(() => workflow.InstanceId));
        engine.SetValue("lastResult", new Func<JsValue>(() => ToJs(state.LastResult)));
        engine.SetValue("setOutcome", new Action<string>(outcomes.Add));
        engine.SetValue("signalUrl", new Func<string, string>(signal => workflow.Get<Services.WorkflowSignals>().SignalUrl(workflow.InstanceId, signal)));
    }

    /// <summary>The value of <paramref name="expression"/>; <paramref name="where"/> names it in errors ("IfElseTask.Condition").</summary>
    public JsonNode? Evaluate(string expression, string where) => ToJson(Run(expression, where));

    /// <summary>Runs a script and returns its value and the outcomes it set with <c>setOutcome</c>.</summary>
    public (JsonNode? Value, IReadOnlyList<string> Outcomes) Execute(string script, string where)
    {
        outcomes.Clear();
        var value = ToJson(Run(script, where));
        return (value, outcomes.ToList());
    }

    /// <summary><paramref name="template"/> with each <c>{{ expression }}</c> replaced by its value as text.</summary>
    public string Render(string template, string where)
    {
        var text = new StringBuilder();
        var at = 0;
        while (at < template.Length)
        {
            var open = template.IndexOf("{{", at, StringComparison.Ordinal);
            if (open < 0) break;
            var close = template.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0) throw new WorkflowActivityException($"{where}: '{{{{' at position {open} is never closed with '}}}}'.");
            text.Append(template, at, open - at);
            var value = Run(template[(open + 2)..close], where);
            if (!value.IsNull() && !value.IsUndefined())
                text.Append(value.IsString() || value.IsNumber() || value.IsBoolean() ? value.ToString() : Stringify(value));
            at = close + 2;
        }
        text.Append(template, at, template.Length - at);
        return text.ToString();
    }

    public static bool IsTruthy(JsonNode? value) => value switch
    {
        null => false,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length > 0,
        JsonValue v when v.TryGetValue<double>(out var d) => d != 0 && !double.IsNaN(d),
        _ => true,
    };

    private JsValue Run(string script, string where)
    {
        try
        {
            return engine.Execute(script).GetCompletionValue();
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
        catch (Exception e) when (e is JavaScriptException or ParserException or RecursionDepthOverflowException
                                      or TimeoutException or StatementsCountOverflowException or ArgumentException)
        {
            var reason = e is TimeoutException ? $"it ran longer than {Timeout.TotalSeconds:0} s" : e.Message;
            throw new WorkflowActivityException($"{where}: the script failed: {reason}", e);
        }
    }

    private JsValue ToJs(JsonNode? node) =>
        node is null ? JsValue.Null : engine.Json.Parse(JsValue.Undefined, [new JsValue(node.ToJsonString())]);

    private string Stringify(JsValue value) => engine.Json.Stringify(JsValue.Undefined, [value]) is var s && s.IsString() ? s.AsString() : "";

    private JsonNode? ToJson(JsValue value)
    {
        if (value.IsNull() || value.IsUndefined()) return null;
        if (value.IsString()) return JsonValue.Create(value.AsString());
        if (value.IsBoolean()) return JsonValue.Create(value.AsBoolean());
        if (value.IsNumber())
        {
            var number = value.AsNumber();
            return number == Math.Floor(number) && Math.Abs(number) < 1e15 ? JsonValue.Create((long)number) : JsonValue.Create(number);
        }
        var json = Stringify(value);
        return json.Length == 0 ? null : JsonNode.Parse(json);
    }
}
