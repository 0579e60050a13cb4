using Microsoft.Data.Sqlite;
using Npgsql;

namespace Portal.Core.Data;

public static class UniqueViolation
{
    /// <summary>
    /// Whether <paramref name="exception"/> (or one it wraps) is the database refusing a second row for the unique index
    /// <paramref name="index"/> on <paramref name="column"/> (<c>Table.Column</c>: SQLite names the columns, not the index).
    /// </summary>
    public static bool Of(Exception exception, string index, string column)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg:
                    return pg.ConstraintName == index;
                case SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 } sqlite: // SQLITE_CONSTRAINT_UNIQUE
                    return sqlite.Message.Contains(column, StringComparison.Ordinal);
            }
        }
        return false;
    }
}
