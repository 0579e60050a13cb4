using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Benchmarks;

/// <summary>Counts the commands EF sends (database round trips), to see what one save costs.</summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    private long count;

    /// <summary>Set PORTAL_BENCH_SQL=1 to print every command: the profile of a save, query by query.</summary>
    private static readonly bool Print = Environment.GetEnvironmentVariable("PORTAL_BENCH_SQL") == "1";

    private void Counted(DbCommand command)
    {
        Interlocked.Increment(ref count);
        if (Print) Console.WriteLine("   sql: " + command.CommandText.ReplaceLineEndings(" "));
    }

    public long Count => Interlocked.Read(ref count);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Counted(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Counted(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Counted(command);
        return ValueTask.FromResult(result);
    }
}
