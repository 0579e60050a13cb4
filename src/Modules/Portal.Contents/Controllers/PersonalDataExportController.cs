using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;
using Portal.Core.Content.Privacy;
using Portal.Core.Security;

namespace Portal.Contents.Controllers;

/// <summary>
/// The personal data of every item of a type as CSV (UTF-8 with BOM, so spreadsheet programs read Chinese):
/// only for staff allowed to export it, and every export is logged.
/// </summary>
[Area("Portal.Contents")]
[Authorize(Policy = PermissionPolicy.Prefix + "AccessAdmin")]
[Authorize(Policy = PermissionPolicy.Prefix + "ExportPersonalData")]
[Route("admin/personal-data")]
public sealed class PersonalDataExportController(ContentManager content, ContentDefinitionStore definitions, PersonalData personalData) : Controller
{
    [HttpGet("{type}.csv")]
    public async Task<IActionResult> Export(string type)
    {
        var document = await definitions.GetAsync();
        var definition = document.ContentTypes.FirstOrDefault(t => t.Name == type);
        if (definition is null) return NotFound();
        var fields = PersonalData.FieldsOf(document, definition);
        var labels = fields.Select(f => document.ContentParts.SelectMany(p => p.Fields).FirstOrDefault(x => x.Name == f.FieldName)?.DisplayName ?? f.FieldName);

        var items = await content.Records.Where(r => r.ContentType == type && r.Latest).OrderBy(r => r.Id)
            .Select(r => new { r.ContentItemId, r.DisplayText }).ToListAsync();
        var values = await personalData.RevealManyAsync(items.Select(i => i.ContentItemId).ToList(), PersonalData.ExportPurpose, type);

        var csv = new StringBuilder();
        csv.AppendLine(string.Join(",", new[] { "ContentItemId", "DisplayText" }.Concat(labels).Select(Cell)));
        foreach (var item in items)
        {
            var stored = values.GetValueOrDefault(item.ContentItemId);
            var cells = fields.Select(f => Text(stored?[f.PartName]?[f.FieldName]));
            csv.AppendLine(string.Join(",", new[] { item.ContentItemId, item.DisplayText }.Concat(cells).Select(Cell)));
        }
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        Response.Headers.CacheControl = "no-store";
        return File(bytes, "text/csv; charset=utf-8", $"{type}-personal-data.csv");
    }

    private static string Text(JsonNode? field) => field switch
    {
        JsonObject o => string.Join(" ", o.Select(p => p.Value switch
        {
            JsonArray a => string.Join(";", a.Select(x => x?.ToString())),
            null => "",
            var v => v.ToString(),
        }).Where(s => s.Length > 0)),
        _ => "",
    };

    /// <summary>Quotes a cell; a leading =, +, - or @ is defused so a spreadsheet does not run it as a formula.</summary>
    private static string Cell(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && "=+-@".Contains(text[0])) text = "'" + text;
        return "\"" + text.Replace("\"", "\"\"") + "\"";
    }
}
