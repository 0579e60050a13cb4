using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Benchmarks;

/// <summary>
/// Counts the commands EF sends (database round trips) and the time spent waiting for them, to see what one save
/// costs; <see cref="Transactions"/> counts the transaction commands beside them (begin, savepoint, release, commit).
/// </summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    private long count;
    private long ticks;

    /// <summary>Set PORTAL_BENCH_SQL=1 to print every command: the profile of a save, query by query.</summary>
    private static readonly bool Print = Environment.GetEnvironmentVariable("PORTAL_BENCH_SQL") == "1";

    // One timed command at a time: the benchmarks that read the time run their commands one after another.
    private long started;

    public long Count => Interlocked.Read(ref count);

    /// <summary>Milliseconds between sending a command and its result (database work and the round trip), for sequential runs.</summary>
    public double Milliseconds => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref ticks)).TotalMilliseconds;

    public TransactionCounter Transactions { get; } = new();

    /// <summary>When set, every command's text is added to it (the profile of one request).</summary>
    public List<string>? Recording { get; set; }

    private void Counted(DbCommand command)
    {
        Interlocked.Increment(ref count);
        if (Recording is { } recording) lock (recording) recording.Add(command.CommandText.ReplaceLineEndings(" "));
        if (Print) Console.WriteLine("   sql: " + command.CommandText.ReplaceLineEndings(" "));
        started = Stopwatch.GetTimestamp();
    }

    private void Done() => Interlocked.Add(ref ticks, Stopwatch.GetTimestamp() - started);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Counted(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
        CancellationToken cancellationToken = default)
    {
        Done();
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Counted(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        Done();
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Counted(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result,
        CancellationToken cancellationToken = default)
    {
        Done();
        return ValueTask.FromResult(result);
    }
}

/// <summary>Transaction commands: begin, savepoint, release, rollback to savepoint, commit, rollback.</summary>
public sealed class TransactionCounter : DbTransactionInterceptor
{
    private long count;

    public long Count => Interlocked.Read(ref count);

    private void Counted() => Interlocked.Increment(ref count);

    public override ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        Counted();
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Counted();
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult> TransactionRollingBackAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Counted();
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult> CreatingSavepointAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Counted();
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult> ReleasingSavepointAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Counted();
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult> RollingBackToSavepointAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Counted();
        return ValueTask.FromResult(result);
    }
}
