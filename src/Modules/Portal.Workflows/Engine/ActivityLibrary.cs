namespace Portal.Workflows.Engine;

/// <summary>The activities modules registered, by name.</summary>
public sealed class ActivityLibrary(IEnumerable<Activity> activities)
{
    private readonly Dictionary<string, Activity> byName = activities.ToDictionary(a => a.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<Activity> All => byName.Values;

    public Activity? Find(string name) => byName.GetValueOrDefault(name);
}
