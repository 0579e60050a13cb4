using Portal.Core.Modules;

namespace Portal.Core.Tests.Modules;

public class ModuleCatalogTests
{
    private sealed class TestModule(string name, params string[] dependencies) : PortalModule
    {
        public override string Name => name;
        public override IReadOnlyList<string> Dependencies => dependencies;
    }

    [Fact]
    public void Modules_come_after_their_dependencies_whatever_the_listed_order()
    {
        var catalog = new ModuleCatalog([new TestModule("Wishes", "Contents", "Users"), new TestModule("Users"), new TestModule("Contents", "Users")]);

        Assert.Equal(["Users", "Contents", "Wishes"], catalog.Modules.Select(m => m.Name));
    }

    [Fact]
    public void A_missing_dependency_stops_startup_naming_both_modules()
    {
        var error = Assert.Throws<ModuleLoadException>(() => new ModuleCatalog([new TestModule("Wishes", "Workflows")]));

        Assert.Contains("'Wishes'", error.Message);
        Assert.Contains("'Workflows'", error.Message);
        Assert.Contains("not in the host's module list", error.Message);
    }

    [Fact]
    public void A_dependency_cycle_is_reported_with_its_path()
    {
        var error = Assert.Throws<ModuleLoadException>(() => new ModuleCatalog([new TestModule("A", "B"), new TestModule("B", "A")]));

        Assert.Contains("A -> B -> A", error.Message);
    }

    [Fact]
    public void A_module_listed_twice_is_refused()
    {
        Assert.Throws<ModuleLoadException>(() => new ModuleCatalog([new TestModule("A"), new TestModule("A")]));
    }
}
