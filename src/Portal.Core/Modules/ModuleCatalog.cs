namespace Portal.Core.Modules;

/// <summary>The host's modules, ordered so that each comes after the modules it depends on.</summary>
public sealed class ModuleCatalog
{
    public IReadOnlyList<PortalModule> Modules { get; }

    public ModuleCatalog(IEnumerable<PortalModule> modules)
    {
        Modules = Order(modules.ToList());
    }

    public PortalModule? Find(string name) => Modules.FirstOrDefault(m => m.Name == name);

    private static List<PortalModule> Order(List<PortalModule> modules)
    {
        var byName = new Dictionary<string, PortalModule>(StringComparer.Ordinal);
        foreach (var module in modules)
        {
            if (!byName.TryAdd(module.Name, module))
                throw new ModuleLoadException($"Module '{module.Name}' is listed twice.");
        }
        foreach (var module in modules)
        {
            var missing = module.Dependencies.Where(d => !byName.ContainsKey(d)).ToList();
            if (missing.Count > 0)
                throw new ModuleLoadException(
                    $"Module '{module.Name}' depends on {string.Join(", ", missing.Select(m => $"'{m}'"))}, " +
                    "which is not in the host's module list. Add it to the list or remove the dependency.");
        }

        // Depth-first topological sort; keeps the listed order where dependencies allow it.
        var ordered = new List<PortalModule>();
        var state = new Dictionary<string, bool>(); // false: visiting, true: done
        void Visit(PortalModule module, Stack<string> path)
        {
            if (state.TryGetValue(module.Name, out var done))
            {
                if (!done)
                    throw new ModuleLoadException(
                        $"Modules depend on each other in a cycle: {string.Join(" -> ", path.Reverse().Append(module.Name))}.");
                return;
            }
            state[module.Name] = false;
            path.Push(module.Name);
            foreach (var dependency in module.Dependencies)
                Visit(byName[dependency], path);
            path.Pop();
            state[module.Name] = true;
            ordered.Add(module);
        }
        foreach (var module in modules)
            Visit(module, new Stack<string>());
        return ordered;
    }
}

public sealed class ModuleLoadException(string message) : Exception(message);
