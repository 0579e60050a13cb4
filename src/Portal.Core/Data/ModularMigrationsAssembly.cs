using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Internal;

namespace Portal.Core.Data;

/// <summary>
/// Finds the hand-written migrations of every module assembly (EF looks in one assembly only).
/// Migration ids start with a timestamp, so they apply in the order they were written.
/// </summary>
#pragma warning disable EF1001 // MigrationsAssembly is internal API; it is the documented extension point for this.
internal sealed class ModularMigrationsAssembly(
    ICurrentDbContext currentContext,
    IDbContextOptions options,
    IMigrationsIdGenerator idGenerator,
    IDiagnosticsLogger<DbLoggerCategory.Migrations> logger)
    : MigrationsAssembly(currentContext, options, idGenerator, logger)
{
    private readonly PortalDbContext context = (PortalDbContext)currentContext.Context;
    private IReadOnlyDictionary<string, TypeInfo>? migrations;

    public override IReadOnlyDictionary<string, TypeInfo> Migrations => migrations ??= Discover();

    private SortedList<string, TypeInfo> Discover()
    {
        var found = new SortedList<string, TypeInfo>(StringComparer.Ordinal);
        foreach (var assembly in context.ModelIdentity.ModuleAssemblies.Append(typeof(PortalDbContext).Assembly).Distinct())
        {
            foreach (var type in assembly.DefinedTypes)
            {
                if (!type.IsSubclassOf(typeof(Migration)) || type.IsAbstract)
                    continue;
                if (type.GetCustomAttribute<DbContextAttribute>()?.ContextType != typeof(PortalDbContext))
                    continue;
                var id = type.GetCustomAttribute<MigrationAttribute>()?.Id
                    ?? throw new InvalidOperationException($"Migration {type.FullName} has no [Migration] id.");
                if (!found.TryAdd(id, type))
                    throw new InvalidOperationException($"Two migrations share the id '{id}': {found[id].FullName} and {type.FullName}.");
            }
        }
        return found;
    }
}
#pragma warning restore EF1001
