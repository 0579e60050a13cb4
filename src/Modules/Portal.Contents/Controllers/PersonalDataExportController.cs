using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Portal.Core;
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

        var rows = new List<IReadOnlyList<string>> { new[] { "ContentItemId", "DisplayText" }.Concat(labels).ToList() };
        foreach (var item in items)
        {
            var stored = values.GetValueOrDefault(item.ContentItemId);
            rows.Add(new[] { item.ContentItemId, item.DisplayText }.Concat(fields.Select(f => Text(stored?[f.PartName]?[f.FieldName]))).ToList());
        }
        var bytes = Csv.Write(rows);
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
}
