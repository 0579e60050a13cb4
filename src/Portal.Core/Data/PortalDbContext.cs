using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Portal.Core.Data;

/// <summary>
/// The one database context of the portal. Modules contribute their tables through
/// <see cref="IModelContributor"/> and their migrations from their own assemblies, so that every save
/// of a request (content, indexes, audit, workflow state) can share one transaction.
/// </summary>
public sealed class PortalDbContext(
    DbContextOptions<PortalDbContext> options,
    IEnumerable<IModelContributor> contributors,
    PortalModelIdentity modelIdentity) : DbContext(options)
{
    internal PortalModelIdentity ModelIdentity => modelIdentity;

    public DatabaseProvider Provider => Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true
        ? DatabaseProvider.Postgres
        : DatabaseProvider.Sqlite;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        foreach (var contributor in contributors)
            contributor.Configure(modelBuilder, Provider);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction and commits when <paramref name="commitWhen"/> holds
    /// (always, when not given); otherwise, or on an exception, nothing of it remains. Inside an open
    /// transaction (a recipe, a workflow) it uses a savepoint, and the outer owner commits.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(Func<Task<T>> work, Func<T, bool>? commitWhen = null, CancellationToken cancellationToken = default)
    {
        if (Database.CurrentTransaction is { } outer)
        {
            var savepoint = "sp" + Guid.NewGuid().ToString("N")[..12];
            await outer.CreateSavepointAsync(savepoint, cancellationToken);
            try
            {
                var nested = await work();
                if (commitWhen is null || commitWhen(nested))
                    await outer.ReleaseSavepointAsync(savepoint, cancellationToken);
                else
                    await outer.RollbackToSavepointAsync(savepoint, cancellationToken);
                return nested;
            }
            catch
            {
                await outer.RollbackToSavepointAsync(savepoint, CancellationToken.None);
                throw;
            }
        }
        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var result = await work();
            if (commitWhen is null || commitWhen(result))
                await transaction.CommitAsync(cancellationToken);
            else
                await RollbackAsync(transaction);
            return result;
        }
        catch
        {
            await RollbackAsync(transaction);
            throw;
        }
    }

    private async Task RollbackAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction)
    {
        await transaction.RollbackAsync(CancellationToken.None);
        // Entities added or changed inside the transaction must not be saved by a later SaveChanges.
        ChangeTracker.Clear();
    }
}

/// <summary>The set of modules whose tables make up the model; part of EF's model cache key.</summary>
public sealed class PortalModelIdentity(IReadOnlyList<Assembly> moduleAssemblies)
{
    public IReadOnlyList<Assembly> ModuleAssemblies { get; } = moduleAssemblies;

    public string Key { get; } = string.Join("|", moduleAssemblies.Select(a => a.GetName().Name));
}

internal sealed class PortalModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        context is PortalDbContext portal
            ? (context.GetType(), portal.ModelIdentity.Key, portal.Provider, designTime)
            : (object)(context.GetType(), designTime);
}
