using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;
using Portal.Core.Content.Privacy;
using Portal.Core.Data;
using Portal.Wishes.Handlers;
using Portal.Wishes.Models;

namespace Portal.Wishes.Services;

public sealed record ImportIssue(int Row, string Column, string Message);

/// <summary>
/// What an import did or, for a preview, would do: nothing is kept when <see cref="Errors"/> is not empty (but the
/// <see cref="Imported"/> rows of the batches stored before a refused one, see <see cref="WishImport.ImportAsync"/>).
/// </summary>
public sealed record ImportReport(int Rows, int Imported, bool Committed, IReadOnlyList<ImportIssue> Errors, IReadOnlyList<ImportIssue> Duplicates);

/// <summary>A column of the file: its header and the field it fills (<see cref="Field"/> null: none).</summary>
public sealed record ImportTableColumn(string Header, string? Field, bool Sensitive);
public sealed record ImportTableRow(int Row, IReadOnlyList<string> Cells);
public sealed record ImportTable(IReadOnlyList<ImportTableColumn> Columns, IReadOnlyList<ImportTableRow> Rows, int RowCount);

/// <summary>
/// Imports wishes from a spreadsheet (CSV, a header row of field names or display names). Every row goes through the
/// content manager's validation and starts as submitted, waiting for review. Rows are created in batches
/// (<see cref="ContentManager.CreateManyAsync"/>), each one transaction: all rows one batch, or, for an import that reports
/// its progress, batches of <see cref="BatchSize"/> after a check of the whole file. One bad row and nothing is imported,
/// and the report names every bad row and column. A preview runs the same and rolls back.
/// Wishes of the same person (name and phone) for the same item, in the file or already stored, are flagged for staff.
/// </summary>
public sealed class WishImport(
    PortalDbContext db, ContentManager content, ContentDefinitionStore definitions, WishLifecycle lifecycle, WishDuplicates duplicateRule, IStringLocalizer<WishImport> T)
{
    public const int MaxRows = 5000;
    private const string Title = "Title";

    /// <summary>Rows stored per transaction when an import reports its progress, and per emptying of the change tracker.</summary>
    public const int BatchSize = 100;

    /// <summary>
    /// Previews (<paramref name="commit"/> false: every row checked, nothing kept) or imports the file. Without
    /// <paramref name="progress"/> an import is one transaction. With it, the whole file is first checked as a preview
    /// (a refused file imports nothing), then stored <see cref="BatchSize"/> rows per transaction, and
    /// <paramref name="progress"/> runs inside each batch's transaction with the rows imported once it commits, so what
    /// it writes commits with those rows. A batch refused after the check (the file's community removed meanwhile) stops
    /// the import there: the report's <see cref="ImportReport.Imported"/> says how many rows stayed.
    /// </summary>
    public async Task<ImportReport> ImportAsync(string csv, string channel, bool commit, Func<int, Task>? progress = null)
    {
        var rows = Csv.Parse(csv);
        var errors = new List<ImportIssue>();
        if (rows.Count < 2) return new(0, 0, false, [new(1, "", T["The file has no rows under its header."])], []);
        if (rows.Count - 1 > MaxRows) return new(rows.Count - 1, 0, false, [new(1, "", T["The file has {0} rows; import at most {1} at a time.", rows.Count - 1, MaxRows])], []);

        var document = await definitions.GetAsync();
        var part = document.ContentParts.FirstOrDefault(p => p.Name == WishFields.Type);
        if (part is null) return new(rows.Count - 1, 0, false, [new(1, "", T["The Wish type has no fields to import into."])], []);
        var columns = rows[0].Select((header, i) => new ImportColumn(i, header.Trim(), FieldFor(part, header.Trim()))).ToList();
        foreach (var unknown in columns.Where(c => c.Field is null && !IsTitle(c.Header) && c.Header.Length > 0))
            errors.Add(new(1, unknown.Header, T["The column '{0}' is not a field of the wish.", unknown.Header]));
        if (errors.Count > 0) return new(rows.Count - 1, 0, false, errors, []);

        var file = new ImportFile(rows, columns, channel, []);
        if (progress is null || !commit) return await StoreAsync(file, 1, rows.Count, commit, null);
        var check = await StoreAsync(file, 1, rows.Count, commit: false, null);
        if (check.Errors.Count > 0) return check;

        var duplicates = new List<ImportIssue>();
        var imported = 0;
        for (var first = 1; first < rows.Count; first += BatchSize)
        {
            var batch = await StoreAsync(file, first, Math.Min(first + BatchSize, rows.Count), commit: true, done => progress(imported + done));
            duplicates.AddRange(batch.Duplicates);
            if (batch.Errors.Count > 0) return new(rows.Count - 1, imported, imported > 0, batch.Errors, duplicates);
            imported += batch.Imported;
        }
        return new(rows.Count - 1, imported, true, [], duplicates);
    }

    /// <summary>The columns a file may have (the template's header row), and the intake channels for rows that name none.</summary>
    public async Task<(IReadOnlyList<string> Headers, IReadOnlyList<(string Value, string Text)> Channels)> ColumnsAsync()
    {
        var part = (await definitions.GetAsync()).ContentParts.FirstOrDefault(p => p.Name == WishFields.Type);
        if (part is null) return ([], []);
        var channel = part.Fields.FirstOrDefault(f => f.Name == WishFields.IntakeChannel);
        return (["标题", .. part.Fields.Select(f => f.DisplayName)], channel?.KindSettings.Options ?? []);
    }

    /// <summary>The file's header mapped onto the Wish's fields and its first <paramref name="take"/> rows, for a preview table.</summary>
    public async Task<ImportTable> TableAsync(string csv, int take)
    {
        var rows = Csv.Parse(csv);
        var part = (await definitions.GetAsync()).ContentParts.FirstOrDefault(p => p.Name == WishFields.Type);
        var columns = rows.FirstOrDefault()?.Select(h => h.Trim()).Select(header => part is not null && FieldFor(part, header) is { } field
            ? new ImportTableColumn(header, field.DisplayName, field.Sensitive)
            : new ImportTableColumn(header, IsTitle(header) ? T["Title"].Value : null, false)).ToList() ?? [];
        var shown = rows.Skip(1).Select((cells, i) => new ImportTableRow(i + 2, cells)).Where(r => !r.Cells.All(string.IsNullOrWhiteSpace)).Take(take).ToList();
        return new(columns, shown, rows.Skip(1).Count(r => !r.All(string.IsNullOrWhiteSpace)));
    }

    private sealed record ImportColumn(int Index, string Header, ContentPartFieldDefinition? Field);

    /// <summary>The parsed file; <see cref="RowOf"/> collects the file's stored wishes by row across batches.</summary>
    private sealed record ImportFile(List<List<string>> Rows, List<ImportColumn> Columns, string Channel, Dictionary<string, int> RowOf);

    /// <summary>Rows <paramref name="first"/> to before <paramref name="end"/> (indexes into the parsed rows, 0 the header) in one transaction, kept when <paramref name="commit"/> and every row succeeded.</summary>
    private async Task<ImportReport> StoreAsync(ImportFile file, int first, int end, bool commit, Func<int, Task>? committing)
    {
        var (rows, columns) = (file.Rows, file.Columns);
        var errors = new List<ImportIssue>();
        var duplicates = new List<ImportIssue>();
        var imported = 0;
        var report = await db.InTransactionAsync(async () =>
        {
            var rowsToCreate = new List<(int Number, ContentItem Item)>();
            for (var r = first; r < end; r++)
            {
                var row = rows[r];
                var number = r + 1;
                if (row.All(string.IsNullOrWhiteSpace)) continue;
                var item = (await content.NewAsync(WishFields.Type))!;
                foreach (var column in columns)
                {
                    var text = column.Index < row.Count ? row[column.Index].Trim() : "";
                    if (IsTitle(column.Header)) item.Part("TitlePart")["Title"] = text;
                    else if (column.Field is { } field && text.Length > 0)
                    {
                        if (await ValueAsync(field, text) is { } value) item.Part(WishFields.Type)[field.Name] = value;
                        else errors.Add(new(number, column.Header, T["'{0}' is not a valid value for {1}.", text, field.DisplayName]));
                    }
                }
                if (item.Content[WishFields.Type]?[WishFields.IntakeChannel] is null)
                    item.Field(WishFields.Type, WishFields.IntakeChannel)["Value"] = file.Channel;
                rowsToCreate.Add((number, item));
            }
            // Every row is validated, and the rows commit once instead of once per row. The change tracker is emptied
            // every BatchSize rows: what it holds is saved, and each save compares every tracked entity, so a whole file
            // in one tracker costs the square of its rows (a 2,000-row preview: 35 s instead of 5).
            var created = true;
            foreach (var chunk in rowsToCreate.Chunk(BatchSize))
            {
                var batch = await content.CreateManyAsync([.. chunk.Select(r => r.Item)]);
                db.ChangeTracker.Clear();
                created &= batch.Succeeded;
                for (var i = 0; i < chunk.Length; i++)
                    errors.AddRange(batch.Results[i].Errors.Select(e => new ImportIssue(chunk[i].Number, ColumnOf(columns, e.Path), e.Message)));
            }
            if (!created) return new ImportReport(rows.Count - 1, 0, false, errors, duplicates);

            var rowOf = new Dictionary<string, int>(file.RowOf);
            foreach (var (number, item) in rowsToCreate) rowOf[item.ContentItemId] = number;
            foreach (var (number, item) in rowsToCreate)
            {
                if (imported % BatchSize == 0) db.ChangeTracker.Clear();
                var moved = await lifecycle.MoveAsync(item.ContentItemId, WishStatus.Submitted);
                if (!moved.Succeeded) errors.Add(new(number, "", moved.Error!));
                imported++;
                await FlagDuplicateAsync(item, number, rowOf, duplicates);
            }
            if (commit && errors.Count == 0)
            {
                if (committing is not null) await committing(imported);
                foreach (var (number, item) in rowsToCreate) file.RowOf[item.ContentItemId] = number;
            }
            return new ImportReport(rows.Count - 1, imported, commit && errors.Count == 0, errors, duplicates);
        }, r => r.Committed);
        // A preview tells how many rows would be imported; a rejected file imported none.
        return report.Errors.Count > 0 ? report with { Imported = 0 } : report;
    }

    /// <summary>The shared duplicate rule, against stored wishes and the rows above this one (<paramref name="rowOf"/>: the file's wishes by row).</summary>
    private async Task FlagDuplicateAsync(ContentItem created, int row, Dictionary<string, int> rowOf, List<ImportIssue> duplicates)
    {
        var below = rowOf.Where(r => r.Value >= row).Select(r => r.Key).ToHashSet();
        if ((await duplicateRule.OfAsync(created, below)).FirstOrDefault() is not { } other) return;
        duplicates.Add(rowOf.TryGetValue(other.WishId, out var earlier)
            ? new(row, WishFields.WisherName, T["The same person wishes for the same item as row {0}.", earlier])
            : new(row, WishFields.WisherName, T["The same person already has a wish for this item: '{0}' ({1}).", other.Title, other.WishId]));
        await duplicateRule.FlagAsync(created.ContentItemId, rowOf.ContainsKey(other.WishId) ? $"row {earlier}" : other.WishId);
    }

    private static bool IsTitle(string header) => header is Title or "标题";

    private static ContentPartFieldDefinition? FieldFor(ContentPartDefinition part, string header) =>
        part.Fields.FirstOrDefault(f => string.Equals(f.Name, header, StringComparison.OrdinalIgnoreCase))
        ?? part.Fields.FirstOrDefault(f => f.DisplayName == header);

    private static string ColumnOf(List<ImportColumn> columns, string path)
    {
        var field = path.Split('.').LastOrDefault() ?? "";
        return columns.FirstOrDefault(c => c.Field?.Name == field)?.Header ?? (field == Title ? Title : field);
    }

    /// <summary>The field's JSON for a cell: enumerations by value or shown text, pickers by the picked item's title.</summary>
    private async Task<JsonObject?> ValueAsync(ContentPartFieldDefinition field, string text)
    {
        switch (field.FieldName)
        {
            case "EnumerationField":
                var option = field.KindSettings.Options.FirstOrDefault(o => o.Value == text || o.Text == text);
                return option.Value is null && field.KindSettings.Options.Count > 0 ? null : new JsonObject { ["Value"] = option.Value ?? text };
            case "NumericField":
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? new JsonObject { ["Value"] = n } : null;
            case "BooleanField":
                return text.ToLowerInvariant() switch
                {
                    "是" or "true" or "yes" or "1" or "y" => new JsonObject { ["Value"] = true },
                    "否" or "false" or "no" or "0" or "n" => new JsonObject { ["Value"] = false },
                    _ => null,
                };
            case "DateField":
                return DateOnly.TryParse(text, CultureInfo.InvariantCulture, out var d) ? new JsonObject { ["Value"] = d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) } : null;
            case "ContentPickerField":
                var types = field.KindSettings.Json["DisplayedContentTypes"] is JsonArray a ? a.Select(JsonValues.Text).OfType<string>().ToList() : [];
                var id = await content.Records.Where(r => r.Latest && r.DisplayText == text && (types.Count == 0 || types.Contains(r.ContentType)))
                    .Select(r => r.ContentItemId).FirstOrDefaultAsync();
                return id is null ? null : new JsonObject { ["ContentItemIds"] = new JsonArray(id) };
            default:
                return new JsonObject { ["Text"] = text };
        }
    }
}
