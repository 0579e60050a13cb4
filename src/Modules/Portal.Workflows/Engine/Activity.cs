using System.Text.Json.Nodes;
using Portal.Workflows.Models;

namespace Portal.Workflows.Engine;

public enum ActivityKind { Task, Event }

/// <summary>How the designer edits a property: plain text, a JavaScript expression, a script, a <c>{{ }}</c> template ...</summary>
public enum PropertyKind { Text, Expression, Script, Template, Number, Boolean, List, Choice }

/// <summary>A property of an activity as the designer shows it.</summary>
public sealed record ActivityProperty(string Name, PropertyKind Kind, string Label, string Hint = "", IReadOnlyList<string>? Choices = null, bool Required = false);

/// <summary>
/// A kind of activity: a task that does something and names the outcomes it took, or an event that starts an
/// instance or, met along the way, halts it until the event happens. Modules register theirs as
/// <c>services.AddSingleton&lt;Activity, X&gt;()</c>; an activity holds no state of its own (it lives in the instance).
/// </summary>
public abstract class Activity
{
    /// <summary>The kind's name as stored in workflow types (Orchard's names where it has one).</summary>
    public abstract string Name { get; }

    public virtual ActivityKind Kind => ActivityKind.Task;
    public virtual string Category => "Primitives";
    public virtual string DisplayText => Name;
    public virtual string Description => "";
    public virtual IReadOnlyList<ActivityProperty> Properties => [];

    /// <summary>
    /// Whether running it may write to the database. Its run then has a savepoint of its own, so a failure undoes what
    /// it wrote and leaves only the fault. Events and tasks that only compute (conditions, scripts, reads) say false and
    /// spare the two round trips; a task that says nothing is taken to write.
    /// </summary>
    public virtual bool WritesData => Kind == ActivityKind.Task;

    /// <summary>The outcomes this activity can take, as configured (the designer draws one connector each).</summary>
    public abstract IReadOnlyList<string> Outcomes(ActivityRecord activity);

    /// <summary>For events: whether the event at hand concerns this activity (a content type filter, a signal's name).</summary>
    public virtual Task<bool> CanExecuteAsync(ActivityContext context) => Task.FromResult(true);

    /// <summary>Runs the activity when the flow reaches it. An event reached along the way halts by default.</summary>
    public virtual Task<ActivityResult> ExecuteAsync(ActivityContext context) =>
        Task.FromResult(Kind == ActivityKind.Event ? ActivityResult.Halt() : ActivityResult.Done);

    /// <summary>Runs an event activity when its event happened (it started or resumed the instance).</summary>
    public virtual Task<ActivityResult> ResumeAsync(ActivityContext context) => Task.FromResult(ActivityResult.Done);

    /// <summary>Problems with the activity's configuration, for the designer's validation before save.</summary>
    public virtual IEnumerable<string> Validate(ActivityRecord activity) => [];
}

/// <summary>What an activity did: took outcomes, halted to wait for an event, or ended its branch.</summary>
public sealed class ActivityResult
{
    private ActivityResult(IReadOnlyList<string> outcomes, bool halted, JsonObject? blockingData)
    {
        Outcomes = outcomes;
        Halted = halted;
        BlockingData = blockingData;
    }

    public IReadOnlyList<string> Outcomes { get; }
    public bool Halted { get; }

    /// <summary>What listings of waiting instances show without loading them (a user task's roles and actions).</summary>
    public JsonObject? BlockingData { get; }

    public static ActivityResult Outcome(params string[] outcomes) => new(outcomes, false, null);
    public static ActivityResult Halt(JsonObject? blockingData = null) => new([], true, blockingData);
    public static readonly ActivityResult Done = Outcome("Done");
    public static readonly ActivityResult Noop = Outcome();
}

/// <summary>An error an activity reports on purpose (bad configuration, a refused domain change); the instance faults with it.</summary>
public sealed class WorkflowActivityException(string message, Exception? inner = null) : Exception(message, inner);
