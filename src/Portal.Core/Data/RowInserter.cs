using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Portal.Core.Data;

/// <summary>
/// Inserts new rows of one mapped type with one command, without the change tracker. The command's text and
/// parameters are built once per model from EF's own mapping (table, columns, type mappings and converters), so
/// values are stored exactly as SaveChanges stores them. Only the text is shared: each execution builds its own
/// command, because an EF command reuses its data reader and must never run on two connections at once. It runs through EF's pipeline (the current
/// transaction, interceptors, logging). For the hot write path of content saves, where SaveChanges sends one
/// command per row and spends more time tracking rows than the database spends storing them.
/// </summary>
public sealed class RowInserter<T> where T : class
{
    private static readonly ConditionalWeakTable<IModel, RowInserter<T>> PerModel = new();

    private readonly IReadOnlyList<IProperty> columns;
    private readonly string table;
    private readonly string columnList;
    private readonly IProperty? generatedKey;
    private readonly ISqlGenerationHelper sql;
    private readonly IRelationalCommandBuilderFactory builders;
    private readonly ConcurrentDictionary<(int Rows, string? Unique, bool SkipConflicts, string Prefix), string> texts = new();
    private readonly ConcurrentDictionary<(int Row, string Prefix), string[]> names = new();

    private RowInserter(DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var key = entity.FindPrimaryKey()!.Properties.Single();
        generatedKey = key.ValueGenerated == ValueGenerated.OnAdd ? key : null;
        columns = entity.GetProperties().Where(p => p != generatedKey).ToList();
        sql = db.GetService<ISqlGenerationHelper>();
        builders = db.GetService<IRelationalCommandBuilderFactory>();
        table = sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
        columnList = string.Join(", ", columns.Select(p => sql.DelimitIdentifier(p.GetColumnName())));
    }

    public static RowInserter<T> For(DbContext db) => PerModel.GetValue(db.Model, _ => new RowInserter<T>(db));

    /// <summary>Inserts <paramref name="rows"/> with one multi-row INSERT (nothing when there are none).</summary>
    public async Task InsertAsync(DbContext db, IReadOnlyList<T> rows)
    {
        if (rows.Count == 0) return;
        var command = Command(rows.Count, unique: null);
        await command.ExecuteNonQueryAsync(Parameters(db, rows));
    }

    /// <summary>
    /// Inserts <paramref name="rows"/> and, in the same command, <paramref name="then"/> (rows of another table that refer to
    /// these): one round trip where a new row and its dependants would take two.
    /// </summary>
    public async Task InsertAsync<TThen>(DbContext db, IReadOnlyList<T> rows, IReadOnlyList<TThen> then) where TThen : class
    {
        var next = RowInserter<TThen>.For(db);
        if (rows.Count == 0 || then.Count == 0)
        {
            await InsertAsync(db, rows);
            await next.InsertAsync(db, then);
            return;
        }
        var builder = builders.Create();
        var values = new Dictionary<string, object?>((rows.Count + then.Count) * columns.Count);
        Append(builder, values, rows, "p");
        builder.Append(";\n");
        next.Append(builder, values, then, "q");
        await builder.Build().ExecuteNonQueryAsync(Parameters(db, values));
    }

    /// <summary>
    /// Inserts <paramref name="row"/> unless a row with the same <paramref name="uniqueProperty"/> value exists, in one
    /// command, and returns its generated key; null when the value was taken and nothing was inserted.
    /// </summary>
    public async Task<long?> InsertUnlessExistsAsync(DbContext db, T row, string uniqueProperty)
    {
        if (generatedKey is null) throw new InvalidOperationException($"{typeof(T).Name} has no generated key to return.");
        var command = Command(1, uniqueProperty);
        await using var reader = await command.ExecuteReaderAsync(Parameters(db, [row]));
        return await reader.ReadAsync() ? Convert.ToInt64(reader.DbDataReader.GetValue(0)) : null;
    }

