using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Primitives;
using Portal.Contents.Models;
using Portal.Contents.Services;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;
using Portal.Core.Security;

namespace Portal.Contents.Controllers;

[Area("Portal.Contents")]
[Authorize(Policy = PermissionPolicy.Prefix + "AccessAdmin")]
[Authorize(Policy = PermissionPolicy.Prefix + "ManageContentTypes")]
[Route("admin/content-types")]
public sealed class ContentTypesController(
    ContentDefinitionStore store, ContentTypeEditor editor, ContentManager content, IEnumerable<FieldFlag> flags,
    IStringLocalizer<ContentTypesController> T) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index() =>
        View((await store.GetAsync()).ContentTypes.OrderBy(t => t.DisplayName, StringComparer.CurrentCulture).ToList());

    [HttpGet("create")]
    public IActionResult Create() =>
        View(new TypeCreateModel(new TypeInput("", "", new ContentTypeSettings(), ["TitlePart"], new Dictionary<string, StringValues>()), store.PartKinds, []));

    [HttpPost("create")]
    public async Task<IActionResult> Create(string? displayName, string? name, string[]? parts)
    {
        var input = new TypeInput(displayName ?? "", name, ReadSettings(), parts ?? [], new Dictionary<string, StringValues>());
        var errors = await editor.CreateTypeAsync(input);
        if (errors.Count > 0) return View(new TypeCreateModel(input, store.PartKinds, errors));
        var created = string.IsNullOrWhiteSpace(name) ? TechnicalName.Suggest(displayName) : name.Trim();
        TempData["Notice"] = T["The content type '{0}' was created. Add its fields below.", input.DisplayName.Trim()].Value;
        return Redirect($"/admin/content-types/{created}/edit");
    }

    [HttpGet("{name}/edit")]
    public async Task<IActionResult> Edit(string name)
    {
        var type = await store.GetTypeAsync(name);
        if (type is null) return NotFound();
        return View(await EditModelAsync(type, null, null, []));
    }

    [HttpPost("{name}/edit")]
    public async Task<IActionResult> Edit(string name, string? displayName, string[]? parts)
    {
        var type = await store.GetTypeAsync(name);
        if (type is null) return NotFound();
        var partSettings = Request.Form.Where(f => f.Key.StartsWith("PartSettings.", StringComparison.Ordinal))
            .ToDictionary(f => f.Key["PartSettings.".Length..], f => f.Value);
        var input = new TypeInput(displayName ?? "", name, ReadSettings(), parts ?? [], partSettings);
        var errors = await editor.UpdateTypeAsync(name, input);
        if (errors.Count > 0) return View(await EditModelAsync(type, input, null, errors));
        TempData["Notice"] = T["The content type was saved."].Value;
        return Redirect($"/admin/content-types/{name}/edit");
    }

    [HttpPost("{name}/fields")]
    public async Task<IActionResult> AddField(string name, string? fieldDisplayName, string? fieldName, string? fieldKind)
    {
        var type = await store.GetTypeAsync(name);
        if (type is null) return NotFound();
        var input = new FieldInput(fieldDisplayName ?? "", fieldName, fieldKind ?? "");
        var errors = await editor.AddFieldAsync(name, input);
        if (errors.Count > 0) return View("Edit", await EditModelAsync(type, null, input, errors));
        var added = string.IsNullOrWhiteSpace(fieldName) ? TechnicalName.Suggest(fieldDisplayName) : fieldName.Trim();
        TempData["Notice"] = T["The field '{0}' was added.", input.DisplayName.Trim()].Value;
        return Redirect($"/admin/content-types/{name}/edit#field-{added}");
    }

    [HttpPost("{name}/fields/{field}/move")]
    public async Task<IActionResult> MoveField(string name, string field, string direction)
    {
        if (await FindFieldAsync(name, field) is null) return NotFound();
        var errors = await editor.MoveFieldAsync(name, field, up: direction == "up");
        if (errors.Count > 0) TempData["Notice"] = string.Join(" ", errors.Select(e => e.Message));
        return Redirect($"/admin/content-types/{name}/edit#field-{field}");
    }

    [HttpGet("{name}/fields/{field}/remove")]
    public async Task<IActionResult> RemoveField(string name, string field)
    {
        var found = await FindFieldAsync(name, field);
        if (found is null) return NotFound();
        var count = await content.Records.CountAsync(r => r.ContentType == name && r.Latest);
        return View(new FieldRemoveModel(found.Value.Type, found.Value.Field, count));
    }

    [HttpPost("{name}/fields/{field}/remove")]
    [ActionName("RemoveField")]
    public async Task<IActionResult> RemoveFieldConfirmed(string name, string field)
    {
        var found = await FindFieldAsync(name, field);
        if (found is null) return NotFound();
        var errors = await editor.RemoveFieldAsync(name, field);
        TempData["Notice"] = errors.Count > 0
            ? string.Join(" ", errors.Select(e => e.Message))
            : T["The field '{0}' was removed.", found.Value.Field.DisplayName].Value;
        return Redirect($"/admin/content-types/{name}/edit");
    }

    [HttpGet("{name}/fields/{field}/edit")]
    public async Task<IActionResult> EditField(string name, string field)
    {
        var found = await FindFieldAsync(name, field);
        if (found is null) return NotFound();
        return View(await FieldEditModelAsync(found.Value.Type, found.Value.Field, null, []));
    }

    [HttpPost("{name}/fields/{field}/edit")]
    public async Task<IActionResult> EditField(string name, string field, string? displayName, [FromForm(Name = "Editor")] string? textEditor, bool sensitive)
    {
        var found = await FindFieldAsync(name, field);
        if (found is null) return NotFound();
        var values = Request.Form.Where(f => f.Key.StartsWith("Settings.", StringComparison.Ordinal))
            .ToDictionary(f => f.Key["Settings.".Length..], f => f.Value);
        var errors = await editor.UpdateFieldAsync(name, field, displayName ?? "", textEditor, values, sensitive);
        if (errors.Count > 0)
            return View(await FieldEditModelAsync(found.Value.Type, found.Value.Field, new FieldSettingsInput(displayName ?? "", textEditor, values, sensitive), errors));
        TempData["Notice"] = T["The field '{0}' was saved.", displayName!.Trim()].Value;
        return Redirect($"/admin/content-types/{name}/edit#field-{field}");
    }

    [HttpGet("{name}/delete")]
    public async Task<IActionResult> Delete(string name)
    {
        var type = await store.GetTypeAsync(name);
        if (type is null) return NotFound();
        var count = await content.Records.CountAsync(r => r.ContentType == name && (r.Latest || r.Published));
        return View(new TypeDeleteModel(type, count, []));
    }

    [HttpPost("{name}/delete")]
    [ActionName("Delete")]
    public async Task<IActionResult> DeleteConfirmed(string name)
    {
        var type = await store.GetTypeAsync(name);
        if (type is null) return NotFound();
        var errors = await editor.DeleteTypeAsync(name);
        if (errors.Count > 0)
        {
            var count = await content.Records.CountAsync(r => r.ContentType == name && (r.Latest || r.Published));
            return View("Delete", new TypeDeleteModel(type, count, errors));
        }
        TempData["Notice"] = T["The content type '{0}' was deleted.", type.DisplayName].Value;
        return Redirect("/admin/content-types");
    }

    private ContentTypeSettings ReadSettings() => new()
    {
        Creatable = Checked("Creatable"),
        Listable = Checked("Listable"),
        Draftable = Checked("Draftable"),
        Versionable = Checked("Versionable"),
        Securable = Checked("Securable"),
        Stereotype = Request.Form["Stereotype"].ToString().Trim() is { Length: > 0 } s ? s : null,
    };

    private bool Checked(string name) => Request.Form[name].Any(v => v is "true" or "on");

    private async Task<(ContentTypeDefinition Type, ContentPartFieldDefinition Field)?> FindFieldAsync(string typeName, string fieldName)
    {
        var document = await store.GetAsync();
        var type = document.ContentTypes.FirstOrDefault(t => t.Name == typeName);
        var field = document.ContentParts.FirstOrDefault(p => p.Name == typeName)?.Fields.FirstOrDefault(f => f.Name == fieldName);
        return type is null || field is null ? null : (type, field);
    }

    private async Task<TypeEditModel> EditModelAsync(ContentTypeDefinition type, TypeInput? form, FieldInput? newField, IReadOnlyList<ContentError> errors)
    {
        var document = await store.GetAsync();
        var typeNames = document.ContentTypes.Select(t => t.Name).ToHashSet();
        var reusable = document.ContentParts.Where(p => !typeNames.Contains(p.Name)).OrderBy(p => p.Name).ToList();
        var fields = document.ContentParts.FirstOrDefault(p => p.Name == type.Name)?.OrderedFields().ToList() ?? [];
        form ??= new TypeInput(type.DisplayName, type.Name, type.TypeSettings, type.OrderedParts().Select(p => p.Name).ToList(),
            new Dictionary<string, StringValues>());
        return new TypeEditModel(type, form, newField ?? new FieldInput("", "", ""), fields, store.FieldKinds, store.PartKinds, reusable, flags.ToList(), errors);
    }

    private async Task<FieldEditModel> FieldEditModelAsync(ContentTypeDefinition type, ContentPartFieldDefinition field, FieldSettingsInput? form, IReadOnlyList<ContentError> errors)
    {
        var kind = store.FieldKinds.First(k => k.Name == field.FieldName);
        var stored = field.KindSettings.Json;
        form ??= new FieldSettingsInput(field.DisplayName, field.Settings["ContentPartFieldSettings"]?["Editor"]?.ToString(),
            kind.SettingKeys.ToDictionary(k => k, k => new StringValues(FieldSettingsForm.Format(kind.Name, k, stored[k])))
                .Concat(flags.Select(f => KeyValuePair.Create(f.InputKey, new StringValues(f.IsSet(field.Settings) ? "true" : ""))))
                .ToDictionary(), field.Sensitive);
        var types = (await store.GetAsync()).ContentTypes.OrderBy(t => t.DisplayName, StringComparer.CurrentCulture).ToList();
        return new FieldEditModel(type, field, kind, form, types, flags.ToList(), errors);
    }
}
