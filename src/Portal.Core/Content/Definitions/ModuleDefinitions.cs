using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Content.Definitions;

/// <summary>
/// A module's own content types and parts, versioned like migrations (Orchard Core's data migrations). Each version is
/// the JSON of a <c>ContentDefinition</c> recipe step (<c>ContentTypes</c>, <c>ContentParts</c>), usually embedded in the
/// module; register one with <c>services.AddSingleton(ModuleDefinitions.FromResources(...))</c>.
/// </summary>
public sealed record ModuleDefinitions(string Module, IReadOnlyList<string> Versions)
{
    /// <summary>The versions from embedded resources of <paramref name="assembly"/>, version 1 first.</summary>
    public static ModuleDefinitions FromResources(Assembly assembly, string module, params string[] resourceNames) =>
        new(module, resourceNames.Select(name =>
        {
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"{module} has no embedded resource '{name}'.");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }).ToList());

    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    internal ContentDefinitionDocument Version(int number)
    {
        var node = JsonNode.Parse(Versions[number - 1], documentOptions: Lenient);
        return node.Deserialize<ContentDefinitionDocument>(ContentJson.Options)
            ?? throw new InvalidOperationException($"{Module}'s content definitions, version {number}, are empty.");
    }
}

/// <summary>
/// Applies the versions of every module's <see cref="ModuleDefinitions"/> this database has not had yet, at start-up,
/// each once and in order. A version adds what is absent (a type, a part, a part on a type, a field of a part) and
/// leaves what exists as it is: what an administrator changed in the type editor stays changed, and what they removed
/// after the version was applied stays removed.
/// </summary>
public sealed class ModuleDefinitionsMigrator(PortalDbContext db, ContentDefinitionStore store, IEnumerable<ModuleDefinitions> modules, TimeProvider clock)
{
    public async Task ApplyAsync(CancellationToken cancellationToken = default)
    {
        foreach (var module in modules)
        {
            var applied = await db.Set<ModuleDefinitionsRecord>().AsNoTracking()
                .Where(r => r.Module == module.Module).Select(r => r.Version).ToListAsync(cancellationToken);
            for (var number = 1; number <= module.Versions.Count; number++)
            {
                if (applied.Contains(number)) continue;
                var version = module.Version(number);
                var errors = await db.InTransactionAsync<IReadOnlyList<ContentError>>(async () =>
                {
                    // The ledger row first: of nodes starting together, one inserts it and applies the version; the
                    // others wait on its row until it commits, then insert nothing and skip the version.
                    var claimed = await db.Database.ExecuteSqlRawAsync(
                        """INSERT INTO "ModuleDefinitions" ("Module", "Version", "AppliedUtc") VALUES ({0}, {1}, {2}) ON CONFLICT DO NOTHING""",
                        [module.Module, number, clock.GetUtcNow().UtcDateTime], cancellationToken);
                    return claimed == 0 ? [] : await store.AlterAsync(document => AddAbsent(document, version));
                }, e => e.Count == 0, cancellationToken);
                if (errors.Count > 0)
                    throw new InvalidOperationException($"{module.Module}'s content definitions, version {number}, are not valid: " +
                        string.Join("; ", errors.Select(e => $"{e.Path}: {e.Message}")));
            }
        }
    }

    /// <summary>Adds to <paramref name="document"/> the types, parts, type parts and fields of <paramref name="version"/> it lacks.</summary>
    public static void AddAbsent(ContentDefinitionDocument document, ContentDefinitionDocument version)
    {
        foreach (var part in version.ContentParts)
        {
            if (document.ContentParts.FirstOrDefault(p => p.Name == part.Name) is not { } existing) document.ContentParts.Add(part);
            else existing.Fields.AddRange(part.Fields.Where(f => existing.Fields.All(e => e.Name != f.Name)));
        }
        foreach (var type in version.ContentTypes)
        {
            if (document.ContentTypes.FirstOrDefault(t => t.Name == type.Name) is not { } existing) document.ContentTypes.Add(type);
            else existing.Parts.AddRange(type.Parts.Where(p => existing.Parts.All(e => e.Name != p.Name)));
        }
    }
}