    /// <summary>
    /// Inserts <paramref name="row"/> unless that would break a unique index (<c>ON CONFLICT DO NOTHING</c>, on SQLite and
    /// PostgreSQL); whether it was inserted. Atomic where a check before the insert is not: of two transactions inserting
    /// the same key at once, the second waits for the first and inserts nothing when it commits.
    /// </summary>
    public async Task<bool> InsertUnlessConflictAsync(DbContext db, T row)
    {
        var command = Command(1, unique: null, skipConflicts: true);
        return await command.ExecuteNonQueryAsync(Parameters(db, [row])) == 1;
    }

    private IRelationalCommand Command(int rows, string? unique, bool skipConflicts = false)
    {
        var builder = builders.Create();
        for (var row = 0; row < rows; row++)
            for (var c = 0; c < columns.Count; c++)
            {
                var name = Names(row)[c];
                builder.AddParameter(name, sql.GenerateParameterNamePlaceholder(name), columns[c].GetRelationalTypeMapping(), columns[c].IsNullable);
            }
        builder.Append(texts.GetOrAdd((rows, unique, skipConflicts, "p"), k => Text(k.Rows, k.Unique, k.Prefix) + (k.SkipConflicts ? " ON CONFLICT DO NOTHING" : "")));
        return builder.Build();
    }

    /// <summary>Adds the multi-row INSERT of <paramref name="rows"/> to a command, its parameters named with <paramref name="prefix"/>.</summary>
    private void Append(IRelationalCommandBuilder builder, Dictionary<string, object?> values, IReadOnlyList<T> rows, string prefix)
    {
        for (var row = 0; row < rows.Count; row++)
            for (var c = 0; c < columns.Count; c++)
            {
                var name = Names(row, prefix)[c];
                builder.AddParameter(name, sql.GenerateParameterNamePlaceholder(name), columns[c].GetRelationalTypeMapping(), columns[c].IsNullable);
                values[name] = columns[c].GetGetter().GetClrValueUsingContainingEntity(rows[row]);
            }
        builder.Append(texts.GetOrAdd((rows.Count, null, false, prefix), k => Text(k.Rows, null, k.Prefix)));
    }

    private string Text(int rows, string? unique, string prefix = "p")
    {
        var text = new StringBuilder("INSERT INTO ").Append(table).Append(" (").Append(columnList).Append(')');
        for (var row = 0; row < rows; row++)
        {
            text.Append(unique is null ? (row == 0 ? " VALUES (" : ", (") : " SELECT ");
            for (var c = 0; c < columns.Count; c++)
                text.Append(c == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder(Names(row, prefix)[c]));
            if (unique is null) text.Append(')');
        }
        if (unique is not null)
        {
            var index = columns.Select((p, i) => (p, i)).Single(x => x.p.Name == unique).i;
            text.Append(" WHERE NOT EXISTS (SELECT 1 FROM ").Append(table).Append(" WHERE ")
                .Append(sql.DelimitIdentifier(columns[index].GetColumnName())).Append(" = ")
                .Append(sql.GenerateParameterNamePlaceholder(Names(0)[index])).Append(')')
                .Append(" RETURNING ").Append(sql.DelimitIdentifier(generatedKey!.GetColumnName()));
        }
        return text.ToString();
    }

    /// <summary>The parameter names of one row's columns: {prefix}{row}_{column}.</summary>
    private string[] Names(int row, string prefix = "p") =>
        names.GetOrAdd((row, prefix), k => Enumerable.Range(0, columns.Count).Select(c => $"{k.Prefix}{k.Row}_{c}").ToArray());

    private RelationalCommandParameterObject Parameters(DbContext db, IReadOnlyList<T> rows)
    {
        var values = new Dictionary<string, object?>(rows.Count * columns.Count);
        for (var row = 0; row < rows.Count; row++)
            for (var c = 0; c < columns.Count; c++)
            {
                values[Names(row)[c]] = columns[c].GetGetter().GetClrValueUsingContainingEntity(rows[row]);
            }
        return Parameters(db, values);
    }

    private static RelationalCommandParameterObject Parameters(DbContext db, Dictionary<string, object?> values) =>
        new RelationalCommandParameterObject(db.GetService<IRelationalConnection>(), values, null, db,
            db.GetService<IRelationalCommandDiagnosticsLogger>(), CommandSource.SaveChanges);
}
