using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Portal.Core.Data;

namespace Portal.Core.Cluster;

/// <summary>
/// "Something shared changed; drop what you cached." A signal is raised on every node after the transaction that
/// sent it commits, and never when it rolls back. On PostgreSQL it travels by NOTIFY on the channel
/// <see cref="PostgresChannel"/> (the listener is <see cref="PostgresSignalListener"/>); on SQLite, where one
/// process owns the database, it is raised in-process. Handlers also run when the listener reconnects, since
/// signals sent while it was away are lost.
/// </summary>
public sealed class ChangeSignals(ILogger<ChangeSignals> logger)
{
    public const string PostgresChannel = "portal_changes";

    private readonly ConcurrentDictionary<string, Action[]> handlers = new();
    private readonly ConditionalWeakTable<DbTransaction, PendingChannels> afterCommit = new();
    private volatile bool live;

    /// <summary>
    /// True while every other node's signals are known to reach this one (the PostgreSQL listener is connected).
    /// Only then may a cache be trusted without asking the database; on SQLite another process (a command) may write.
    /// </summary>
    public bool Live => live;

    /// <summary>
    /// While signals are not live, how long a cache checked against the database may serve without asking again: what
    /// another process (or, with the listener away, another node) changes shows within it.
    /// </summary>
    public static readonly TimeSpan CheckedTrust = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// May a cache last checked against the database at <paramref name="checkedAt"/> (a <see cref="Stopwatch"/> timestamp:
    /// a test's frozen <see cref="TimeProvider"/> must not freeze the window) serve without asking again?
    /// </summary>
    public bool Trusts(long checkedAt) => live || Stopwatch.GetElapsedTime(checkedAt) < CheckedTrust;

    /// <summary>Runs <paramref name="handler"/> whenever <paramref name="channel"/> is signalled; dispose to stop.</summary>
    public IDisposable Subscribe(string channel, Action handler)
    {
        handlers.AddOrUpdate(channel, _ => [handler], (_, list) => [.. list, handler]);
        return new Subscription(() => handlers.AddOrUpdate(channel, _ => [], (_, list) => [.. list.Where(h => h != handler)]));
    }

    /// <summary>Signals <paramref name="channel"/> to every node once <paramref name="db"/>'s transaction commits (at once without one).</summary>
    public async Task SignalAsync(PortalDbContext db, string channel, CancellationToken cancellationToken = default)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        if (db.Provider == DatabaseProvider.Postgres)
        {
            // One NOTIFY per channel and transaction: a save signals the same channel from several handlers.
            if (transaction is not null && !Pending(transaction).Add(channel)) return;
            // NOTIFY is transactional: PostgreSQL delivers it on commit, to this node's listener too.
            await db.Database.ExecuteSqlRawAsync("SELECT pg_notify({0}, {1})", [PostgresChannel, channel], cancellationToken);
            return;
        }
        if (transaction is not null)
            Pending(transaction).Add(channel);
        else
            Raise(channel);
    }

    /// <summary>The channels signalled in <paramref name="transaction"/> so far (a set that locks itself).</summary>
    private PendingChannels Pending(DbTransaction transaction) => afterCommit.GetOrCreateValue(transaction);

    /// <summary>Runs the handlers of <paramref name="channel"/> on this node.</summary>
    public void Raise(string channel)
    {
        if (!handlers.TryGetValue(channel, out var list)) return;
        foreach (var handler in list)
        {
            try
            {
                handler();
            }
            catch (Exception e)
            {
                // One faulty subscriber must not keep the others' caches stale.
                logger.LogError(e, "A handler of the change signal {Channel} failed", channel);
            }
        }
    }

    internal void Connected()
    {
        foreach (var channel in handlers.Keys) Raise(channel);
        live = true;
    }

    internal void Disconnected() => live = false;

    internal void Committed(DbTransaction transaction)
    {
        if (!afterCommit.TryGetValue(transaction, out var pending)) return;
        afterCommit.Remove(transaction);
        // On PostgreSQL the listener raises them, as NOTIFY delivers them to this node too; while it is away, this node
        // raises them itself (the others run every handler when their listener comes back).
        if (transaction is Npgsql.NpgsqlTransaction && live) return;
        foreach (var channel in pending.Drain()) Raise(channel);
    }

    internal void RolledBack(DbTransaction transaction) => afterCommit.Remove(transaction);

    /// <summary>
    /// PostgreSQL dropped the NOTIFYs sent since the savepoint, so forget what was sent: the next signal is sent again
    /// (a repeat of one that survived is merged by PostgreSQL). In-process signals stay queued: one too many is harmless.
    /// </summary>
    internal void RolledBackToSavepoint(DbTransaction transaction)
    {
        if (transaction is Npgsql.NpgsqlTransaction && afterCommit.TryGetValue(transaction, out var pending)) pending.Clear();
    }

    private sealed class PendingChannels
    {
        private readonly HashSet<string> channels = new(StringComparer.Ordinal);

        public bool Add(string channel)
        {
            lock (channels) return channels.Add(channel);
        }

        public void Clear()
        {
            lock (channels) channels.Clear();
        }

        public string[] Drain()
        {
            lock (channels) return [.. channels];
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) dispose();
        }
    }
}

/// <summary>Raises the in-process signals a transaction queued once it commits; drops them when it rolls back.</summary>
internal sealed class SignalsOnCommit(ChangeSignals signals) : DbTransactionInterceptor
{
    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => signals.Committed(transaction);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        signals.Committed(transaction);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => signals.RolledBack(transaction);

    public override void RolledBackToSavepoint(DbTransaction transaction, TransactionEventData eventData) => signals.RolledBackToSavepoint(transaction);

    public override Task RolledBackToSavepointAsync(DbTransaction transaction, TransactionEventData eventData, CancellationToken cancellationToken = default)
    {
        signals.RolledBackToSavepoint(transaction);
        return Task.CompletedTask;
    }

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        signals.RolledBack(transaction);
        return Task.CompletedTask;
    }
}
